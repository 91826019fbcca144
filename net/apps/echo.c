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
 *
 * What one peer can make a connection hold is bounded (issue: hostile
 * networks): at most nicstack.echo_pending pbufs, whatever their size (a
 * peer sending one-byte segments must not pin a pbuf per byte); past it the
 * receive callback refuses the data and lwIP keeps it as "refused data"
 * (retried every 250 ms, further data segments dropped until then), so the
 * peer's data is delayed, never lost. A connection that moves no byte for
 * nicstack.echo_idle seconds is reset; nicstack.echo_conns bounds how many
 * there are (tcp_service.c).
 *
 * UDP echo answers only unicast datagrams from ports 1024 and up: a reply to
 * a broadcast would multiply one datagram, and a reply to a low port could
 * start an endless loop with another echo or chargen service (RFC 862 does
 * not say so; every echo service that met the Internet learned it).
 */
#define pr_fmt(fmt) "echo: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/modinfo.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <net/apps/apps.h>
#include <net/apps/tcp_service.h>

#include "lwip/ip.h"
#include "lwip/mem.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

/* Retry a stalled close or write every 2 coarse ticks (2 x 500 ms). */
#define ECHO_POLL_INTERVAL	2
/* UDP source ports below this are other services (echo, chargen, ...). */
#define ECHO_UDP_MIN_PORT	1024

/* A 64 KB window of full segments is 45 pbufs: 64 leaves room, and more
 * can only mean small segments. */
static unsigned int echo_conns = 16, echo_idle = 120, echo_pending = 64;
module_param(echo_conns, uint, 0444);
module_param(echo_idle, uint, 0444);
module_param(echo_pending, uint, 0644);
MODULE_PARM_DESC(echo_pending, "pbufs one TCP echo connection may hold unsent; past it data is refused (delayed)");
MODULE_PARM_DESC(echo_conns, "concurrent TCP echo connections");
MODULE_PARM_DESC(echo_idle, "seconds a TCP echo connection may move no data before it is reset (0: never)");

struct echo_stats echo_stats;

static struct tcp_service echo_service = { .name = "echo", .port = ECHO_PORT };

struct echo_conn {
	struct tcp_pcb *pcb;
	struct pbuf *pending;	/* received, not yet written back */
	u16 off;		/* bytes of pending's first pbuf already written */
	u16 npbufs;		/* pbufs in pending */
	bool peer_closed;	/* FIN seen: close once pending is written */
	u64 last_active_ns;	/* data taken in or written back */
};

static void echo_udp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
			  const ip_addr_t *addr, u16_t port)
{
	const ip_addr_t *dst = ip_current_dest_addr();

	if (port < ECHO_UDP_MIN_PORT)
		echo_stats.udp_refused_port++;
	else if (ip_addr_ismulticast(dst) || ip_addr_isbroadcast(dst, ip_current_input_netif()))
		echo_stats.udp_refused_dest++;
	else if (udp_sendto(pcb, p, addr, port) == ERR_OK)
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
		if (n)
			c->last_active_ns = ktime_get_ns();
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
		c->npbufs--;
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
	if (p && c->npbufs && c->npbufs + pbuf_clen(p) > READ_ONCE(echo_pending)) {
		/* lwIP keeps it and offers it again: delayed, not lost. */
		echo_stats.tcp_refused_data++;
		return ERR_MEM;
	}
	if (!p) {
		c->peer_closed = true;
	} else {
		c->npbufs = (u16)(c->npbufs + pbuf_clen(p));
		c->last_active_ns = ktime_get_ns();
		if (c->pending) {
			pbuf_cat(c->pending, p);
		} else {
			c->pending = p;
			c->off = 0;
		}
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
	if (echo_idle && ktime_get_ns() - c->last_active_ns >= (u64)echo_idle * NSEC_PER_SEC) {
		echo_service.st.idle_closed++;
		echo_abort(c);
		return ERR_ABRT;
	}
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
	c->npbufs = 0;
	c->peer_closed = false;
	c->last_active_ns = ktime_get_ns();
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
	echo_service.max_conns = echo_conns;
	echo_service.accept = echo_accept;
	return tcp_service_listen(&echo_service);
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
