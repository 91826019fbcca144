/*
 * net/lwip/patches, IPv4, IPv6, ND and DHCP (0001, 0002, 0011, 0013-0015,
 * 0017): each test sends what a peer would to reach the hang, the assertion
 * or the unbounded value the patch removes, against the real lwIP on the
 * host, and fails without its patch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <net/apps/apps.h>
#include <net/apps/tcp_service.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/tcp_guard.h>
#include "lwip_harness.h"
#include "netcore_fake.h"
#include "panic_fake.h"

#include "lwip/dhcp.h"
#include "lwip/ip4.h"
#include "lwip/ip6_frag.h"
#include "lwip/nd6.h"
#include "lwip/stats.h"
#include "lwip/priv/nd6_priv.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/dhcp.h"


static void send_ptb(u32 mtu)
{
	u8 m[8 + 40 + 8] = { 2, 0 }, *q = m + 8;

	put32(m + 4, mtu);
	q[0] = 0x60;			/* the quoted packet: ours, to the host */
	put16(q + 4, 8);
	q[6] = 58;
	q[7] = 64;
	our_ll(q + 8);
	memcpy(q + 24, host_ll, 16);
	inject6(58, m, sizeof(m), 2);
}

static u16 pmtu_to_host(void)
{
	ip6_addr_t a;

	memcpy(a.addr, host_ll, 16);
	ip6_addr_assign_zone(&a, IP6_UNKNOWN, &nicstack_netif_find(dev)->netif);
	return nd6_get_destination_mtu(&a, &nicstack_netif_find(dev)->netif);
}

static void test_packet_too_big_mtu_is_clamped(void **state)
{
	static const struct { u32 said, kept; } cases[] = {
		{ 50, 1280 }, { 0, 1280 }, { 1279, 1280 }, { 65535, 1500 }, { 1400, 1400 },
		{ 0xffffffffu, 1500 },
	};
	u8 udp[8 + 4] = { 0x9c, 0x40, 0, ECHO_PORT, 0, 12 };
	u32 proterr;

	ready_dev();
	netif_carrier_on(dev);			/* link up: duplicate address detection runs */
	lwip_advance_ms(3000);
	sent_with(0, 0, NULL);
	memcpy(udp + 8, "echo", 4);
	inject6(17, udp, sizeof(udp), 6);	/* the reply makes a destination entry */
	assert_true(tx_count >= 1);
	sent_with(0, 0, NULL);
	assert_int_equal(pmtu_to_host(), 1500);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		proterr = lwip_stats.nd6.proterr;
		send_ptb(cases[i].said);
		assert_int_equal(pmtu_to_host(), cases[i].kept);
		assert_int_equal(lwip_stats.nd6.proterr, proterr + (cases[i].said != cases[i].kept));
	}
	sent_with(0, 0, NULL);
}

/* 0011: one ICMPv6 echo request of 65496 bytes in 46 fragments: with the
 * IPv6 header it cannot be reassembled into 65535 bytes. */
static void test_ip6_reassembly_over_64k_is_dropped(void **state)
{
	static u8 f[1600];
	u8 *ip = f + 14, *fh = f + 54;
	u32 proterr = lwip_stats.ip6_frag.proterr;
	const unsigned int total = 65496, step = 1448;

	ready_dev();
	netif_carrier_on(dev);
	lwip_advance_ms(3000);
	sent_with(0, 0, NULL);
	for (unsigned int off = 0; off < total; off += step) {
		unsigned int n = total - off < step ? total - off : step;

		eth_hdr(f, dev->dev_addr, ETH_P_IPV6);
		memset(ip, 0, 48);
		ip[0] = 0x60;
		put16(ip + 4, (u16)(8 + n));
		ip[6] = 44;				/* Fragment header */
		ip[7] = 64;
		memcpy(ip + 8, host_ll, 16);
		our_ll(ip + 24);
		fh[0] = 58;
		put16(fh + 2, (u16)(off | (off + n < total)));	/* offset, M */
		put32(fh + 4, 0x77);
		memset(fh + 8, 'v', n);
		if (off == 0)
			fh[8] = 128;			/* echo request */
		inject(f, 62 + n);
	}
	assert_int_equal(lwip_stats.ip6_frag.proterr, proterr + 1);
	lwip_advance_ms(65000);			/* the rest expires */
	assert_int_equal(nicstack_glue_rx_held(), 0);
	sent_with(0, 0, NULL);
}

/* Patch 0002 on its own: a path MTU no fragment fits in is refused, not looped on. */
static void test_ip6_frag_refuses_an_mtu_with_no_room(void **state)
{
	struct netif *n = &ready_dev()->netif;
	struct pbuf *p = pbuf_alloc(PBUF_IP, 40 + 200, PBUF_RAM);
	ip6_addr_t far;
	u32 errs = lwip_stats.ip6_frag.err;
	u16 saved = n->mtu6;

	memset(p->payload, 0, 40 + 200);
	memset(&far, 0, sizeof(far));
	((u8 *)p->payload)[0] = 0x60;
	IP6_ADDR(&far, PP_HTONL(0x20010db8), 0, 0, PP_HTONL(0x99));
	n->mtu6 = 50;
	local_bh_disable();
	assert_int_equal(ip6_frag(p, n, &far), ERR_VAL);
	local_bh_enable();
	n->mtu6 = saved;
	assert_int_equal(lwip_stats.ip6_frag.err, errs + 1);
	assert_int_equal(tx_count, 0);
	pbuf_free(p);
}

/* 0013: a DHCP exchange with a server at 192.0.2.1 offering 192.0.2.77. */

/* Every frame sent since the last look: the xid of the last DHCP message
 * among them (UDP to port 67). */
static u32 dhcp_sent_xid(void)
{
	unsigned int n = 0;
	size_t len;
	u32 xid = 0;
	u8 r[1600];

	while ((len = next_sent(r, sizeof(r))) != 0) {
		if (len >= 42 + 240 && get16(r + 12) == ETH_P_IP && r[23] == 17 && get16(r + 36) == 67) {
			xid = get32(r + 42 + 4);
			n++;
		}
	}
	assert_true(n >= 1);
	return xid;
}

/* A DHCP reply (DHCP_OFFER or DHCP_ACK) with a lease time and no T1/T2. */
static void dhcp_reply(u8 type, u32 xid, u32 lease)
{
	u8 f[14 + 20 + 8 + 300];
	size_t off = eth_hdr(f, dev->dev_addr, ETH_P_IP), mlen;
	u8 *u = f + off + 20, *m = u + 8, *o = m + 240;

	memset(f + off, 0, sizeof(f) - off);
	m[0] = 2;					/* BOOTREPLY */
	m[1] = 1;
	m[2] = 6;
	put32(m + 4, xid);
	memcpy(m + 16, (u8[]){ 192, 0, 2, 77 }, 4);	/* yiaddr */
	memcpy(m + 28, dev->dev_addr, 6);		/* chaddr */
	put32(m + 236, 0x63825363);			/* magic cookie */
	*o++ = 53, *o++ = 1, *o++ = type;
	*o++ = 54, *o++ = 4, memcpy(o, host_ip, 4), o += 4;
	*o++ = 1, *o++ = 4, memcpy(o, (u8[]){ 255, 255, 255, 0 }, 4), o += 4;
	*o++ = 51, *o++ = 4, put32(o, lease), o += 4;
	*o++ = 255;
	mlen = (size_t)(o - m);
	put16(u, 67);
	put16(u + 2, 68);
	put16(u + 4, (u16)(8 + mlen));
	put16(u + 6, 0);				/* no checksum: allowed for IPv4 */
	ip_hdr(f + off, 17, 8 + mlen);
	memset(f + off + 16, 0xff, 4);			/* to 255.255.255.255 */
	put16(f + off + 10, 0);
	put_csum(f + off + 10, ip_compute_csum(f + off, 20));
	inject(f, off + 28 + mlen);
}

static struct dhcp *dhcp_bound_with_lease(struct netif *n, u32 lease)
{
	local_bh_disable();
	assert_int_equal(dhcp_start(n), ERR_OK);
	local_bh_enable();
	dhcp_reply(DHCP_OFFER, dhcp_sent_xid(), lease);	/* answers the DISCOVER */
	dhcp_reply(DHCP_ACK, dhcp_sent_xid(), lease);	/* answers the REQUEST */
	assert_int_equal(netif_dhcp_data(n)->state, DHCP_STATE_BOUND);
	assert_memory_equal(netif_ip4_addr(n), ((u8[]){ 192, 0, 2, 77 }), 4);
	sent_with(0, 0, NULL);
	return netif_dhcp_data(n);
}

static void dhcp_stop_on(struct netif *n)
{
	local_bh_disable();
	dhcp_release_and_stop(n);
	local_bh_enable();
	sent_with(0, 0, NULL);
}

static void test_dhcp_lease_near_2_32_does_not_wrap(void **state)
{
	struct netif *n = &ready_dev()->netif;
	struct dhcp *d;

	netif_carrier_on(dev);			/* DHCP waits for the link */
	lwip_advance_ms(100);
	sent_with(0, 0, NULL);
	/* 136 years: (lease + 30) / 60 wrapped to 0, so a lease of a minute. */
	d = dhcp_bound_with_lease(n, 0xfffffffeu);
	assert_int_equal(d->t0_timeout, 0xffff);
	lwip_advance_ms(150000);		/* two coarse ticks and a half */
	assert_int_equal(d->state, DHCP_STATE_BOUND);
	assert_memory_equal(netif_ip4_addr(n), ((u8[]){ 192, 0, 2, 77 }), 4);
	sent_with(0, 0, NULL);
	dhcp_stop_on(n);
	/* 19.4 years without T2: lease * 7 wrapped, a rebind time of 0 s. */
	d = dhcp_bound_with_lease(n, 613566757u);
	assert_int_equal(d->t0_timeout, 0xffff);
	assert_int_equal(d->t2_timeout, 0xffff);
	lwip_advance_ms(150000);
	assert_int_equal(d->state, DHCP_STATE_BOUND);
	sent_with(0, 0, NULL);
	/* An ordinary lease keeps its rounding: 3629 s are 60 minutes, 3630 61. */
	dhcp_stop_on(n);
	d = dhcp_bound_with_lease(n, 3629);
	assert_int_equal(d->t0_timeout, 60);
	assert_int_equal(d->t2_timeout, 53);	/* 3175 s */
	dhcp_stop_on(n);
	d = dhcp_bound_with_lease(n, 3630);
	assert_int_equal(d->t0_timeout, 61);
	dhcp_stop_on(n);
}

/* 0014: a router advertisement's reachable time. */

static void send_ra(u32 reachable, u32 retrans)
{
	u8 m[16] = { 134, 0 };

	m[4] = 64;				/* current hop limit */
	put16(m + 6, 0);			/* router lifetime 0: not a default router */
	put32(m + 8, reachable);
	put32(m + 12, retrans);
	inject6(58, m, sizeof(m), 2);
}

static void test_ra_reachable_time_is_bounded(void **state)
{
	u32 proterr, reach1, retrans1, reach2, retrans2;

	ready_dev();
	netif_carrier_on(dev);
	lwip_advance_ms(3000);
	sent_with(0, 0, NULL);
	send_ra(45000, 2000);
	reach1 = reachable_time, retrans1 = retrans_timer;
	proterr = lwip_stats.nd6.proterr;
	send_ra(0xffffffffu, 0xffffffffu);	/* 49.7 days */
	reach2 = reachable_time, retrans2 = retrans_timer;
	/* lwIP's globals: back to the defaults before anything can fail */
	reachable_time = LWIP_ND6_REACHABLE_TIME;
	retrans_timer = LWIP_ND6_RETRANS_TIMER;
	assert_int_equal(reach1, 45000);
	assert_int_equal(retrans1, 2000);
	assert_int_equal(reach2, 3600000);	/* RFC 4861 MAX_REACHABLE_TIME */
	assert_int_equal(retrans2, 3600000);
	assert_int_equal(lwip_stats.nd6.proterr, proterr + 1);
	sent_with(0, 0, NULL);
}

/* 0015: link-layer address options of NS, NA and Redirect. */

static const u8 host2_ll[16] = { 0xfe, 0x80, [15] = 2 };
static const u8 host3_ll[16] = { 0xfe, 0x80, [15] = 3 };
static const u8 allnodes[16] = { 0xff, 0x02, [15] = 1 };
static const u8 mac2[6] = { 0x02, 0, 0, 0, 0, 0x22 };

/* inject6() from src to dst (multicast dst: to its 33:33 MAC). */
static void inject6_sd(const u8 src[16], const u8 dst[16], u8 nh, const u8 *l4, size_t l4len,
		       size_t csum_at)
{
	u8 f[1600], *ip = f + 14, *p = f + 54, mac[6];

	memcpy(mac, dev->dev_addr, 6);
	if (dst[0] == 0xff)
		memcpy(mac, (u8[]){ 0x33, 0x33, dst[12], dst[13], dst[14], dst[15] }, 6);
	eth_hdr(f, mac, ETH_P_IPV6);
	memset(ip, 0, 40);
	ip[0] = 0x60;
	put16(ip + 4, (u16)l4len);
	ip[6] = nh;
	ip[7] = 255;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	memcpy(p, l4, l4len);
	put16(p + csum_at, 0);
	put_csum(p + csum_at, ipv6_l4_csum(ip, p, l4len, nh));
	inject(f, 54 + l4len);
}

/* NS (135) or NA (136) for target, then the options. */
static size_t nd_msg(u8 *m, u8 type, u8 flags, const u8 target[16], const u8 *opt, size_t optlen)
{
	memset(m, 0, 24);
	m[0] = type;
	m[4] = flags;
	memcpy(m + 8, target, 16);
	memcpy(m + 24, opt, optlen);
	return 24 + optlen;
}

/* Every IPv6 frame sent since the last look: how many carried next header
 * nh (and, for ICMPv6, type); *mac gets the last one's destination. */
static unsigned int sent6(u8 nh, u8 type, u8 *mac)
{
	unsigned int n = 0;
	size_t len;
	u8 r[1600];

	while ((len = next_sent(r, sizeof(r))) != 0) {
		if (len < 58 || get16(r + 12) != ETH_P_IPV6 || r[20] != nh || (nh == 58 && r[54] != type))
			continue;
		n++;
		if (mac)
			memcpy(mac, r, 6);
	}
	return n;
}

static void test_nd_lladdr_options_are_checked(void **state)
{
	static const u8 udp[12] = { 0x9c, 0x40, 0, ECHO_PORT, 0, 12, 0, 0, 'e', 'c', 'h', 'o' };
	u8 m[128], mac[6], ours[16];
	u32 lenerr, proterr;
	size_t n;

	ready_dev();
	netif_carrier_on(dev);
	lwip_advance_ms(3000);
	sent_with(0, 0, NULL);
	our_ll(ours);

	/* NS: a source address option of length 0, six more bytes after it. */
	lenerr = lwip_stats.nd6.lenerr;
	n = nd_msg(m, 135, 0, ours, (u8[]){ 1, 0, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee }, 8);
	inject6(58, m, n, 2);
	assert_int_equal(lwip_stats.nd6.lenerr, lenerr + 1);
	assert_int_equal(sent6(58, 136, NULL), 0);		/* not answered */
	/* NS with a target (not source) address option: no source address. */
	proterr = lwip_stats.nd6.proterr;
	n = nd_msg(m, 135, 0, ours, (u8[]){ 2, 1, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee }, 8);
	inject6(58, m, n, 2);
	assert_int_equal(lwip_stats.nd6.proterr, proterr + 1);
	assert_int_equal(sent6(58, 136, NULL), 0);
	/* NS with another option before the source address: answered there. */
	n = nd_msg(m, 135, 0, ours, (u8[]){ 14, 1, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee,
					    1, 1, 2, 0, 0, 0, 0, 1 }, 16);
	inject6(58, m, n, 2);
	assert_int_equal(sent6(58, 136, mac), 1);
	assert_memory_equal(mac, host_mac, 6);

	/* Solicited NA for a neighbour being resolved (our echo reply waits). */
	inject6_sd(host2_ll, ours, 17, udp, sizeof(udp), 6);
	assert_int_equal(sent6(58, 135, NULL), 1);		/* we ask */
	lenerr = lwip_stats.nd6.lenerr;
	n = nd_msg(m, 136, 0x60, host2_ll, (u8[]){ 2, 0, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee }, 8);
	inject6_sd(host2_ll, ours, 58, m, n, 2);		/* S|O, length 0 */
	assert_int_equal(lwip_stats.nd6.lenerr, lenerr + 1);
	n = nd_msg(m, 136, 0x60, host2_ll, (u8[]){ 1, 1, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee }, 8);
	inject6_sd(host2_ll, ours, 58, m, n, 2);		/* source, not target */
	assert_int_equal(lwip_stats.nd6.lenerr, lenerr + 2);
	assert_int_equal(sent6(17, 0, NULL), 0);		/* still waiting */
	n = nd_msg(m, 136, 0x60, host2_ll, (u8[]){ 2, 1, 2, 0, 0, 0, 0, 0x22 }, 8);
	inject6_sd(host2_ll, ours, 58, m, n, 2);
	assert_int_equal(sent6(17, 0, mac), 1);			/* the echo reply */
	assert_memory_equal(mac, mac2, 6);

	/* Unsolicited NA (to all nodes), override, with a source address option. */
	n = nd_msg(m, 136, 0x20, host2_ll, (u8[]){ 1, 1, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee }, 8);
	inject6_sd(host2_ll, allnodes, 58, m, n, 2);
	assert_int_equal(lwip_stats.nd6.lenerr, lenerr + 3);
	/* Redirect of host2 to host3, target address option of length 0. */
	memset(m, 0, 40);
	m[0] = 137;
	memcpy(m + 8, host3_ll, 16);
	memcpy(m + 24, host2_ll, 16);
	memcpy(m + 40, (u8[]){ 2, 0, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee }, 8);
	inject6(58, m, 48, 2);
	assert_int_equal(lwip_stats.nd6.lenerr, lenerr + 4);
	/* host2 is still reached directly, at its own address. */
	inject6_sd(host2_ll, ours, 17, udp, sizeof(udp), 6);
	assert_int_equal(sent6(17, 0, mac), 1);
	assert_memory_equal(mac, mac2, 6);
	sent_with(0, 0, NULL);
}

/* 0017: IPv4 fragments past the end the last fragment sets. */

static void frag4(u16 id, u16 off, bool mf, const u8 *data, size_t len)
{
	u8 f[128];
	size_t o = eth_hdr(f, dev->dev_addr, ETH_P_IP);

	memcpy(f + o + 20, data, len);
	ip_hdr(f + o, 1, len);
	put16(f + o + 4, id);
	put16(f + o + 6, (u16)((mf ? 0x2000 : 0) | off / 8));
	put16(f + o + 10, 0);
	put_csum(f + o + 10, ip_compute_csum(f + o, 20));
	inject(f, o + 20 + len);
}

/* Every frame sent since the last look: how many were ICMP echo replies;
 * *frame_len gets the last one's length. */
static unsigned int echo_replies(size_t *frame_len)
{
	unsigned int n = 0;
	size_t len;
	u8 r[1600];

	while ((len = next_sent(r, sizeof(r))) != 0) {
		if (len >= 42 && get16(r + 12) == ETH_P_IP && r[23] == 1 && r[34] == 0) {
			n++;
			*frame_len = len;
		}
	}
	return n;
}

static void test_ip4_reass_drops_fragments_past_the_end(void **state)
{
	/* An echo request of 16 bytes, and 8 zero bytes past it (they leave
	 * the ICMP checksum as it is, so a datagram with them passes too). */
	u8 icmp[24] = { 8, 0, 0, 0, 0x12, 0x34, 0, 1, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };
	u32 proterr = lwip_stats.ip_frag.proterr;
	size_t len = 0;

	put_csum(icmp + 2, ip_compute_csum(icmp, 16));
	ready_dev();
	/* The last fragment first, then one past its end, then the first. */
	frag4(0x4101, 8, false, icmp + 8, 8);
	frag4(0x4101, 16, true, icmp + 16, 8);
	assert_int_equal(lwip_stats.ip_frag.proterr, proterr + 1);
	frag4(0x4101, 0, true, icmp, 8);
	assert_int_equal(echo_replies(&len), 1);
	assert_int_equal(len, 14 + 20 + 16);		/* the datagram, no more */
	/* One past the end first, then the last fragment: it is refused. */
	frag4(0x4102, 0, true, icmp, 8);
	frag4(0x4102, 16, true, icmp + 16, 8);
	frag4(0x4102, 8, false, icmp + 8, 8);
	assert_int_equal(lwip_stats.ip_frag.proterr, proterr + 2);
	assert_int_equal(echo_replies(&len), 0);
	lwip_advance_ms(20000);				/* IP_REASS_MAXAGE: it expires */
	assert_int_equal(nicstack_glue_rx_held(), 0);
	sent_with(0, 0, NULL);				/* ICMP time exceeded */
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, lwip_harness_setup, lwip_harness_teardown)
	const struct CMUnitTest tests[] = {
		T(test_ip6_reassembly_over_64k_is_dropped),
		T(test_packet_too_big_mtu_is_clamped),
		T(test_ip6_frag_refuses_an_mtu_with_no_room),
		T(test_dhcp_lease_near_2_32_does_not_wrap),
		T(test_ra_reachable_time_is_bounded),
		T(test_nd_lladdr_options_are_checked),
		T(test_ip4_reass_drops_fragments_past_the_end),
	};

	return cmocka_run_group_tests(tests, lwip_services_setup, NULL);
}
