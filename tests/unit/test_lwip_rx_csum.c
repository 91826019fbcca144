/*
 * The NIC's receive checksum verdict in lwIP (patch 0019, netif_glue.c's
 * glue_rx_csum_unnecessary()): frames injected as a driver hands them up,
 * with skb->ip_summed as the driver set it from the RX descriptor.
 *
 * What is wanted: a whole TCP/UDP packet the driver marked
 * CHECKSUM_UNNECESSARY is not summed again (so a deliberately wrong checksum
 * under that mark gets through: the proof that lwIP skipped its sum; the
 * driver only sets the mark when the NIC checked the sum and found it good).
 * Without the mark (the NIC found an error, or did not check) lwIP sums and
 * drops. Fragments are never trusted: a reassembled datagram with a bad sum is
 * dropped though every fragment carried the mark; so is an IPv6 packet with
 * any extension header. A zero UDP checksum is left to lwIP's own rule.
 */
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
#include <net/apps/apps.h>
#include <net/lwip/netif_glue.h>
#include "lwip_harness.h"
#include "netcore_fake.h"

#include "lwip/pbuf.h"
#include "lwip/stats.h"

#define CLOSED_PORT	9999	/* a SYN here is answered with RST when it is accepted */

#define group_setup lwip_harness_echo_setup

static int setup(void **state)
{
	assert_int_equal(param_set("nicstack.rx_csum_trust", "1"), 0);
	return lwip_harness_setup(state);
}

#define teardown lwip_harness_teardown

/* As inject(), with the checksum status a driver would have set. */
static void inject_summed(const u8 *frame, size_t len, u8 ip_summed)
{
	struct sk_buff *skb = netdev_alloc_skb_ip_align(dev, (unsigned int)len);

	assert_non_null(skb);
	skb_put_data(skb, frame, (unsigned int)len);
	skb->protocol = eth_type_trans(skb, dev);
	skb->ip_summed = ip_summed;
	local_bh_disable();
	netif_receive_skb(skb);
	local_bh_enable();
}

/* A SYN from the host to port, its TCP checksum off by one when bad. */
static size_t syn(u8 *f, u16 port, bool bad)
{
	size_t n = tcp_seg_opt(f, 40000, port, 1, 0, 0x02, 8192, NULL, 0, NULL, 0);

	if (bad)
		f[14 + 20 + 16] ^= 0x01;
	return n;
}

/* A UDP datagram to the echo port, plen bytes of payload; csum: as computed,
 * off by one (bad), or 0 (none sent). */
enum sum { SUM_GOOD, SUM_BAD, SUM_ZERO };
static size_t udp4(u8 *f, size_t plen, enum sum sum)
{
	size_t off = eth_hdr(f, dev->dev_addr, ETH_P_IP);
	u8 *udp = f + off + 20;

	put16(udp, 40000);
	put16(udp + 2, ECHO_PORT);
	put16(udp + 4, (u16)(8 + plen));
	put16(udp + 6, 0);
	for (size_t i = 0; i < plen; i++)
		udp[8 + i] = (u8)(i * 7);
	ip_hdr(f + off, 17, 8 + plen);
	if (sum != SUM_ZERO)
		put_csum(udp + 6, ipv4_l4_csum(f + off, udp, 8 + plen, 17));
	if (sum == SUM_BAD)
		udp[6] ^= 0x01;
	return off + 20 + 8 + plen;
}

/* Frames sent since the last look that are UDP from the echo port. */
static unsigned int udp_echoes(void)
{
	unsigned int n = 0;
	size_t len;
	u8 r[1600];

	while ((len = next_sent(r, sizeof(r))) != 0)
		if (len >= 42 && get16(r + 12) == ETH_P_IP && r[23] == 17 && get16(r + 34) == ECHO_PORT)
			n++;
	return n;
}

static void test_tcp_bad_sum_under_the_nics_mark_is_not_summed(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u32 chkerr = lwip_stats.tcp.chkerr;
	u8 f[128];

	inject_summed(f, syn(f, CLOSED_PORT, true), CHECKSUM_UNNECESSARY);
	assert_int_equal(sent_with(0x04, 40000, NULL), 1);	/* RST: lwIP took it */
	assert_int_equal(lwip_stats.tcp.chkerr, chkerr);
	assert_int_equal(nif->stats.rx_csum_unnecessary, 1);

	/* nicstack.rx_csum_trust=0: lwIP sums every segment again. */
	assert_int_equal(param_set("nicstack.rx_csum_trust", "0"), 0);
	inject_summed(f, syn(f, CLOSED_PORT, true), CHECKSUM_UNNECESSARY);
	assert_int_equal(sent_with(0, 0, NULL), 0);
	assert_int_equal(lwip_stats.tcp.chkerr, chkerr + 1);
	assert_int_equal(nif->stats.rx_csum_unnecessary, 1);
}

static void test_tcp_bad_sum_without_the_mark_is_dropped(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u32 chkerr = lwip_stats.tcp.chkerr;
	u8 f[128];

	/* CHECKSUM_NONE: what the driver sets when the descriptor says TCPE/IPE. */
	inject_summed(f, syn(f, CLOSED_PORT, true), CHECKSUM_NONE);
	assert_int_equal(sent_with(0, 0, NULL), 0);
	assert_int_equal(lwip_stats.tcp.chkerr, chkerr + 1);
	inject_summed(f, syn(f, CLOSED_PORT, false), CHECKSUM_NONE);
	assert_int_equal(sent_with(0x04, 40000, NULL), 1);
	assert_int_equal(nif->stats.rx_csum_unnecessary, 0);
}

/* A wrapped (not copied: longer than copybreak) datagram under the mark. */
static void test_udp_under_the_mark_is_not_summed(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u32 chkerr = lwip_stats.udp.chkerr;
	u8 f[1600];

	inject_summed(f, udp4(f, 1000, SUM_BAD), CHECKSUM_UNNECESSARY);
	assert_int_equal(udp_echoes(), 1);
	assert_int_equal(lwip_stats.udp.chkerr, chkerr);
	assert_int_equal(nif->stats.rx_csum_unnecessary, 1);
	inject_summed(f, udp4(f, 1000, SUM_BAD), CHECKSUM_NONE);
	assert_int_equal(udp_echoes(), 0);
	assert_int_equal(lwip_stats.udp.chkerr, chkerr + 1);
}

/* IPv4 UDP without a checksum: accepted by lwIP's rule, not by the mark. */
static void test_udp_zero_sum_keeps_lwips_rule(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u32 chkerr = lwip_stats.udp.chkerr;
	u8 f[1600];

	inject_summed(f, udp4(f, 300, SUM_ZERO), CHECKSUM_UNNECESSARY);
	inject_summed(f, udp4(f, 300, SUM_ZERO), CHECKSUM_NONE);
	assert_int_equal(udp_echoes(), 2);
	assert_int_equal(lwip_stats.udp.chkerr, chkerr);
	assert_int_equal(nif->stats.rx_csum_unnecessary, 0);
}

/* Cuts the datagram in f (from udp4()) into two IPv4 fragments and injects
 * both with the mark, as a NIC confused or lied to might deliver them. */
static void inject_fragments(const u8 *f, size_t len)
{
	size_t off = ETH_HLEN, l4 = len - off - 20, first = 512;
	u8 g[1600];

	for (int i = 0; i < 2; i++) {
		size_t at = i ? first : 0, n = i ? l4 - first : first;
		u8 *ip = g + off;

		memcpy(g, f, off);
		memcpy(ip + 20, f + off + 20 + at, n);
		ip_hdr(ip, 17, n);
		put16(ip + 4, 0x5151);
		put16(ip + 6, (u16)((i ? 0 : 0x2000) | at / 8));
		put16(ip + 10, 0);
		put_csum(ip + 10, ip_compute_csum(ip, 20));
		inject_summed(g, off + 20 + n, CHECKSUM_UNNECESSARY);
	}
}

static void test_reassembled_udp_is_summed_in_software(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u32 chkerr = lwip_stats.udp.chkerr;
	u8 f[1600];

	inject_fragments(f, udp4(f, 1000, SUM_GOOD));	/* the path works */
	assert_int_equal(udp_echoes(), 1);
	inject_fragments(f, udp4(f, 1000, SUM_BAD));
	assert_int_equal(udp_echoes(), 0);
	assert_int_equal(lwip_stats.udp.chkerr, chkerr + 1);
	assert_int_equal(nif->stats.rx_csum_unnecessary, 0);
}

/* IPv6: UDP behind a fragment header (an atomic fragment, which lwIP takes
 * without reassembly) is summed; right after the fixed header it is not. */
static void test_ip6_extension_header_is_summed_in_software(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u32 chkerr = lwip_stats.udp.chkerr;
	u8 f[256], *ip = f + 14, *l4;
	size_t plen = 100;

	netif_carrier_on(dev);			/* link up: duplicate address detection runs */
	lwip_advance_ms(3000);
	sent_with(0, 0, NULL);
	for (int frag = 1; frag >= 0; frag--) {
		size_t ext = frag ? 8 : 0;

		eth_hdr(f, dev->dev_addr, ETH_P_IPV6);
		memset(ip, 0, 40 + ext);
		ip[0] = 0x60;
		put16(ip + 4, (u16)(ext + 8 + plen));
		ip[6] = frag ? 44 : 17;
		ip[7] = 255;
		memcpy(ip + 8, host_ll, 16);
		our_ll(ip + 24);
		if (frag)
			ip[40] = 17;			/* offset 0, M 0, id 0 */
		l4 = ip + 40 + ext;
		put16(l4, 40000);
		put16(l4 + 2, ECHO_PORT);
		put16(l4 + 4, (u16)(8 + plen));
		memset(l4 + 8, 0x5a, plen);
		put_csum(l4 + 6, ipv6_l4_csum(ip, l4, 8 + plen, 17));
		l4[6] ^= 0x01;
		inject_summed(f, 14 + 40 + ext + 8 + plen, CHECKSUM_UNNECESSARY);
		if (frag) {
			assert_int_equal(tx_count, 0);
			assert_int_equal(lwip_stats.udp.chkerr, chkerr + 1);
			assert_int_equal(nif->stats.rx_csum_unnecessary, 0);
		} else {
			assert_true(tx_count >= 1);	/* the echo, or the ND it waits for */
			sent_with(0, 0, NULL);
			assert_int_equal(lwip_stats.udp.chkerr, chkerr + 1);
			assert_int_equal(nif->stats.rx_csum_unnecessary, 1);
		}
	}
}

/* Only the glue sets the mark: every pbuf lwIP makes itself starts without it. */
static void test_lwips_own_pbufs_are_unmarked(void **state)
{
	struct pbuf *p = pbuf_alloc(PBUF_RAW, 100, PBUF_RAM), *q = pbuf_alloc(PBUF_RAW, 0, PBUF_REF);

	ready_dev();
	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal(p->csum_unnecessary, 0);
	assert_int_equal(q->csum_unnecessary, 0);
	pbuf_free(p);
	pbuf_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tcp_bad_sum_under_the_nics_mark_is_not_summed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tcp_bad_sum_without_the_mark_is_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_udp_under_the_mark_is_not_summed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_udp_zero_sum_keeps_lwips_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reassembled_udp_is_summed_in_software, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ip6_extension_header_is_summed_in_software, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lwips_own_pbufs_are_unmarked, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
