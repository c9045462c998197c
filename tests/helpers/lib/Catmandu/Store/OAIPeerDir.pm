package Catmandu::Store::OAIPeerDir;

# A READ-ONLY Catmandu store over a directory of XML files, searchable with
# the small CQL subset that Dancer::Plugin::Catmandu::OAI sends.  It is glue
# only: it knows nothing about OAI-PMH (verbs, tokens, errors and XML
# envelopes are all the plugin's).  CQL is parsed by CQL::Parser.
#
#   DIR/<a>/<b>/<name>.xml   one record; _id = <name>; set = "a:b"
#   mtime                    datestamp, UTC, YYYY-MM-DDThh:mm:ssZ
#   0-byte file              deleted record
#
# The directory is re-scanned (stat only) on every search, so changes made
# between requests are seen at once; files are read only for returned hits.
#
# CQL indexes:  _id (exact, =, ==)   datestamp (>=, <=, >, <, =, exact)
#               set (exact, =: the record's set or any ancestor set)
#               cql.allRecords;  booleans and / or / not.
# Sort keys (sru_sortkeys "index,,1"): datestamp or _id; default (option
# "order"): datestamp then _id, ascending.

use Catmandu::Sane;
use Moo;
use namespace::clean;

our $VERSION = '0.1';

with 'Catmandu::Store';

has dir => (is => 'ro', required => 1);
# List order when no sort is asked for: 'datestamp' (then _id) or '_id'.
has order => (is => 'ro', default => 'datestamp');

1;

package Catmandu::Store::OAIPeerDir::Bag;

use Catmandu::Sane;
use Catmandu::Hits;
use Catmandu::Iterator;
use CQL::Parser;
use POSIX qw(strftime);
use Encode ();
use Moo;
use namespace::clean;

with 'Catmandu::Bag';
with 'Catmandu::Searchable';

# The plugin's page size is honoured up to this many records.
sub default_maximum_limit {100000}

sub _ro { Catmandu::NotImplemented->throw(message => 'OAIPeerDir is read-only') }
sub add             { _ro() }
sub delete          { _ro() }
sub delete_all      { _ro() }
sub delete_by_query { _ro() }
sub drop            { _ro() }

# Scan the tree: one entry per identifier, without reading any file.
my %STAMP;    # mtime -> datestamp string
sub _scan {
    my ($self) = @_;
    my %seen;
    my @todo = ([$self->store->dir, []]);
    while (my $d = shift @todo) {
        my ($path, $parts) = @$d;
        opendir(my $dh, $path) or next;
        my @names = sort grep { !/^\./ } readdir $dh;
        closedir $dh;
        my $set = join ':', @$parts;
        my %member;
        $member{ join ':', @$parts[0 .. $_] } = 1 for 0 .. $#$parts;
        for my $name (@names) {
            my $file = "$path/$name";
            my @st = stat $file or next;
            if (-d _) { push @todo, [$file, [@$parts, $name]]; next; }
            next unless -f _ && $name =~ /\A(.+)\.xml\z/s;
            my $id  = $1;
            my $rec = {
                _id       => $id,
                _path     => $file,
                datestamp => ($STAMP{$st[9]} //= strftime('%Y-%m-%dT%H:%M:%SZ', gmtime $st[9])),
                deleted   => $st[7] == 0 ? 1 : 0,
                sets      => (length $set ? [$set] : []),
                _member   => \%member,
            };
            # The same name in two folders: keep the newest (then the first
            # found, breadth first and sorted), and say so.
            if (my $old = $seen{$id}) {
                warn "OAIPeerDir: duplicate identifier $id: $old->{_path} and $file\n";
                next if $old->{datestamp} ge $rec->{datestamp};
            }
            $seen{$id} = $rec;
        }
    }
    [values %seen];
}

# Read the file of a hit: the XML as characters, without its declaration.
sub _load {
    my ($self, $rec) = @_;
    my %out = %$rec;
    delete @out{qw(_path _member)};
    return \%out if $rec->{deleted};
    open my $fh, '<:raw', $rec->{_path} or return \%out;    # vanished: header only
    my $bytes = do { local $/; <$fh> };
    close $fh;
    my $xml = Encode::decode('UTF-8', $bytes);
    $xml =~ s/\A\x{FEFF}//;
    $xml =~ s/\A\s*<\?xml\b.*?\?>\s*//s;
    $xml =~ s/\s+\z//;
    $out{xml} = $xml;

    # A few plain fields for an oai_dc template (text kept as escaped in XML).
    my $cs = sub {
        $xml =~ m{<gmd:$_[0]>\s*<gco:(?:CharacterString|DateTime|Date)>([^<]*)</gco:}
            ? $1 : undef;
    };
    $out{dc_identifier}  = $cs->('fileIdentifier');
    $out{dc_title}       = $cs->('title');
    $out{dc_description} = $cs->('abstract');
    $out{dc_date}        = $cs->('dateStamp');
    \%out;
}

my %CMP = (
    '='     => sub { $_[0] eq $_[1] },
    '=='    => sub { $_[0] eq $_[1] },
    'exact' => sub { $_[0] eq $_[1] },
    '>='    => sub { $_[0] ge $_[1] },
    '<='    => sub { $_[0] le $_[1] },
    '>'     => sub { $_[0] gt $_[1] },
    '<'     => sub { $_[0] lt $_[1] },
);

# Compile a CQL tree into a predicate on scanned entries.
sub _compile {
    my ($node) = @_;
    if ($node->isa('CQL::TermNode')) {
        my $index = $node->getQualifier // '';
        my $term  = $node->getTerm;
        my $rel   = lc $node->getRelation->getBase;
        if ($index eq '' || $index =~ /^(?:cql|srw)\.serverChoice\z/i) {
            return sub {1} if $term eq 'cql.allRecords';
            Catmandu::BadArg->throw("OAIPeerDir: unsupported CQL term '$term'");
        }
        my $cmp = $CMP{$rel}
            or Catmandu::BadArg->throw("OAIPeerDir: unsupported CQL relation '$rel'");
        if ($index eq '_id' || $index eq 'datestamp') {
            return sub { $cmp->($_[0]{$index}, $term) };
        }
        if ($index eq 'set' && ($rel eq 'exact' || $rel eq '=' || $rel eq '==')) {
            return sub { $_[0]{_member}{$term} };
        }
        Catmandu::BadArg->throw("OAIPeerDir: unsupported CQL index '$index $rel'");
    }
    my ($l, $r) = map { _compile($_) } $node->left, $node->right;
    my $op = ref $node;
    return sub { $l->($_[0]) && $r->($_[0]) }  if $op eq 'CQL::AndNode';
    return sub { $l->($_[0]) || $r->($_[0]) }  if $op eq 'CQL::OrNode';
    return sub { $l->($_[0]) && !$r->($_[0]) } if $op eq 'CQL::NotNode';
    Catmandu::BadArg->throw("OAIPeerDir: unsupported CQL node $op");
}

sub _sorter {
    my ($keys) = @_;
    my @keys;
    for my $k (split ' ', $keys // '') {
        my ($index, undef, $asc) = split /,/, $k;
        next unless $index eq 'datestamp' || $index eq '_id';
        push @keys, [$index, (defined $asc && $asc eq '0') ? -1 : 1];
    }
    @keys = (['datestamp', 1]) unless @keys;
    push @keys, ['_id', 1];
    sub {
        for my $k (@keys) {
            my $c = ($_[0]{$k->[0]} cmp $_[1]{$k->[0]}) * $k->[1];
            return $c if $c;
        }
        0;
    };
}

sub _query {
    my ($self, %args) = @_;
    my $q = $args{cql_query} // $args{query} // 'cql.allRecords';
    my $match = _compile(CQL::Parser->new->parse($q));
    my @hits = grep { $match->($_) } @{$self->_scan};
    my $keys = $args{sru_sortkeys} // ($self->store->order eq '_id' ? '_id,,1' : 'datestamp,,1');
    if ($keys eq 'datestamp,,1') {    # fast paths
        return [sort { $a->{datestamp} cmp $b->{datestamp} || $a->{_id} cmp $b->{_id} } @hits];
    }
    if ($keys eq '_id,,1') {
        return [sort { $a->{_id} cmp $b->{_id} } @hits];
    }
    my $by = _sorter($keys);
    [sort { $by->($a, $b) } @hits];
}

sub search {
    my ($self, %args) = @_;
    my $all   = $self->_query(%args);
    my $start = $args{start} // 0;
    my $limit = $args{limit} // $self->default_limit;
    my $end   = $start + $limit - 1;
    $end = $#$all if $end > $#$all;
    Catmandu::Hits->new(
        start => $start,
        limit => $limit,
        total => scalar @$all,
        hits  => [map { $self->_load($_) } @$all[$start .. $end]],
    );
}

sub searcher {
    my ($self, %args) = @_;
    my $all = $self->_query(%args);
    Catmandu::Iterator->new(sub {
        sub { my $r = shift @$all; $r && $self->_load($r) }
    });
}

sub generator {
    my ($self) = @_;
    my $all = [sort { $a->{_id} cmp $b->{_id} } @{$self->_scan}];
    sub { my $r = shift @$all; $r && $self->_load($r) };
}

sub get {
    my ($self, $id) = @_;
    my ($rec) = grep { $_->{_id} eq $id } @{$self->_scan};
    $rec && $self->_load($rec);
}

1;
