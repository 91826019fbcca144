/*
 * capture [count]: tcpdump's one-line view of each received frame, through
 * an ETH_P_ALL packet tap (Linux's AF_PACKET socket sits in the same place).
 *
 *   12.345678 eth0 In 52:54:00:aa:bb:cc > 52:54:00:12:34:56, IPv4, length 98:
 *       192.0.2.1 > 192.0.2.2: ICMP echo request, length 64       (one line)
 *
 * Received frames only: the core has no transmit-side tap (Linux's
 * dev_queue_xmit_nit), so frames nicstack sends are not seen.
 *
 * The tap runs in NET_RX softirq, after the shell command has returned; the
 * shell is held (no prompt) until count frames were shown or a key stops it.
 * A tap may not take itself off ptype_all while deliver_skb() walks that
 * list, so the last frame arms a timer that does it from TIMER_SOFTIRQ.
 */
#include <net/core/netdevice.h>
#include <net/core/byteorder.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <lib/timer.h>

#define CAPTURE_DEFAULT		10
#define CAPTURE_MAX		100000
#define PEEK_BYTES		64	/* IPv6 header 40 + TCP's first 20 */

static struct {
	bool registered;	/* on ptype_all */
	bool done;		/* count reached: waiting for the timer */
	unsigned int left, seen;
	struct timer_list finish;
} cap;

static u16 get16(const u8 *p) { return (u16)(p[0] << 8 | p[1]); }

/* RFC 5952 style: the longest run of two or more zero groups becomes "::". */
static void print_ip6(const u8 *a)
{
	int best = -1, best_len = 1, i, run;

	for (i = 0; i < 8; i += run ? run : 1) {
		for (run = 0; i + run < 8 && !get16(a + 2 * (i + run)); run++)
			;
		if (run > best_len) {
			best = i;
			best_len = run;
		}
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			kprintf("::");
			i += best_len - 1;
			continue;
		}
		kprintf("%s%x", i && i != best + best_len ? ":" : "", get16(a + 2 * i));
	}
}

static void print_addr(const u8 *a, bool v6)
{
	if (v6)
		print_ip6(a);
	else
		kprintf("%pI4", a);
}

static void print_tcp_flags(u8 f)
{
	static const char names[] = "FSRP.U";	/* FIN SYN RST PSH ACK URG, bits 0..5 */

	kprintf(" [");
	for (int b = 0; b < 6; b++)
		if (f & (1u << b))
			kprintf("%c", names[b]);
	kprintf("]");
}

/* "192.0.2.1.41234 > 192.0.2.2.7: UDP, length 5": l4 points at the transport header. */
static void print_l4(const u8 *src, const u8 *dst, bool v6, u8 proto,
		     const u8 *l4, int l4_avail, unsigned int l4_len)
{
	bool ports = (proto == 6 && l4_avail >= 20) || (proto == 17 && l4_avail >= 8);

	print_addr(src, v6);
	if (ports)
		kprintf(".%u", get16(l4));
	kprintf(" > ");
	print_addr(dst, v6);
	if (ports)
		kprintf(".%u", get16(l4 + 2));
	if (proto == 17 && ports) {
		kprintf(": UDP, length %u\n", l4_len >= 8 ? l4_len - 8 : 0);
	} else if (proto == 6 && ports) {
		unsigned int hl = (l4[12] >> 4) * 4u;

		kprintf(": TCP");
		print_tcp_flags(l4[13]);
		kprintf(", length %u\n", l4_len >= hl ? l4_len - hl : 0);
	} else if ((proto == 1 || proto == 58) && l4_avail >= 1) {
		u8 t = l4[0];
		const char *what = proto == 1 ? (t == 8 ? "echo request" : t == 0 ? "echo reply" : NULL)
			: (t == 128 ? "echo request" : t == 129 ? "echo reply" :
			   t == 135 ? "neighbor solicitation" : t == 136 ? "neighbor advertisement" :
			   t == 133 ? "router solicitation" : t == 134 ? "router advertisement" : NULL);

		kprintf(": ICMP%s ", proto == 58 ? "6" : "");
		if (what)
			kprintf("%s", what);
		else
			kprintf("type %u", t);
		kprintf(", length %u\n", l4_len);
	} else {
		kprintf(": ip-proto-%u, length %u\n", proto, l4_len);
	}
}

static void print_ipv4(const u8 *p, int n)
{
	unsigned int ihl, total;

	if (n < 20 || (p[0] >> 4) != 4 || (ihl = (p[0] & 0xf) * 4u) < 20 || (int)ihl > n) {
		kprintf("truncated or bad IPv4 header\n");
		return;
	}
	total = get16(p + 2);
	/* Fragments after the first carry no transport header (RFC 791 fragment offset). */
	if (get16(p + 6) & 0x1fff) {
		kprintf("%pI4 > %pI4: fragment, length %u\n", p + 12, p + 16, total);
		return;
	}
	print_l4(p + 12, p + 16, false, p[9], p + ihl, n - (int)ihl,
		 total > ihl ? total - ihl : 0);
}

static void print_ipv6(const u8 *p, int n)
{
	if (n < 40 || (p[0] >> 4) != 6) {
		kprintf("truncated or bad IPv6 header\n");
		return;
	}
	/* Extension headers are not followed: their protocol number is shown. */
	print_l4(p + 8, p + 24, true, p[6], p + 40, n - 40, get16(p + 4));
}

/* ARP for IPv4 over Ethernet (RFC 826): htype 1, ptype 0x0800, 6- and 4-byte addresses. */
static void print_arp(const u8 *p, int n)
{
	if (n < 28 || get16(p) != 1 || get16(p + 2) != ETH_P_IP || p[4] != 6 || p[5] != 4) {
		kprintf("ARP, not IPv4 over Ethernet\n");
		return;
	}
	if (get16(p + 6) == 1)
		kprintf("ARP, Request who-has %pI4 tell %pI4\n", p + 24, p + 14);
	else if (get16(p + 6) == 2)
		kprintf("ARP, Reply %pI4 is-at %pM\n", p + 14, p + 8);
	else
		kprintf("ARP, opcode %u\n", get16(p + 6));
}

/* One frame: eth is its Ethernet header, payload the bytes after it. */
static void print_frame(const struct sk_buff *skb, const u8 *eth, const u8 *payload, int n)
{
	u16 type = get16(eth + 12);
	u64 t = skb->tstamp;

	kprintf("%llu.%06llu %s In %pM > %pM, ", (unsigned long long)(t / 1000000000ULL),
		(unsigned long long)(t % 1000000000ULL / 1000), skb->dev ? skb->dev->name : "?",
		eth + 6, eth);
	if (type < ETH_P_802_3_MIN) {
		kprintf("802.3, length %u\n", skb->len + ETH_HLEN);
		return;
	}
	kprintf("ethertype %s (%#06x), length %u: ", type == ETH_P_IP ? "IPv4" :
		type == ETH_P_IPV6 ? "IPv6" : type == ETH_P_ARP ? "ARP" : "unknown",
		type, skb->len + ETH_HLEN);
	if (type == ETH_P_IP)
		print_ipv4(payload, n);
	else if (type == ETH_P_IPV6)
		print_ipv6(payload, n);
	else if (type == ETH_P_ARP)
		print_arp(payload, n);
	else
		kprintf("%u bytes\n", skb->len);
}

static int capture_rcv(struct sk_buff *skb, struct net_device *dev,
		       struct packet_type *pt, struct net_device *orig_dev)
{
	u8 payload[PEEK_BYTES];
	int n = skb->len < PEEK_BYTES ? (int)skb->len : PEEK_BYTES;
	const u8 *eth;

	/* eth_type_trans() pulled the Ethernet header; the tap only reads (shared skb). */
	if (!cap.done && skb_mac_header_was_set(skb) &&
	    skb->data - skb_mac_header(skb) == ETH_HLEN && skb_copy_bits(skb, 0, payload, n) == 0) {
		eth = skb_mac_header(skb);
		print_frame(skb, eth, payload, n);
		cap.seen++;
		if (--cap.left == 0) {
			cap.done = true;
			mod_timer(&cap.finish, jiffies);
		}
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type capture_pt = {
	.func = capture_rcv,
};

static void capture_end(void)
{
	if (cap.registered)
		dev_remove_pack(&capture_pt);
	cap.registered = false;
	del_timer(&cap.finish);
	kprintf("%u packet%s captured\n", cap.seen, cap.seen == 1 ? "" : "s");
}

static void capture_finish(struct timer_list *t)
{
	capture_end();
	shell_release();
}

static int cmd_capture(int argc, char **argv)
{
	unsigned int count = CAPTURE_DEFAULT;

	if (argc > 2 || (argc == 2 && (kstrtouint(argv[1], 0, &count) || !count ||
					count > CAPTURE_MAX)))
		return shell_usage(shell_find("capture"));
	if (cap.registered)
		return -EBUSY;
	if (!cap.finish.function)
		timer_setup(&cap.finish, capture_finish, 0);
	capture_pt.type = cpu_to_be16(ETH_P_ALL);
	cap.left = count;
	cap.seen = 0;
	cap.done = false;
	kprintf("capturing %u frame%s received on any device (any key stops)\n",
		count, count == 1 ? "" : "s");
	dev_add_pack(&capture_pt);
	cap.registered = true;
	shell_hold(capture_end);
	return 0;
}
SHELL_COMMAND("capture", cmd_capture, "capture [COUNT]",
	      "one line per received frame, tcpdump style (default 10; a key stops)");
