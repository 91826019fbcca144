/*
 * Echo (RFC 862) over UDP and TCP, port 7, on lwIP's raw API.
 *
 * UDP sends the received pbuf straight back: lwIP chains a header pbuf in
 * front of it, and the glue transmits the payload from the received skb
 * without copying it.
 *
 * TCP must not lose a byte when the client sends faster than it reads. Data
 * received waits in a per-connection queue and is written into lwIP's send
 * buffer only as room appears (tcp_sndbuf(), then the sent callback); the
 * receive window is reopened (tcp_recved()) only for bytes written. So a
 * client that stops reading stops being read from: back-pressure all the way
 * to its TCP window, and the queue never exceeds our receive window.
 */
#define pr_fmt(fmt) "echo: " fmt

#include <lib/errno.h>
#include <lib/printk.h>
#include <net/apps/apps.h>

#include "lwip/mem.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

/* Retry a stalled close or write every 2 coarse ticks (2 x 500 ms). */
#define ECHO_POLL_INTERVAL	2

struct echo_stats echo_stats;

struct echo_conn {
	struct tcp_pcb *pcb;
	struct pbuf *pending;	/* received, not yet written back */
	u16 off;		/* bytes of pending's first pbuf already written */
	bool peer_closed;	/* FIN seen: close once pending is written */
};

static void echo_udp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
			  const ip_addr_t *addr, u16_t port)
{
	if (udp_sendto(pcb, p, addr, port) == ERR_OK)
		echo_stats.udp_datagrams++;
	else
		echo_stats.udp_errors++;
	pbuf_free(p);
}

static void echo_conn_free(struct echo_conn *c)
{
	if (c->pending)
		pbuf_free(c->pending);
	echo_stats.tcp_active--;
	mem_free(c);
}

/* Detach from the pcb and close it; a close that lacks memory is retried
 * from the poll callback, so the state stays until it succeeds. */
static void echo_close(struct echo_conn *c)
{
	struct tcp_pcb *pcb = c->pcb;

	if (tcp_close(pcb) != ERR_OK)
		return;
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	tcp_poll(pcb, NULL, 0);
	echo_stats.tcp_closed++;
	echo_conn_free(c);
}

static void echo_abort(struct echo_conn *c)
{
	struct tcp_pcb *pcb = c->pcb;

	tcp_arg(pcb, NULL);
	tcp_err(pcb, NULL);
	echo_stats.tcp_aborted++;
	echo_conn_free(c);
	tcp_abort(pcb);
}

/* Writes as much pending data as the send buffer takes. False if aborted. */
static bool echo_pump(struct echo_conn *c)
{
	while (c->pending) {
		struct pbuf *q = c->pending, *rest;
		u16 n = (u16)min((u32)(q->len - c->off), (u32)tcp_sndbuf(c->pcb));
		err_t err;

		if (n == 0 && q->len != c->off)
			break;			/* send buffer full: sent callback resumes */
		err = n ? tcp_write(c->pcb, (u8 *)q->payload + c->off, n, TCP_WRITE_FLAG_COPY) : ERR_OK;
		if (err == ERR_MEM)
			break;			/* queue or heap full: sent or poll resumes */
		if (err != ERR_OK) {
			echo_abort(c);
			return false;
		}
		tcp_recved(c->pcb, n);		/* only now may the client send more */
		echo_stats.tcp_bytes += n;
		c->off = (u16)(c->off + n);
		if (c->off < q->len)
			continue;
		/* First pbuf done: keep the rest alive, drop the first. */
		rest = q->next;
		if (rest)
			pbuf_ref(rest);
		pbuf_free(q);
		c->pending = rest;
		c->off = 0;
	}
	tcp_output(c->pcb);
	if (!c->pending && c->peer_closed)
		echo_close(c);
	return true;
}

static err_t echo_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct echo_conn *c = arg;

	if (!c) {			/* closing already: discard */
		if (p) {
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (!p) {
		c->peer_closed = true;
	} else if (c->pending) {
		pbuf_cat(c->pending, p);
	} else {
		c->pending = p;
		c->off = 0;
	}
	/* lwIP's rule: a callback that aborted the pcb says so. */
	return echo_pump(c) ? ERR_OK : ERR_ABRT;
}

static err_t echo_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	if (arg && !echo_pump(arg))
		return ERR_ABRT;
	return ERR_OK;
}

static err_t echo_poll(void *arg, struct tcp_pcb *pcb)
{
	struct echo_conn *c = arg;

	if (!c)
		return ERR_OK;
	if ((c->pending || c->peer_closed) && !echo_pump(c))
		return ERR_ABRT;
	return ERR_OK;
}

/* The pcb is already gone (reset, timeout, memory): only our state is left. */
static void echo_err(void *arg, err_t err)
{
	if (arg) {
		echo_stats.tcp_aborted++;
		echo_conn_free(arg);
	}
}

static err_t echo_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct echo_conn *c;

	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	c = mem_malloc(sizeof(*c));
	if (!c)
		return ERR_MEM;		/* lwIP aborts the pcb */
	c->pcb = pcb;
	c->pending = NULL;
	c->off = 0;
	c->peer_closed = false;
	echo_stats.tcp_accepted++;
	echo_stats.tcp_active++;
	tcp_arg(pcb, c);
	tcp_recv(pcb, echo_recv);
	tcp_sent(pcb, echo_sent);
	tcp_err(pcb, echo_err);
	tcp_poll(pcb, echo_poll, ECHO_POLL_INTERVAL);
	tcp_nagle_disable(pcb);		/* echo small lines at once */
	return ERR_OK;
}

static int echo_udp_start(void)
{
	struct udp_pcb *pcb = udp_new_ip_type(IPADDR_TYPE_ANY);

	if (!pcb)
		return -ENOMEM;
	if (udp_bind(pcb, IP_ANY_TYPE, ECHO_PORT) != ERR_OK) {
		udp_remove(pcb);
		return -EBUSY;
	}
	udp_recv(pcb, echo_udp_recv, NULL);
	return 0;
}

static int echo_tcp_start(void)
{
	return apps_tcp_listen(ECHO_PORT, echo_accept);
}

int echo_start(void)
{
	int err = echo_udp_start();

	if (!err)
		err = echo_tcp_start();
	if (!err)
		pr_info("UDP and TCP port %d\n", ECHO_PORT);
	return err;
}
