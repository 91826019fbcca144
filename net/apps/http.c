/*
 * The status page on TCP port 80: `GET /` returns a small HTML5 page for a
 * browser (the status text, HTML-escaped, in a <pre>), `GET /stats.json`
 * the same data as JSON for scripts, `GET /profile.folded` the last stopped
 * profile as folded stacks (streamed: a line goes out when the peer has
 * acknowledged room for it, so a profile of any size needs no buffer of its
 * own, and a peer that stops reading for HTTP_POLL is dropped); any other path is 404, anything that is
 * not a GET request line is 400, a page too large for the buffer 500. One response per connection (HTTP/1.0 style: the server closes).
 * The request line is collected up to HTTP_LINE_MAX bytes; a longer one is a
 * bad request, so a client cannot make us buffer without bound. There is no
 * keep-alive: every connection ends after one answer or HTTP_POLL of
 * silence, and at most nicstack.http_conns are open at once (tcp_service.c).
 */
#define pr_fmt(fmt) "http: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/modinfo.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/profile.h>
#include <lib/string.h>
#include <net/apps/apps.h>
#include <net/apps/status.h>
#include <net/apps/tcp_service.h>

#include "lwip/mem.h"
#include "lwip/tcp.h"

#define HTTP_LINE_MAX	256
#define HTTP_PAGE_MAX	16384	/* below TCP_SND_BUF: one tcp_write() takes it all */
#define HTTP_TEXT_MAX	8192	/* the status text before HTML escaping */
#define HTTP_POLL	10	/* x 500 ms: a silent client is dropped after 5 s */
/* A stream's unacknowledged bytes: what one reader holds in lwIP's pbufs. */
#define HTTP_STREAM_INFLIGHT	4096

static unsigned int http_conns = 8;
module_param(http_conns, uint, 0444);
MODULE_PARM_DESC(http_conns, "concurrent connections to the status page");

static struct tcp_service http_service = { .name = "http", .port = HTTP_PORT };

struct http_conn {
	char line[HTTP_LINE_MAX];
	u16 len;
	bool answered;
	struct profile_buf *prof;	/* streaming /profile.folded; we hold a reader */
	u32 fold_pos, fold_pos_at_poll;
	bool peer_closed, fin_sent;
};

/* Responses are built here and copied into lwIP (TCP_WRITE_FLAG_COPY), so
 * one buffer serves every connection: lwIP runs one callback at a time. */
static char page[HTTP_PAGE_MAX];
static char text[HTTP_TEXT_MAX];
static char fold_line[PROFILE_LINE_MAX];

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"refresh\" content=\"5\">\n<title>nicstack status</title>\n"
	"<style>body{font-family:sans-serif;margin:1em;background:#fff;color:#222}"
	"h1{font-size:1.3em;color:#fff;background:#235;padding:.3em .5em}"
	"pre{background:#eef;padding:.5em;border:1px solid #99a}</style>\n</head>\n<body>\n"
	"<h1>nicstack status</h1>\n<p>The same data for scripts: "
	"<a href=\"/stats.json\">/stats.json</a>; the last profile (after "
	"<code>profile stop</code>): <a href=\"/profile.folded\">/profile.folded</a></p>\n<pre>\n";
static const char html_tail[] = "</pre>\n</body>\n</html>\n";

static void http_conn_free(struct http_conn *c)
{
	if (c->prof)
		profile_put();
	mem_free(c);
}

/* Frees c and closes; ERR_ABRT when it had to abort, which the lwIP callback
 * it runs in must then return (the pcb is gone). */
static err_t http_done(struct tcp_pcb *pcb, struct http_conn *c)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	tcp_poll(pcb, NULL, 0);
	http_conn_free(c);
	if (tcp_close(pcb) == ERR_OK)
		return ERR_OK;
	tcp_abort(pcb);		/* no memory for a FIN: reset instead */
	return ERR_ABRT;
}

static void http_reply_type(struct tcp_pcb *pcb, int code, const char *reason, const char *type,
			    const char *body, size_t blen)
{
	char head[160];
	int hlen = snprintf(head, sizeof(head), "HTTP/1.0 %d %s\r\nContent-Type: %s\r\n"
			    "Content-Length: %u\r\nConnection: close\r\n\r\n", code, reason,
			    type, (unsigned int)blen);

	if (tcp_write(pcb, head, (u16_t)hlen, TCP_WRITE_FLAG_COPY | TCP_WRITE_FLAG_MORE) == ERR_OK && blen)
		tcp_write(pcb, body, (u16_t)blen, TCP_WRITE_FLAG_COPY);
	tcp_output(pcb);
}

static void http_reply(struct tcp_pcb *pcb, int code, const char *reason, const char *body,
		       size_t blen)
{
	http_reply_type(pcb, code, reason, "text/plain; charset=utf-8", body, blen);
}

/* Appends src to page at *len, with HTML's special characters as entities;
 * false when it does not fit. */
static bool html_append(size_t *len, const char *src, size_t n, bool escape)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = NULL;
		char one[2] = { src[i], '\0' };
		size_t elen;

		if (escape)
			e = src[i] == '<' ? "&lt;" : src[i] == '>' ? "&gt;" : src[i] == '&' ? "&amp;" : NULL;
		if (!e)
			e = one;
		elen = strlen(e);
		if (*len + elen >= sizeof(page))
			return false;
		memcpy(page + *len, e, elen);
		*len += elen;
	}
	return true;
}

/* 0 when the page did not fit (reported as 500, never sent truncated). */
static size_t http_html(void)
{
	size_t n = nicstack_status_text(text, sizeof(text), STATUS_SUMMARY | STATUS_IRQ | STATUS_LWIP);
	size_t len = 0;

	if (n >= sizeof(text) - 1)
		return 0;
	if (!html_append(&len, html_head, sizeof(html_head) - 1, false) ||
	    !html_append(&len, text, n, true) ||
	    !html_append(&len, html_tail, sizeof(html_tail) - 1, false))
		return 0;
	return len;
}

static void http_get(struct tcp_pcb *pcb, bool json)
{
	size_t n = json ? nicstack_status_json(page, sizeof(page)) : http_html();

	if (!n || n >= sizeof(page) - 1) {
		http_reply(pcb, 500, "Internal Server Error", "status too large\n", 17);
		return;
	}
	http_reply_type(pcb, 200, "OK", json ? "application/json" : "text/html; charset=utf-8",
			page, n);
}

/*
 * Queues whole folded lines up to HTTP_STREAM_INFLIGHT unacknowledged bytes
 * (page is only a staging copy: lwIP copies it); the rest waits for
 * http_sent(). Eight readers of a large profile so hold 32 KiB, not 8 x
 * TCP_SND_BUF.
 */
static void http_fold_more(struct tcp_pcb *pcb, struct http_conn *c)
{
	while (c->fold_pos < c->prof->count) {
		size_t inflight = TCP_SND_BUF - tcp_sndbuf(pcb), len = 0;
		size_t room = inflight < HTTP_STREAM_INFLIGHT ? HTTP_STREAM_INFLIGHT - inflight : 0;
		u32 next = c->fold_pos;

		for (u32 at = next; profile_folded_line(c->prof, &at, fold_line, sizeof(fold_line));
		     next = at) {
			size_t n = strlen(fold_line);

			if (len + n + 1 > room)
				break;
			memcpy(page + len, fold_line, n);
			page[len + n] = '\n';
			len += n + 1;
		}
		if (!len || tcp_write(pcb, page, (u16_t)len, TCP_WRITE_FLAG_COPY) != ERR_OK)
			break;
		c->fold_pos = next;
	}
	tcp_output(pcb);
}

static bool http_finished(const struct http_conn *c)
{
	return c->answered && (!c->prof || c->fold_pos >= c->prof->count);
}

static void http_get_profile(struct tcp_pcb *pcb, struct http_conn *c)
{
	static const char head[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
				   "Connection: close\r\n\r\n";
	struct profile_buf *b;
	int ret = profile_get(&b);

	if (ret == -EBUSY) {
		http_reply(pcb, 409, "Conflict", "the profiler is sampling: profile stop first\n", 45);
		return;
	}
	if (ret) {
		http_reply(pcb, 404, "Not Found", "no profile yet: profile start, then profile stop\n", 49);
		return;
	}
	c->prof = b;
	profile_folded_begin(b);
	/* No Content-Length: the length is known only at the end; the close marks it. */
	if (tcp_write(pcb, head, sizeof(head) - 1, TCP_WRITE_FLAG_COPY | TCP_WRITE_FLAG_MORE) != ERR_OK)
		c->fold_pos = b->count;		/* no room even for this: give up, close */
	http_fold_more(pcb, c);
}

/* The request line's end; a binary NUL before it must not hide it from
 * strchr(), or a client could keep us waiting for a line that has ended. */
static char *http_eol(struct http_conn *c)
{
	for (u16 i = 0; i < c->len; i++)
		if (c->line[i] == '\n')
			return &c->line[i];
	return NULL;
}

/* Decides on a complete request line: "GET / HTTP/1.x"; len is its length
 * without the line end, so an embedded NUL is a bad request too. */
static void http_answer(struct tcp_pcb *pcb, struct http_conn *c, size_t len)
{
	const char *l = c->line;

	c->answered = true;
	if (strlen(l) != len || strncmp(l, "GET ", 4) || !strchr(l + 4, ' ') || strncmp(strchr(l + 4, ' '), " HTTP/", 6)) {
		http_reply(pcb, 400, "Bad Request", "bad request\n", 12);
		return;
	}
	if (!strncmp(l + 4, "/ ", 2))
		http_get(pcb, false);
	else if (!strncmp(l + 4, "/stats.json ", 12))
		http_get(pcb, true);
	else if (!strncmp(l + 4, "/profile.folded ", 16))
		http_get_profile(pcb, c);
	else
		http_reply(pcb, 404, "Not Found", "not found\n", 10);
}

static err_t http_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct http_conn *c = arg;

	if (!p || !c) {
		if (p)
			pbuf_free(p);
		if (!c)
			return ERR_OK;
		/* A client that half-closes after its request still gets the whole stream. */
		c->peer_closed = true;
		if (c->prof && !http_finished(c))
			return ERR_OK;
		return http_done(pcb, c);
	}
	tcp_recved(pcb, p->tot_len);
	if (!c->answered) {
		u16 room = (u16)(sizeof(c->line) - 1 - c->len);
		u16 got = pbuf_copy_partial(p, c->line + c->len, min(room, p->tot_len), 0);
		char *eol;

		c->len = (u16)(c->len + got);
		c->line[c->len] = '\0';
		eol = http_eol(c);
		if (eol) {
			*eol = '\0';
			if (eol > c->line && eol[-1] == '\r')
				*--eol = '\0';
			http_answer(pcb, c, (size_t)(eol - c->line));
		} else if (c->len == sizeof(c->line) - 1) {
			c->answered = true;
			http_reply(pcb, 400, "Bad Request", "request line too long\n", 22);
		}
	}
	pbuf_free(p);
	if (http_finished(c))
		return http_done(pcb, c);
	return ERR_OK;
}

static err_t http_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct http_conn *c = arg;

	if (!c || !c->prof || c->fin_sent)
		return ERR_OK;
	http_fold_more(pcb, c);
	if (!http_finished(c))
		return ERR_OK;
	if (c->peer_closed)
		return http_done(pcb, c);
	/*
	 * Not tcp_close() here: the ACK that made room may carry data that the
	 * recv callback has not seen yet, and lwIP answers a close with unread
	 * data by a reset (and drops that data's pbuf on the floor when the close
	 * comes from this callback). Our FIN goes out after the stream; the recv
	 * callback or the poll closes the rest.
	 */
	c->fin_sent = true;
	if (tcp_shutdown(pcb, 0, 1) == ERR_OK)
		return ERR_OK;
	return http_done(pcb, c);
}

static void http_err(void *arg, err_t err)
{
	if (arg)
		http_conn_free(arg);
}

/* Every HTTP_POLL: a stream that moved on since the last one may go on. */
static err_t http_poll(void *arg, struct tcp_pcb *pcb)
{
	struct http_conn *c = arg;

	if (c && c->prof && c->fold_pos != c->fold_pos_at_poll && !http_finished(c)) {
		c->fold_pos_at_poll = c->fold_pos;
		http_fold_more(pcb, c);
		return ERR_OK;
	}
	return c ? http_done(pcb, c) : ERR_OK;
}

static err_t http_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct http_conn *c;

	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	c = mem_malloc(sizeof(*c));
	if (!c)
		return ERR_MEM;
	c->len = 0;
	c->answered = false;
	c->prof = NULL;
	c->fold_pos = c->fold_pos_at_poll = 0;
	c->peer_closed = c->fin_sent = false;
	tcp_arg(pcb, c);
	tcp_recv(pcb, http_recv);
	tcp_sent(pcb, http_sent);
	tcp_err(pcb, http_err);
	tcp_poll(pcb, http_poll, HTTP_POLL);
	return ERR_OK;
}

int http_start(void)
{
	int ret;

	http_service.max_conns = http_conns;
	http_service.accept = http_accept;
	ret = tcp_service_listen(&http_service);

	if (ret == 0)
		pr_info("status page on TCP port %d\n", HTTP_PORT);
	return ret;
}
