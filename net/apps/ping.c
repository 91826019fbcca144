/*
 * ping ADDR [COUNT]: ICMP echo requests (RFC 792) from the kernel, through a
 * raw lwIP pcb on IPPROTO_ICMP. The command sends the first request and
 * returns; the shell is held (no prompt) while lwIP's timeouts send one a
 * second and the pcb's receive callback prints each reply as it comes, then
 * a summary, as Linux's ping does. A key stops it early.
 *
 * Each request carries its send time in its data, so a reply needs no table
 * of outstanding requests: the RTT is now minus the echoed time.
 */
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <net/lwip/port.h>

#include "lwip/inet_chksum.h"
#include "lwip/ip_addr.h"
#include "lwip/prot/icmp.h"
#include "lwip/prot/ip4.h"
#include "lwip/raw.h"
#include "lwip/timeouts.h"

#define PING_DATA	56	/* Linux's default: 64 bytes of ICMP */
#define PING_LEN	(sizeof(struct icmp_echo_hdr) + PING_DATA)
#define PING_DEFAULT	4
#define PING_MAX	1000
#define PING_INTERVAL_MS 1000	/* also how long the last reply is waited for */

static struct {
	struct raw_pcb *pcb;	/* non-NULL while a ping runs */
	ip_addr_t dst;
	u16 id;
	unsigned int count, sent, received, errors;
	u64 rtt_min, rtt_max, rtt_sum;	/* ns */
} ping;

static void ping_tick(void *arg);
static void ping_finish(void *arg);

static void ping_send(void)
{
	struct pbuf *p = pbuf_alloc(PBUF_IP, PING_LEN, PBUF_RAM);
	struct icmp_echo_hdr *h;
	u64 now = ktime_get_ns();
	u8 *data;

	ping.sent++;
	if (!p) {
		kprintf("ping: no memory for icmp_seq=%u\n", ping.sent);
		ping.errors++;
		return;
	}
	h = p->payload;			/* PBUF_RAM: one contiguous buffer */
	h->type = ICMP_ECHO;
	h->code = 0;
	h->chksum = 0;
	h->id = ping.id;
	h->seqno = lwip_htons((u16_t)ping.sent);
	data = (u8 *)(h + 1);
	memcpy(data, &now, sizeof(now));
	for (unsigned int i = sizeof(now); i < PING_DATA; i++)
		data[i] = (u8)i;	/* the pattern Linux's ping sends, so tcpdumps compare */
	h->chksum = inet_chksum(h, PING_LEN);
	if (raw_sendto(ping.pcb, p, &ping.dst) != ERR_OK) {
		kprintf("ping: cannot send icmp_seq=%u (no route?)\n", ping.sent);
		ping.errors++;
	}
	pbuf_free(p);
}

static void ping_summary(void)
{
	unsigned int lost = ping.sent - min(ping.received, ping.sent);

	kprintf("--- %s ping statistics ---\n", ipaddr_ntoa(&ping.dst));
	kprintf("%u packets transmitted, %u received, %u%% packet loss\n", ping.sent,
		ping.received, ping.sent ? lost * 100 / ping.sent : 0);
	if (ping.received) {
		u64 avg = ping.rtt_sum / ping.received;

		kprintf("rtt min/avg/max = %llu.%03llu/%llu.%03llu/%llu.%03llu ms\n",
			ping.rtt_min / NSEC_PER_MSEC, ping.rtt_min % NSEC_PER_MSEC / NSEC_PER_USEC,
			avg / NSEC_PER_MSEC, avg % NSEC_PER_MSEC / NSEC_PER_USEC,
			ping.rtt_max / NSEC_PER_MSEC, ping.rtt_max % NSEC_PER_MSEC / NSEC_PER_USEC);
	}
}

/* Ends the run: the pcb goes, the summary is printed. Never from inside
 * the pcb's own receive callback (raw_input() touches the pcb afterwards). */
static void ping_end(void)
{
	if (!ping.pcb)
		return;
	sys_untimeout(ping_tick, NULL);
	sys_untimeout(ping_finish, NULL);
	raw_remove(ping.pcb);
	ping.pcb = NULL;
	ping_summary();
}

/* A key stopped it (shell_hold): the shell releases itself afterwards. */
static void ping_stop(void)
{
	ping_end();
}

/* All replies in (or the last one's wait is over): from lwIP's timeouts. */
static void ping_finish(void *arg)
{
	ping_end();
	shell_release();
}

static void ping_tick(void *arg)
{
	if (ping.sent >= ping.count) {
		ping_finish(NULL);
		return;
	}
	ping_send();
	sys_timeout(PING_INTERVAL_MS, ping_tick, NULL);
}

static void ping_got(const struct icmp_echo_hdr *h, u64 sent_at)
{
	u64 rtt = ktime_get_ns() - sent_at;

	ping.received++;
	if (ping.received == 1 || rtt < ping.rtt_min)
		ping.rtt_min = rtt;
	if (rtt > ping.rtt_max)
		ping.rtt_max = rtt;
	ping.rtt_sum += rtt;
	kprintf("%u bytes from %s: icmp_seq=%u time=%llu.%llu ms\n", (unsigned int)PING_LEN,
		ipaddr_ntoa(&ping.dst), lwip_ntohs(h->seqno), rtt / NSEC_PER_MSEC,
		rtt % NSEC_PER_MSEC / (100 * NSEC_PER_USEC));
	if (ping.received == ping.count) {	/* == : a duplicate ends nothing twice */
		/* Not here: we are inside raw_input(), which still uses the pcb. */
		sys_untimeout(ping_tick, NULL);
		sys_timeout(0, ping_finish, NULL);
	}
}

/* lwIP hands every received ICMP datagram here first, IP header included;
 * 0 leaves it to lwIP's own ICMP (echo requests to us, errors). */
static u8_t ping_recv(void *arg, struct raw_pcb *pcb, struct pbuf *p, const ip_addr_t *addr)
{
	u8 buf[IP_HLEN + PING_LEN];
	const struct ip_hdr *iph = (const struct ip_hdr *)buf;
	struct icmp_echo_hdr *h;
	u16 hlen;
	u64 sent_at;

	if (p->tot_len < IP_HLEN || !ip_addr_eq(addr, &ping.dst) ||
	    pbuf_copy_partial(p, buf, IP_HLEN, 0) != IP_HLEN)
		return 0;
	hlen = (u16)IPH_HL_BYTES(iph);
	if (hlen < IP_HLEN || p->tot_len != hlen + PING_LEN ||
	    pbuf_copy_partial(p, buf + IP_HLEN, PING_LEN, hlen) != PING_LEN)
		return 0;
	h = (struct icmp_echo_hdr *)(buf + IP_HLEN);
	if (h->type != ICMP_ER || h->id != ping.id)
		return 0;
	if (inet_chksum(h, PING_LEN) != 0) {
		ping.errors++;		/* ours, but damaged: eaten and counted */
		pbuf_free(p);
		return 1;
	}
	memcpy(&sent_at, h + 1, sizeof(sent_at));
	ping_got(h, sent_at);
	pbuf_free(p);
	return 1;
}

static int ping_usage(void)
{
	return shell_usage(shell_find("ping"));
}

static int cmd_ping(int argc, char **argv)
{
	unsigned int count = PING_DEFAULT;

	if (argc < 2 || argc > 3)
		return ping_usage();
	if (!ipaddr_aton(argv[1], &ping.dst) || !IP_IS_V4(&ping.dst)) {
		kprintf("ping: %s: not an IPv4 address\n", argv[1]);
		return ping_usage();
	}
	if (argc == 3 && (kstrtouint(argv[2], 10, &count) || !count || count > PING_MAX)) {
		kprintf("ping: %s: count must be 1..%u\n", argv[2], PING_MAX);
		return ping_usage();
	}
	if (!nicstack_lwip_is_up()) {
		kprintf("ping: lwIP is not running (nicstack.app=reflect?)\n");
		return -ENODEV;
	}
	if (ping.pcb) {
		kprintf("ping: already running\n");
		return -EBUSY;
	}
	ping.pcb = raw_new(IP_PROTO_ICMP);
	if (!ping.pcb) {
		kprintf("ping: no raw pcb (MEMP_NUM_RAW_PCB)\n");
		return -ENOMEM;
	}
	raw_recv(ping.pcb, ping_recv, NULL);
	ping.id = (u16)LWIP_RAND();
	ping.count = count;
	ping.sent = ping.received = ping.errors = 0;
	ping.rtt_min = ping.rtt_max = ping.rtt_sum = 0;
	kprintf("PING %s: %u data bytes (any key stops)\n", ipaddr_ntoa(&ping.dst), PING_DATA);
	ping_send();
	sys_timeout(PING_INTERVAL_MS, ping_tick, NULL);
	shell_hold(ping_stop);
	return 0;
}
SHELL_COMMAND("ping", cmd_ping, "ping ADDR [COUNT]",
	      "ICMP echo to an IPv4 address, one a second (default 4; a key stops)");
