/*
 * test_common.c -- base modules: buffers, strings, UTF-8, JSON writer,
 * units, arena, file reading.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/err.h"
#include "common/file.h"
#include "common/jsonw.h"
#include "common/str.h"
#include "common/units.h"

static void
test_buf(void)
{
	struct gov_buf b;

	gov_buf_init(&b, 8);
	is_str("", gov_buf_str(&b), "empty buffer reads as empty string");
	is_int(GOV_EOK, gov_buf_adds(&b, "abcd"), "append within limit");
	is_int(GOV_EOK, gov_buf_adds(&b, "efgh"), "append up to the limit");
	is_int(GOV_ELIMIT, gov_buf_addc(&b, 'x'), "append past the limit fails");
	is_str("abcdefgh", gov_buf_str(&b), "a failed append leaves contents unchanged");
	gov_buf_reset(&b);
	is_int(GOV_ELIMIT, gov_buf_printf(&b, "%s", "123456789"), "printf past the limit fails");
	is_int(0, (long long)b.len, "and writes nothing");
	is_int(GOV_EOK, gov_buf_printf(&b, "%d-%s", 42, "x"), "printf within limit");
	is_str("42-x", gov_buf_str(&b), "printf result");
	gov_buf_deinit(&b);
}

static void
test_str(void)
{
	char small[4], s[64];
	uint64_t v = 0;

	is_int(6, (long long)gov_strlcpy(small, "abcdef", sizeof(small)),
		"strlcpy returns source length");
	is_str("abc", small, "strlcpy truncates and terminates");
	strcpy(s, "  a \t b\n\n c  ");
	gov_normalize_space(s);
	is_str("a b c", s, "normalize-space collapses and trims");
	strcpy(s, "   ");
	gov_normalize_space(s);
	is_str("", s, "normalize-space of blanks is empty");
	is_int(GOV_EOK, gov_strtou64("1234", 0, 9999, &v), "strtou64 parses");
	is_int(1234, (long long)v, "strtou64 value");
	is_int(GOV_ELIMIT, gov_strtou64("10000", 0, 9999, &v), "strtou64 range");
	is_int(GOV_EINVAL, gov_strtou64("12a", 0, 9999, &v), "strtou64 trailing junk");
	is_int(GOV_EINVAL, gov_strtou64("-1", 0, 9999, &v), "strtou64 refuses signs");
	ok(gov_startswith_ci("URN:X-WMO:MD:int", "urn:x-wmo:md:"), "case-insensitive prefix");
}

static void
test_utf8(void)
{
	is_int(5, (long long)gov_utf8_valid_prefix("hello", 5), "ASCII is valid");
	is_int(6, (long long)gov_utf8_valid_prefix("M\xc3\xa9t\xc3\xa9", 7) == 7 ? 6 : 0,
		"two-byte sequences are valid");
	is_int(1, (long long)gov_utf8_valid_prefix("M\xe9t", 3), "Latin-1 byte stops the prefix");
	is_int(0, (long long)gov_utf8_valid_prefix("\xc0\xaf", 2), "overlong encoding refused");
	is_int(0, (long long)gov_utf8_valid_prefix("\xed\xa0\x80", 3), "surrogate refused");
	is_int(0, (long long)gov_utf8_valid_prefix("\xf4\x90\x80\x80", 4),
		"above U+10FFFF refused");
	is_int(4, (long long)gov_utf8_valid_prefix("\xf0\x9f\x98\x80", 4), "four-byte emoji valid");
	is_int(0, (long long)gov_utf8_valid_prefix("\xe2\x82", 2), "truncated sequence refused");
}

static void
test_jsonw(void)
{
	struct gov_buf b;
	struct jsonw w;

	gov_buf_init(&b, 4096);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "s", "quote\" back\\ nl\n tab\t ctl\x01 \xc3\xa9 bad\xff end");
	jsonw_str(&w, "null", NULL);
	jsonw_int(&w, "i", -5);
	jsonw_uint(&w, "u", 18446744073709551615ULL);
	jsonw_double(&w, "d", 0.5);
	jsonw_double(&w, "nan", 0.0 / 0.0);
	jsonw_bool(&w, "b", true);
	jsonw_array_begin(&w, "a");
	jsonw_str(&w, NULL, "x");
	jsonw_object_begin(&w, NULL);
	jsonw_object_end(&w);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	is_int(GOV_EOK, jsonw_error(&w), "writer finished cleanly");
	is_str("{\"s\":\"quote\\\" back\\\\ nl\\n tab\\t ctl\\u0001 \xc3\xa9 bad\\ufffd end\","
	       "\"null\":null,\"i\":-5,\"u\":18446744073709551615,\"d\":0.5,\"nan\":null,"
	       "\"b\":true,\"a\":[\"x\",{}]}",
		gov_buf_str(&b), "escaping, invalid UTF-8 replaced, nesting, null for NaN");
	gov_buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	is_int(GOV_EINVAL, jsonw_error(&w), "unclosed object is an error");
	gov_buf_deinit(&b);

	gov_buf_init(&b, 10);
	jsonw_init(&w, &b);
	jsonw_str(&w, NULL, "a string longer than ten bytes");
	is_int(GOV_ELIMIT, jsonw_error(&w), "buffer limit is a sticky writer error");
	gov_buf_deinit(&b);
}

static void
test_units(void)
{
	uint64_t v = 0;
	double d = 0;

	is_int(GOV_EOK, gov_parse_bytes("1 GB", &v), "1 GB parses");
	is_int(1000000000LL, (long long)v, "GB is 10^9");
	is_int(GOV_EOK, gov_parse_bytes("1.5GiB", &v), "1.5GiB parses");
	is_int(1610612736LL, (long long)v, "GiB is 2^30");
	is_int(GOV_EOK, gov_parse_bytes("500", &v), "bare number is bytes");
	is_int(500, (long long)v, "500 B");
	is_int(GOV_EINVAL, gov_parse_bytes("5 parsecs", &v), "unknown unit refused");
	is_int(GOV_EINVAL, gov_parse_bytes("-5 MB", &v), "negative refused");
	is_int(GOV_ELIMIT, gov_parse_bytes("99999999 TB", &v), "absurd size refused");
	is_int(GOV_EOK, gov_parse_duration("PT6H", &d), "PT6H parses");
	is_int(21600, (long long)d, "PT6H is 6 hours");
	is_int(GOV_EOK, gov_parse_duration("P0Y0M1DT6H0M0S", &d), "WMO long form parses");
	is_int(108000, (long long)d, "P0Y0M1DT6H0M0S is 30 hours");
	is_int(GOV_EOK, gov_parse_duration("PT0.5S", &d), "fractional seconds");
	is_int(GOV_EINVAL, gov_parse_duration("6 hours", &d), "free text is not a duration");
	is_int(GOV_EINVAL, gov_parse_duration("P", &d), "empty duration refused");
	is_int(GOV_EINVAL, gov_parse_duration("PT", &d), "empty time part refused");
	is_int(GOV_EINVAL, gov_parse_duration("PT6H5H", &d), "repeated designator refused");
	is_int(GOV_EINVAL, gov_parse_duration("PT6M1H", &d), "out-of-order designators refused");
}

static void
test_arena(void)
{
	struct arena a;
	char *s, *big;

	arena_init(&a);
	s = arena_strdup(&a, "hello");
	big = arena_zalloc(&a, 100000);
	is_str("hello", s, "arena string survives a large allocation");
	ok(big[99999] == 0, "zalloc zeroes");
	ok(((uintptr_t)arena_alloc(&a, 3) % sizeof(void *)) == 0, "allocations are aligned");
	arena_deinit(&a);
}

static void
test_file(void)
{
	char path[] = "/tmp/wisgov-test-XXXXXX";
	struct gov_buf b;
	struct gov_diag d;
	int fd = mkstemp(path);

	if (fd < 0)
		bail("mkstemp");
	if (write(fd, "0123456789", 10) != 10)
		bail("write");
	close(fd);
	gov_buf_init(&b, 100);
	gov_diag_clear(&d);
	is_int(GOV_EOK, gov_file_read(path, 10, &b, &d), "file of exactly the limit is read");
	is_int(10, (long long)b.len, "all bytes read");
	gov_buf_reset(&b);
	is_int(GOV_ELIMIT, gov_file_read(path, 9, &b, &d), "file over the limit refused");
	is_int(0, (long long)b.len, "refused from its size, nothing read");
	ok(strstr(d.msg, "larger than") != NULL, "message says why: %s", d.msg);
	is_int(GOV_ENOENT, gov_file_read("/nonexistent/x.xml", 10, &b, &d), "missing file");
	is_str("/nonexistent/x.xml", d.file, "diagnostic names the file");
	unlink(path);
	gov_buf_deinit(&b);
}

int
main(void)
{
	test_buf();
	test_str();
	test_utf8();
	test_jsonw();
	test_units();
	test_arena();
	test_file();
	return done_testing();
}
