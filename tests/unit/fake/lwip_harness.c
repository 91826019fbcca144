/* The lwIP host harness (see lwip_harness.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/params.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/port.h>
#include <net/apps/apps.h>
#include "lwip_harness.h"
#include "netcore_fake.h"

#include "lwip/pbuf.h"
#include "lwip/timeouts.h"
#include "lwip/priv/tcp_priv.h"


const u8 host_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
const u8 host_ip[4] = { 192, 0, 2, 1 }, our_ip[4] = { 192, 0, 2, 2 };

struct net_device *dev;
struct sk_buff_head txq;
unsigned int tx_count;

static netdev_tx_t fake_xmit(struct sk_buff *skb, struct net_device *d)
{
	skb_queue_tail(&txq, skb);
	tx_count++;
	return NETDEV_TX_OK;
}

static const struct net_device_ops fake_ops = { .ndo_start_xmit = fake_xmit };

/* TX completion, as a driver's poll does it. */
void complete_tx(void)
{
	struct sk_buff *skb;

	local_bh_disable();
	while ((skb = skb_dequeue(&txq)) != NULL)
		consume_skb(skb);
	local_bh_enable();
}

void make_dev(u64 features)
{
	dev = alloc_etherdev(0);
	assert_non_null(dev);
	dev->netdev_ops = &fake_ops;
	dev->features = features;
	memcpy(dev->dev_addr, (u8[]){ 0x02, 0, 0, 0, 0, 0x02 }, 6);
	assert_int_equal(register_netdev(dev), 0);	/* the glue attaches and opens it */
	assert_string_equal(dev->name, "eth0");
	assert_non_null(nicstack_netif_find(dev));
	complete_tx();		/* gratuitous ARP, MLD reports... */
	tx_count = 0;
}

void lwip_harness_init(char *params)
{
	netcore_test_reset(256);
	assert_int_equal(parse_args(params), 0);
	assert_int_equal(nicstack_lwip_init(), 0);
}

int lwip_harness_echo_setup(void **state)
{
	static char line[] = "ip=192.0.2.2/24 gw=192.0.2.1";

	lwip_harness_init(line);
	local_bh_disable();
	assert_int_equal(echo_start(), 0);
	local_bh_enable();
	return 0;
}

int lwip_harness_setup(void **state)
{
	u64 now = fake_now_ns;

	netcore_test_reset(256);
	/* lwIP's timeouts outlive a test: its clock must never run backwards. */
	fake_now_ns = now;
	skb_queue_head_init(&txq);
	assert_int_equal(nicstack_glue_init(), 0);
	return 0;
}

int lwip_harness_teardown(void **state)
{
	complete_tx();
	unregister_netdev(dev);
	nicstack_glue_exit();
	free_netdev(dev);
	netcore_assert_pool_idle();
	return 0;
}

/* ---- frames ----------------------------------------------------------------- */

void put_csum(u8 *p, __sum16 c) { memcpy(p, &c, 2); }

__sum16 ipv4_l4_csum(const u8 *ip, const u8 *l4, size_t len, u8 proto)
{
	__be32 s, d;

	memcpy(&s, ip + 12, 4);
	memcpy(&d, ip + 16, 4);
	return csum_tcpudp_magic(s, d, (u32)len, proto, csum_partial(l4, (int)len, 0));
}

__sum16 ipv6_l4_csum(const u8 *ip, const u8 *l4, size_t len, u8 nh)
{
	return csum_ipv6_magic(ip + 8, ip + 24, (u32)len, nh, csum_partial(l4, (int)len, 0));
}

void put16(u8 *p, u16 v) { p[0] = (u8)(v >> 8); p[1] = (u8)v; }
u16 get16(const u8 *p) { return (u16)(p[0] << 8 | p[1]); }
void put32(u8 *p, u32 v) { put16(p, (u16)(v >> 16)); put16(p + 2, (u16)v); }
u32 get32(const u8 *p) { return (u32)get16(p) << 16 | get16(p + 2); }

size_t eth_hdr(u8 *f, const u8 *dst, u16 type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, host_mac, 6);
	put16(f + 12, type);
	return 14;
}

/* IPv4 header at f for proto and l4len bytes of payload; checksum set. */
void ip_hdr(u8 *ip, u8 proto, size_t l4len)
{
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, (u16)(20 + l4len));
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, host_ip, 4);
	memcpy(ip + 16, our_ip, 4);
	put_csum(ip + 10, ip_compute_csum(ip, 20));
}

void inject(const u8 *frame, size_t len)
{
	struct sk_buff *skb = netdev_alloc_skb_ip_align(dev, (unsigned int)len);

	assert_non_null(skb);
	skb_put_data(skb, frame, (unsigned int)len);
	skb->protocol = eth_type_trans(skb, dev);
	local_bh_disable();
	netif_receive_skb(skb);
	local_bh_enable();
}

/* The only frame sent since the last call, linearized into out. */
size_t one_tx(u8 *out, size_t size)
{
	struct sk_buff *skb;
	size_t len;

	assert_int_equal(tx_count, 1);
	assert_int_equal(skb_queue_len(&txq), 1);
	skb = skb_peek(&txq);
	len = skb->len;
	assert_true(len <= size);
	assert_int_equal(skb_copy_bits(skb, 0, out, (int)len), 0);
	complete_tx();
	tx_count = 0;
	return len;
}

void send_arp_request(void)
{
	u8 f[60] = { 0 }, *a = f + 14;

	eth_hdr(f, (const u8 *)"\xff\xff\xff\xff\xff\xff", ETH_P_ARP);
	put16(a, 1);
	put16(a + 2, ETH_P_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);
	memcpy(a + 8, host_mac, 6);
	memcpy(a + 14, host_ip, 4);
	memcpy(a + 24, our_ip, 4);
	inject(f, sizeof(f));
}

void lwip_advance_ms(unsigned int ms)
{
	for (unsigned int t = 0; t < ms; t += 50) {
		fake_now_ns += 50 * 1000000ULL;
		local_bh_disable();
		sys_check_timeouts();
		local_bh_enable();
	}
}

/* ---- what hostile-peer tests build on ----------------------------------- */

/* A device with ARP for the host resolved, the boot chatter gone. */
struct nicstack_netif *ready_dev(void)
{
	u8 r[128];

	make_dev(0);
	send_arp_request();
	one_tx(r, sizeof(r));
	return nicstack_netif_find(dev);
}

/* A TCP segment from the host; opt (optlen a multiple of 4) goes after
 * the header. */
size_t tcp_seg_opt(u8 *f, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags, u16 win,
		   const u8 *opt, size_t optlen, const void *data, size_t dlen)
{
	size_t off = eth_hdr(f, dev->dev_addr, ETH_P_IP), hlen = 20 + optlen;
	u8 *t = f + off + 20;

	memset(t, 0, 20);
	put16(t, sport);
	put16(t + 2, dport);
	put32(t + 4, seq);
	put32(t + 8, ack);
	t[12] = (u8)((hlen / 4) << 4);
	t[13] = flags;
	put16(t + 14, win);
	if (optlen)
		memcpy(t + 20, opt, optlen);
	if (dlen)
		memcpy(t + hlen, data, dlen);
	ip_hdr(f + off, 6, hlen + dlen);
	put_csum(t + 16, ipv4_l4_csum(f + off, t, hlen + dlen, 6));
	return off + 20 + hlen + dlen;
}

static u8 big_frame[70000];

void send_tcp_opt(u16 sport, u16 dport, u32 seq, u32 ack, u8 flags, u16 win,
		  const u8 *opt, size_t optlen, const void *data, size_t dlen)
{
	inject(big_frame, tcp_seg_opt(big_frame, sport, dport, seq, ack, flags, win, opt, optlen,
				      data, dlen));
}

void send_tcp(u16 sport, u16 dport, u32 seq, u32 ack, u8 flags, u16 win,
	      const void *data, size_t dlen)
{
	send_tcp_opt(sport, dport, seq, ack, flags, win, NULL, 0, data, dlen);
}

size_t next_sent(u8 *buf, size_t size)
{
	struct sk_buff *skb = skb_dequeue(&txq);
	size_t len;

	if (!skb) {
		tx_count = 0;
		return 0;
	}
	len = skb->len;
	assert_true(len <= size);
	assert_int_equal(skb_copy_bits(skb, 0, buf, (int)len), 0);
	local_bh_disable();
	consume_skb(skb);
	local_bh_enable();
	return len;
}

/* Every frame sent since the last look: how many had these TCP flags set,
 * to sport; *last_ack gets the highest acknowledgement among them. */
unsigned int sent_with(u8 flags, u16 to_port, u32 *last_ack)
{
	unsigned int n = 0;
	size_t len;
	u8 r[1600];

	while ((len = next_sent(r, sizeof(r))) != 0) {
		if (len < 54 || get16(r + 12) != ETH_P_IP || r[23] != 6 || get16(r + 36) != to_port)
			continue;
		if ((r[47] & flags) == flags) {
			n++;
			if (last_ack && get32(r + 42) - *last_ack < 0x80000000u)
				*last_ack = get32(r + 42);
		}
	}
	return n;
}

/* A reset lwIP accepts: at exactly the next sequence number it expects
 * (RFC 5961 answers any other with a challenge ACK). */
void reset_conn(u16 sport, u16 dport)
{
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		if (pcb->remote_port == sport && pcb->local_port == dport) {
			send_tcp(sport, dport, pcb->rcv_nxt, GUEST_ISN + 1, TCP_RST, 0, NULL, 0);
			return;
		}
}

/* SYN, SYN-ACK, ACK from sport; our ISN is 5000, so data starts at 5001. */
void handshake(u16 sport, u16 dport, u16 win)
{
	send_tcp(sport, dport, 5000, 0, TCP_SYN, win, NULL, 0);
	assert_int_equal(sent_with(TCP_SYN | TCP_ACK, sport, NULL), 1);
	send_tcp(sport, dport, 5001, GUEST_ISN + 1, TCP_ACK, win, NULL, 0);
}

struct tcp_pcb *find_pcb(u16 sport, u16 dport)
{
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		if (pcb->remote_port == sport && pcb->local_port == dport)
			return pcb;
	return NULL;
}

const u8 host_ll[16] = { 0xfe, 0x80, [15] = 1 };

void our_ll(u8 a[16])
{
	memset(a, 0, 16);
	a[0] = 0xfe;
	a[1] = 0x80;
	memcpy(a + 8, (u8[]){ 0x00, 0, 0, 0xff, 0xfe, 0, 0, 0x02 }, 8);	/* 02:..:02 */
}

/* An IPv6 frame from the host's link-local address to ours; ICMPv6 and UDP
 * checksums over the pseudo header (RFC 8200 8.1). */
void inject6(u8 nh, const u8 *l4, size_t l4len, size_t csum_at)
{
	u8 f[1600], *ip = f + 14, *p = f + 54;

	eth_hdr(f, dev->dev_addr, ETH_P_IPV6);
	memset(ip, 0, 40);
	ip[0] = 0x60;
	put16(ip + 4, (u16)l4len);
	ip[6] = nh;
	ip[7] = 255;
	memcpy(ip + 8, host_ll, 16);
	our_ll(ip + 24);
	memcpy(p, l4, l4len);
	put16(p + csum_at, 0);
	put_csum(p + csum_at, ipv6_l4_csum(ip, p, l4len, nh));
	inject(f, 54 + l4len);
}
