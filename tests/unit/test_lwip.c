/*
 * The lwIP glue with the real lwIP and the real net core: frames injected
 * through netif_receive_skb() reach lwIP zero-copy and its answers leave
 * through a fake device's ndo_start_xmit(), where they are checked byte by
 * byte. Every skb is back in the pool after each test (ASan checks the rest).
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
#include <net/core/skb_pool.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/port.h>
#include <net/apps/apps.h>
#include "lwip_harness.h"
#include "netcore_fake.h"

#include "lwip/pbuf.h"
#include "lwip/stats.h"

#define group_setup lwip_harness_echo_setup

#define setup lwip_harness_setup
#define teardown lwip_harness_teardown

/* ---- tests ------------------------------------------------------------------ */

static void test_arp_request_gets_one_reply(void **state)
{
	u8 r[128], *a = r + 14;

	make_dev(0);
	send_arp_request();
	assert_true(one_tx(r, sizeof(r)) >= 42);
	assert_memory_equal(r, host_mac, 6);
	assert_memory_equal(r + 6, dev->dev_addr, 6);
	assert_int_equal(get16(r + 12), ETH_P_ARP);
	assert_int_equal(get16(a + 6), 2);			/* reply */
	assert_memory_equal(a + 8, dev->dev_addr, 6);		/* sender: us */
	assert_memory_equal(a + 14, our_ip, 4);
	assert_memory_equal(a + 18, host_mac, 6);		/* target: the asker */
	assert_memory_equal(a + 24, host_ip, 4);
}

static size_t icmp_echo(u8 *f, const u8 *payload, size_t plen)
{
	size_t off = eth_hdr(f, dev->dev_addr, ETH_P_IP);
	u8 *icmp = f + off + 20;

	icmp[0] = 8;
	icmp[1] = 0;
	put16(icmp + 2, 0);
	put16(icmp + 4, 0x1234);
	put16(icmp + 6, 7);
	memcpy(icmp + 8, payload, plen);
	put_csum(icmp + 2, ip_compute_csum(icmp, 8 + plen));
	ip_hdr(f + off, 1, 8 + plen);
	return off + 20 + 8 + plen;
}

static void test_icmp_echo_reply_same_payload(void **state)
{
	u8 f[256], r[256], payload[56];
	size_t n;

	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = (u8)(i * 7 + 3);
	make_dev(NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM);
	send_arp_request();
	one_tx(r, sizeof(r));
	inject(f, icmp_echo(f, payload, sizeof(payload)));
	n = one_tx(r, sizeof(r));
	assert_int_equal(n, 14 + 20 + 8 + sizeof(payload));
	assert_memory_equal(r, host_mac, 6);
	assert_int_equal(r[14 + 9], 1);
	assert_memory_equal(r + 14 + 16, host_ip, 4);
	assert_int_equal(ip_compute_csum(r + 14, 20), 0);	/* IP checksum valid */
	assert_int_equal(r[34], 0);					/* echo reply */
	assert_int_equal(get16(r + 38), 0x1234);
	assert_int_equal(ip_compute_csum(r + 34, 8 + sizeof(payload)), 0);
	assert_memory_equal(r + 42, payload, sizeof(payload));
}

static void test_bad_ip_checksum_dropped_and_counted(void **state)
{
	u8 f[256], r[64], payload[16] = { 1, 2, 3 };
	u32 before;
	size_t n;

	make_dev(0);
	send_arp_request();
	one_tx(r, sizeof(r));
	n = icmp_echo(f, payload, sizeof(payload));
	f[14 + 10] ^= 0x01;
	before = lwip_stats.ip.chkerr;
	inject(f, n);
	assert_int_equal(tx_count, 0);
	assert_int_equal(lwip_stats.ip.chkerr, before + 1);
}

static void test_udp_echo(void **state)
{
	u8 f[256], r[256], msg[] = "hello, port seven";
	size_t off, plen = sizeof(msg), n;
	u8 *udp;

	make_dev(NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM);
	send_arp_request();
	one_tx(r, sizeof(r));
	off = eth_hdr(f, dev->dev_addr, ETH_P_IP);
	udp = f + off + 20;
	put16(udp, 40000);
	put16(udp + 2, ECHO_PORT);
	put16(udp + 4, (u16)(8 + plen));
	put16(udp + 6, 0);
	memcpy(udp + 8, msg, plen);
	ip_hdr(f + off, 17, 8 + plen);
	put_csum(udp + 6, ipv4_l4_csum(f + off, udp, 8 + plen, 17));
	inject(f, off + 20 + 8 + plen);

	n = one_tx(r, sizeof(r));
	assert_int_equal(n, off + 20 + 8 + plen);
	assert_int_equal(get16(r + 34), ECHO_PORT);
	assert_int_equal(get16(r + 36), 40000);
	assert_memory_equal(r + 42, msg, plen);
	/* lwIP computed the UDP checksum itself (not offloaded): it verifies. */
	assert_int_equal(ipv4_l4_csum(r + 14, r + 34, 8 + plen, 17), 0);
}

/* eth + IPv4 + TCP header for a segment of plen bytes, TCP checksum 0. */
static struct pbuf *tcp_headers(size_t plen)
{
	struct pbuf *p = pbuf_alloc(PBUF_RAW, 54, PBUF_RAM);
	u8 *h = p->payload;

	memset(h, 0, 54);
	memcpy(h, host_mac, 6);
	memcpy(h + 6, dev->dev_addr, 6);
	put16(h + 12, ETH_P_IP);
	ip_hdr(h + 14, 6, 20 + plen);
	h[14 + 20 + 12] = 5 << 4;
	return p;
}

static void test_tx_chain_becomes_one_sg_skb(void **state)
{
	static u8 rom[1000];
	struct nicstack_netif *nif;
	struct pbuf *p, *p2, *p3;
	struct sk_buff *skb;
	u8 seg[20 + 1400];
	unsigned int start;

	for (size_t i = 0; i < sizeof(rom); i++)
		rom[i] = (u8)(i ^ 0x5a);
	make_dev(NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM);
	nif = nicstack_netif_find(dev);
	p = tcp_headers(1400);
	p2 = pbuf_alloc(PBUF_RAW, 1000, PBUF_ROM);
	p2->payload = rom;
	p3 = pbuf_alloc(PBUF_RAW, 400, PBUF_RAM);
	memset(p3->payload, 0xab, 400);
	pbuf_cat(p, p2);
	pbuf_cat(p, p3);
	memset(&nif->stats, 0, sizeof(nif->stats));	/* forget the link-up chatter */

	local_bh_disable();
	assert_int_equal(nif->netif.linkoutput(&nif->netif, p), ERR_OK);
	local_bh_enable();
	assert_int_equal(tx_count, 1);
	skb = skb_peek(&txq);
	assert_int_equal(skb->len, 54 + 1400);
	assert_int_equal(skb_headlen(skb), 54);
	assert_int_equal(skb_shinfo(skb)->nr_frags, 2);
	assert_ptr_equal(skb_shinfo(skb)->frags[0].addr, rom);
	assert_int_equal(skb_shinfo(skb)->frags[0].len, 1000);
	assert_ptr_equal(skb_shinfo(skb)->frags[1].addr, p3->payload);
	assert_int_equal(skb_shinfo(skb)->frags[1].len, 400);
	assert_int_equal(p->ref, 2);		/* held until TX completion */

	/* Do what the NIC does for CHECKSUM_PARTIAL, then verify the result. */
	assert_int_equal(skb->ip_summed, CHECKSUM_PARTIAL);
	start = skb->csum_start - skb_headroom(skb);
	assert_int_equal(start, 34);
	assert_int_equal(skb->csum_offset, 16);
	assert_int_equal(skb_copy_bits(skb, (int)start, seg, (int)sizeof(seg)), 0);
	put_csum(seg + 16, ip_compute_csum(seg, sizeof(seg)));	/* what the NIC does */
	assert_int_equal(ipv4_l4_csum((u8 *)p->payload + 14, seg, sizeof(seg), 6), 0);
	assert_int_equal(nif->stats.tx_sg, 1);
	assert_int_equal(nif->stats.tx_csum_offload, 1);

	complete_tx();
	assert_int_equal(p->ref, 1);		/* completion released the chain */
	assert_int_equal(pbuf_free(p), 3);
}

static void test_tx_without_sg_copies(void **state)
{
	struct nicstack_netif *nif;
	struct pbuf *p, *p2;
	struct sk_buff *skb;

	make_dev(0);
	nif = nicstack_netif_find(dev);
	p = tcp_headers(300);
	p2 = pbuf_alloc(PBUF_RAW, 300, PBUF_RAM);
	memset(p2->payload, 0x11, 300);
	pbuf_cat(p, p2);
	memset(&nif->stats, 0, sizeof(nif->stats));
	local_bh_disable();
	assert_int_equal(nif->netif.linkoutput(&nif->netif, p), ERR_OK);
	local_bh_enable();
	skb = skb_peek(&txq);
	assert_non_null(skb);
	assert_int_equal(skb_shinfo(skb)->nr_frags, 0);
	assert_int_equal(skb->len, 354);
	assert_int_equal(skb->data[353], 0x11);
	assert_int_equal(skb->ip_summed, CHECKSUM_NONE);
	assert_int_equal(p->ref, 1);
	assert_int_equal(nif->stats.tx_copied, 1);
	complete_tx();
	pbuf_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_arp_request_gets_one_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_icmp_echo_reply_same_payload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_ip_checksum_dropped_and_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_udp_echo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_chain_becomes_one_sg_skb, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_without_sg_copies, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
