/*
 * The status page on TCP port 80: `GET /` returns nicstack_status_text() as
 * plain text; any other path is 404, anything that is not a GET request line
 * is 400. One response per connection (HTTP/1.0 style: the server closes).
 * The request line is collected up to HTTP_LINE_MAX bytes; a longer one is a
 * bad request, so a client cannot make us buffer without bound.
 */
#define pr_fmt(fmt) "http: " fmt

#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/apps/apps.h>
#include <net/apps/status.h>

#include "lwip/mem.h"
#include "lwip/tcp.h"

#define HTTP_LINE_MAX	256
#define HTTP_PAGE_MAX	8192	/* below TCP_SND_BUF: one tcp_write() takes it all */
#define HTTP_POLL	10	/* x 500 ms: a silent client is dropped after 5 s */

struct http_conn {
	char line[HTTP_LINE_MAX];
	u16 len;
	bool answered;
};

/* Responses are built here and copied into lwIP (TCP_WRITE_FLAG_COPY), so
 * one buffer serves every connection: lwIP runs one callback at a time. */
static char page[HTTP_PAGE_MAX];

static void http_done(struct tcp_pcb *pcb, struct http_conn *c)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_err(pcb, NULL);
	tcp_poll(pcb, NULL, 0);
	mem_free(c);
	if (tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);		/* no memory for a FIN: reset instead */
}

static void http_reply(struct tcp_pcb *pcb, int code, const char *reason, const char *body, size_t blen)
{
	char head[128];
	int hlen = snprintf(head, sizeof(head), "HTTP/1.0 %d %s\r\nContent-Type: text/plain\r\n"
			    "Content-Length: %u\r\nConnection: close\r\n\r\n", code, reason,
			    (unsigned int)blen);

	if (tcp_write(pcb, head, (u16_t)hlen, TCP_WRITE_FLAG_COPY | TCP_WRITE_FLAG_MORE) == ERR_OK && blen)
		tcp_write(pcb, body, (u16_t)blen, TCP_WRITE_FLAG_COPY);
	tcp_output(pcb);
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
	size_t n;

	c->answered = true;
	if (strlen(l) != len || strncmp(l, "GET ", 4) || !strchr(l + 4, ' ') || strncmp(strchr(l + 4, ' '), " HTTP/", 6)) {
		http_reply(pcb, 400, "Bad Request", "bad request\n", 12);
		return;
	}
	if (strncmp(l + 4, "/ ", 2)) {
		http_reply(pcb, 404, "Not Found", "not found\n", 10);
		return;
	}
	n = nicstack_status_text(page, sizeof(page), STATUS_SUMMARY | STATUS_LWIP);
	http_reply(pcb, 200, "OK", page, n);
}

static err_t http_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct http_conn *c = arg;

	if (!p || !c) {
		if (p)
			pbuf_free(p);
		if (c)
			http_done(pcb, c);
		return ERR_OK;
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
	if (c->answered)
		http_done(pcb, c);
	return ERR_OK;
}

static void http_err(void *arg, err_t err)
{
	if (arg)
		mem_free(arg);
}

static err_t http_poll(void *arg, struct tcp_pcb *pcb)
{
	if (arg)
		http_done(pcb, arg);
	return ERR_OK;
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
	tcp_arg(pcb, c);
	tcp_recv(pcb, http_recv);
	tcp_err(pcb, http_err);
	tcp_poll(pcb, http_poll, HTTP_POLL);
	return ERR_OK;
}

int http_start(void)
{
	struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_ANY), *lpcb;

	if (!pcb)
		return -ENOMEM;
	if (tcp_bind(pcb, IP_ANY_TYPE, HTTP_PORT) != ERR_OK) {
		tcp_close(pcb);
		return -EBUSY;
	}
	lpcb = tcp_listen(pcb);
	if (!lpcb) {
		tcp_close(pcb);
		return -ENOMEM;
	}
	tcp_accept(lpcb, http_accept);
	pr_info("status page on TCP port %d\n", HTTP_PORT);
	return 0;
}
