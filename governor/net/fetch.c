/*
 * fetch.c -- libcurl easy handle with limits.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "common/file.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "net/fetch.h"

struct fetcher {
	CURL *curl;
	struct fetch_options opt;
	char errbuf[CURL_ERROR_SIZE];
	/* per transfer */
	struct gov_buf *body;
	bool too_big;
};

void
net_global_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		abort();
}

void
net_global_cleanup(void)
{
	curl_global_cleanup();
}

static size_t
on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct fetcher *f = arg;
	size_t n = size * nmemb;

	/* Decoded bytes: stopping here is what bounds a gzip bomb. */
	if (gov_buf_add(f->body, ptr, n) != GOV_EOK) {
		f->too_big = true;
		return 0;
	}
	return n;
}

struct fetcher *
fetcher_new(const struct fetch_options *opt)
{
	struct fetcher *f = xcalloc(1, sizeof(*f));

	f->opt = *opt;
	if (f->opt.connect_timeout <= 0)
		f->opt.connect_timeout = 10;
	if (f->opt.low_speed_time <= 0)
		f->opt.low_speed_time = 60;
	if (f->opt.max_bytes == 0)
		f->opt.max_bytes = 64u * 1024 * 1024;
	if (f->opt.max_redirects <= 0)
		f->opt.max_redirects = 5;
	f->curl = curl_easy_init();
	if (f->curl == NULL)
		abort();
	curl_easy_setopt(f->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(f->curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(f->curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(f->curl, CURLOPT_MAXREDIRS, f->opt.max_redirects);
	curl_easy_setopt(f->curl, CURLOPT_CONNECTTIMEOUT, f->opt.connect_timeout);
	curl_easy_setopt(f->curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(f->curl, CURLOPT_LOW_SPEED_TIME, f->opt.low_speed_time);
	curl_easy_setopt(f->curl, CURLOPT_TIMEOUT, f->opt.timeout);
	curl_easy_setopt(f->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(f->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(f->curl, CURLOPT_FAILONERROR, 0L);
	curl_easy_setopt(f->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->opt.max_bytes);
	curl_easy_setopt(f->curl, CURLOPT_ERRORBUFFER, f->errbuf);
	curl_easy_setopt(f->curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(f->curl, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(f->curl, CURLOPT_USERAGENT,
		f->opt.user_agent != NULL ? f->opt.user_agent : "wisgov/" PACKAGE_VERSION);
	return f;
}

void
fetcher_free(struct fetcher *f)
{
	if (f == NULL)
		return;
	curl_easy_cleanup(f->curl);
	free(f);
}

int
fetcher_get(struct fetcher *f, const char *url, struct gov_buf *body, struct fetch_result *res,
	struct gov_diag *d)
{
	CURLcode cc;
	curl_off_t ra = -1;
	char *ct = NULL, *eff = NULL, human[32];
	size_t saved_limit = body->limit;

	memset(res, 0, sizeof(*res));
	res->retry_after = -1;
	gov_buf_reset(body);
	body->limit = f->opt.max_bytes;
	f->body = body;
	f->too_big = false;
	f->errbuf[0] = '\0';
	curl_easy_setopt(f->curl, CURLOPT_URL, url);
	cc = curl_easy_perform(f->curl);
	body->limit = saved_limit;
	curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &res->status);
	curl_easy_getinfo(f->curl, CURLINFO_TOTAL_TIME, &res->seconds);
	if (curl_easy_getinfo(f->curl, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
		res->retry_after = (long)ra;
	if (curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct != NULL)
		gov_strlcpy(res->content_type, ct, sizeof(res->content_type));
	if (curl_easy_getinfo(f->curl, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff != NULL)
		gov_strlcpy(res->effective_url, eff, sizeof(res->effective_url));
	res->bytes = body->len;
	if (f->too_big || cc == CURLE_FILESIZE_EXCEEDED)
		return gov_diag_set(d, GOV_ELIMIT,
			"the response is larger than %s after decompression; refused",
			gov_size_human(f->opt.max_bytes, human, sizeof(human)));
	switch (cc) {
	case CURLE_OK:
		return GOV_EOK;
	case CURLE_UNSUPPORTED_PROTOCOL:
		return gov_diag_set(d, GOV_EHOSTILE,
			"refused a redirect to a scheme other than http or https (%s)",
			f->errbuf[0] != '\0' ? f->errbuf : curl_easy_strerror(cc));
	case CURLE_TOO_MANY_REDIRECTS:
		return gov_diag_set(d, GOV_EIO, "more than %ld redirects", f->opt.max_redirects);
	default:
		return gov_diag_set(d, GOV_EIO, "%s",
			f->errbuf[0] != '\0' ? f->errbuf : curl_easy_strerror(cc));
	}
}

char *
fetch_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0), *out;

	if (e == NULL)
		abort();
	out = xstrdup(e);
	curl_free(e);
	return out;
}
