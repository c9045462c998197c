# PSGI app: Debian's Dancer::Plugin::Catmandu::OAI (the OAI-PMH 2.0 provider)
# over Catmandu::Store::OAIPeerDir (a read-only directory store).
# Started by oai-provider.sh under starman; configured through:
#   OAI_PEER_DIR       directory of records (required)
#   OAI_PEER_PAGESIZE  records per ListRecords/ListIdentifiers page (100)
#   OAI_PEER_FAULT     "503": every 3rd request is HTTP 503 + Retry-After: 1
#                      (requests with header X-OAI-Peer-Probe are not counted)
#   OAI_PEER_ORDER     list order: "datestamp" (default; then identifier) or
#                      "id".  Tokens are offsets into this order.
#   OAI_PEER_REPO_ID   repositoryIdentifier (oai-peer.test); the plugin
#                      always prints identifiers as oai:<REPO_ID>:<file name>
#   OAI_PEER_BARE_IDS  "1": strip that prefix from <identifier> in responses,
#                      so identifiers are the bare file names (requests may
#                      use either form: the plugin strips the prefix itself)
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Spec;
use File::Find ();

my $here;
BEGIN { $here = File::Spec->rel2abs(dirname(__FILE__)); }
use lib "$here/lib";

use Dancer ':syntax';
use Catmandu;
use Dancer::Plugin::Catmandu::OAI;
use Plack::Builder;
use Plack::Util;

my $dir = $ENV{OAI_PEER_DIR} or die "oai-peer.psgi: OAI_PEER_DIR is not set\n";
$dir = File::Spec->rel2abs($dir);
-d $dir or die "oai-peer.psgi: $dir is not a directory\n";
$dir =~ s{/+\z}{};
my $pagesize = $ENV{OAI_PEER_PAGESIZE} || 100;
my $fault    = $ENV{OAI_PEER_FAULT}    // '';
my $repo_id  = $ENV{OAI_PEER_REPO_ID}  || 'oai-peer.test';
my $order    = ($ENV{OAI_PEER_ORDER} // '') eq 'id' ? '_id' : 'datestamp';
my $bare_ids = ($ENV{OAI_PEER_BARE_IDS} // '') eq '1';

set appdir       => $here;
set charset      => 'UTF-8';
set logger       => 'console';
set log          => 'warning';
set show_errors  => 0;
set startup_info => 0;
set apphandler   => 'PSGI';

Catmandu->config({
    store => {oaipeer => {package => 'OAIPeerDir', options => {dir => $dir, order => $order}}}
});

# Sets are the folders under DIR (the plugin reads its set list once, at
# start-up: folders created later are not sets until a restart).
my @sets;
File::Find::find(
    {   no_chdir   => 1,
        preprocess => sub { my @e = grep { !/^\./ } @_; return sort @e },
        wanted     => sub {
            return unless -d $File::Find::name && $File::Find::name ne $dir;
            my $spec = join ':', grep {length} split m{/},
                substr($File::Find::name, length $dir);
            push @sets, {
                setSpec => $spec,
                setName => "Records in folder " . join('/', split /:/, $spec),
                cql     => qq{set exact "$spec"},
            };
        },
    },
    $dir
);

oai_provider '/oai',
    store                => 'oaipeer',
    bag                  => 'data',
    datestamp_field      => 'datestamp',
    repositoryName       => "wisgov test peer ($dir)",
    adminEmail           => 'nobody@oai-peer.test',
    deletedRecord        => 'persistent',
    granularity          => 'YYYY-MM-DDThh:mm:ssZ',
    repositoryIdentifier => $repo_id,
    delimiter            => ':',
    sampleIdentifier     => "oai:$repo_id:urn:x-wmo:md:int.wmo.wis::SMAA01EGRR",
    compression          => ['gzip', 'deflate'],
    limit                => $pagesize,
    metadata_formats     => [
        {   metadataPrefix    => 'iso19139',
            schema            => 'http://www.isotc211.org/2005/gmd/gmd.xsd',
            metadataNamespace => 'http://www.isotc211.org/2005/gmd',
            template          => "$here/templates/iso19139.tt",
        },
        {   metadataPrefix    => 'oai_dc',
            schema            => 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
            metadataNamespace => 'http://www.openarchives.org/OAI/2.0/oai_dc/',
            template          => "$here/templates/oai_dc.tt",
        },
    ],
    sets          => \@sets,
    deleted       => sub { $_[0]->{deleted} },
    set_specs_for => sub { $_[0]->{sets} };

my $app = sub { Dancer->dance(Dancer::Request->new(env => $_[0])) };

builder {
    if ($fault eq '503') {
        my $n = 0;
        enable sub {
            my $inner = shift;
            sub {
                return [503, ['Content-Type' => 'text/plain', 'Retry-After' => '1'],
                    ["503 Service Unavailable (injected fault)\n"]]
                    if !$_[0]{HTTP_X_OAI_PEER_PROBE} && ++$n % 3 == 0;
                $inner->(@_);
            };
        };
    }
    enable 'Deflater',
        content_type    => ['application/xml', 'text/xml'],
        vary_user_agent => 0;
    if ($bare_ids) {
        my $ns = "oai:$repo_id:";
        enable sub {
            my $inner = shift;
            sub {
                Plack::Util::response_cb($inner->(@_), sub {
                    Plack::Util::header_remove($_[0][1], 'Content-Length');
                    sub {
                        my $chunk = shift;
                        $chunk =~ s{<identifier>\Q$ns\E}{<identifier>}g if defined $chunk;
                        $chunk;
                    };
                });
            };
        };
    }
    $app;
};
