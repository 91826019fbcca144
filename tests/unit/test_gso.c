/*
 * net/core/gso.c: a large TCP segment (IPv4 and IPv6, payload split between
 * the linear part and frags) cut into frames: lengths, IPv4 ids and header
 * checksums, sequence numbers, FIN/PSH only on the last frame and CWR only
 * on the first, TCP checksums computed or left to the device; malformed GSO
 * skbs refused; dev_queue_xmit() cutting for a device without TSO and
 * passing the skb whole to one with it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "netcore_fake.h"

#define MSS		1448
#define TCP_HLEN	32		/* 20 + a 12-byte timestamp option */
#define PAYLOAD		5000		/* three full frames and 656 bytes */
#define FLAGS		0xd9		/* CWR ECE ACK PSH FIN */

static u8 frag_a[2000], frag_b[2000];

static u8 pattern(unsigned int i) { return (u8)(i * 7 + 3); }

static u16 be16(const u8 *p) { return (u16)(p[0] << 8 | p[1]); }
static u32 be32(const u8 *p) { return (u32)be16(p) << 16 | be16(p + 2); }

static unsigned int l4_off(bool v6) { return ETH_HLEN + (v6 ? 40 : 20); }

/* Ethernet + IP + TCP headers and the first payload bytes linear, the rest in two frags. */
static struct sk_buff *gso_skb(bool v6, unsigned int payload)
{
	unsigned int l4 = l4_off(v6), linear = payload > 4000 ? payload - 4000 : payload;
	struct sk_buff *skb = alloc_skb(NET_SKB_PAD + l4 + TCP_HLEN + linear, GFP_KERNEL);
	u8 *f, *ip, *th;

	assert_non_null(skb);
	skb_reserve(skb, NET_SKB_PAD);
	f = skb_put(skb, l4 + TCP_HLEN + linear);
	memset(f, 0, l4 + TCP_HLEN);
	memset(f, 0x02, 12);
	f[12] = v6 ? 0x86 : 0x08;
	f[13] = v6 ? 0xdd : 0x00;
	ip = f + ETH_HLEN;
	if (v6) {
		ip[0] = 0x60;
		ip[6] = 6;
		ip[7] = 64;
		for (int i = 0; i < 16; i++) {
			ip[8 + i] = (u8)(0x20 + i);
			ip[24 + i] = (u8)(0x90 - i);
		}
	} else {
		ip[0] = 0x45;
		ip[4] = 0x12;		/* id 0x1234 */
		ip[5] = 0x34;
		ip[6] = 0x40;		/* DF */
		ip[8] = 64;
		ip[9] = 6;
		memcpy(ip + 12, (u8[]){ 192, 0, 2, 2, 192, 0, 2, 1 }, 8);
	}
	th = f + l4;
	memcpy(th, (u8[]){ 0x13, 0x89, 0xc3, 0x50, 0xff, 0xff, 0xfe, 0x00 }, 8); /* seq wraps */
	th[12] = (TCP_HLEN / 4) << 4;
	th[13] = FLAGS;
	th[14] = 0x10;
	memcpy(th + 20, (u8[]){ 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 }, 12);
	for (unsigned int i = 0; i < linear; i++)
		th[TCP_HLEN + i] = pattern(i);
	if (payload > 4000) {
		for (unsigned int i = 0; i < 2000; i++) {
			frag_a[i] = pattern(linear + i);
			frag_b[i] = pattern(linear + 2000 + i);
		}
		assert_int_equal(skb_add_frag(skb, frag_a, 2000), 0);
		assert_int_equal(skb_add_frag(skb, frag_b, 2000), 0);
	}
	skb->protocol = cpu_to_be16(v6 ? ETH_P_IPV6 : ETH_P_IP);
	skb_shinfo(skb)->gso_size = MSS;
	skb_shinfo(skb)->gso_type = v6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
	return skb;
}

/* The TCP checksum over the frame verifies (sums to zero with its pseudo header). */
static bool tcp_csum_ok(const u8 *f, unsigned int len, bool v6)
{
	unsigned int l4 = l4_off(v6), tlen = len - l4;
	__wsum body = csum_partial(f + l4, (int)tlen, 0);
	__be32 s, d;

	if (v6)
		return csum_ipv6_magic(f + ETH_HLEN + 8, f + ETH_HLEN + 24, tlen, 6, body) == 0;
	memcpy(&s, f + ETH_HLEN + 12, 4);
	memcpy(&d, f + ETH_HLEN + 16, 4);
	return csum_tcpudp_magic(s, d, tlen, 6, body) == 0;
}

static void check_frames(struct sk_buff_head *segs, bool v6, bool partial)
{
	unsigned int l4 = l4_off(v6), off = 0, i = 0;
	struct sk_buff *seg;

	assert_int_equal(skb_queue_len(segs), 4);
	while ((seg = __skb_dequeue(segs))) {
		unsigned int len = i < 3 ? MSS : PAYLOAD - 3 * MSS;
		u8 *f = seg->data, *th = f + l4;

		assert_false(skb_is_nonlinear(seg));
		assert_false(skb_is_gso(seg));
		assert_int_equal(seg->len, l4 + TCP_HLEN + len);
		if (v6) {
			assert_int_equal(be16(f + ETH_HLEN + 4), TCP_HLEN + len);
		} else {
			assert_int_equal(be16(f + ETH_HLEN + 2), 20 + TCP_HLEN + len);
			assert_int_equal(be16(f + ETH_HLEN + 4), 0x1234 + i);
			assert_int_equal(be16(f + ETH_HLEN + 6), 0x4000);
			assert_int_equal(ip_compute_csum(f + ETH_HLEN, 20), 0);
		}
		assert_int_equal(be32(th + 4), 0xfffffe00u + off);	/* wraps past 2^32 */
		assert_int_equal(th[13], FLAGS & ~(i < 3 ? 0x09 : 0) & ~(i ? 0x80 : 0));
		assert_memory_equal(th + 20, ((u8[]){ 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 }), 12);
		for (unsigned int k = 0; k < len; k++)
			assert_int_equal(th[TCP_HLEN + k], pattern(off + k));
		assert_int_equal(seg->network_header - seg->mac_header, ETH_HLEN);
		assert_int_equal(seg->transport_header - seg->mac_header, l4);
		if (partial) {
			assert_int_equal(seg->ip_summed, CHECKSUM_PARTIAL);
			assert_int_equal(seg->csum_start, skb_headroom(seg) + l4);
			assert_int_equal(seg->csum_offset, 16);
			assert_false(tcp_csum_ok(f, seg->len, v6));
			/* What the device does with the seed gives a right checksum. */
			assert_int_equal(skb_checksum_help(seg), 0);
		} else {
			assert_int_equal(seg->ip_summed, CHECKSUM_NONE);
		}
		assert_true(tcp_csum_ok(f, seg->len, v6));
		kfree_skb(seg);
		off += len;
		i++;
	}
}

static int setup(void **state)
{
	netcore_test_reset(64);
	return 0;
}

static int teardown(void **state)
{
	netcore_assert_pool_idle();
	return 0;
}

static void test_ipv4_software_checksum(void **state)
{
	struct sk_buff *skb = gso_skb(false, PAYLOAD);
	struct sk_buff_head segs;

	assert_int_equal(skb_gso_segment(skb, NETIF_F_SG, &segs), 0);
	consume_skb(skb);
	check_frames(&segs, false, false);
}

static void test_ipv4_checksum_left_to_the_device(void **state)
{
	struct sk_buff *skb = gso_skb(false, PAYLOAD);
	struct sk_buff_head segs;

	assert_int_equal(skb_gso_segment(skb, NETIF_F_IP_CSUM, &segs), 0);
	consume_skb(skb);
	check_frames(&segs, false, true);
}

static void test_ipv6_both_ways(void **state)
{
	struct sk_buff *skb = gso_skb(true, PAYLOAD);
	struct sk_buff_head segs;

	assert_int_equal(skb_gso_segment(skb, 0, &segs), 0);
	check_frames(&segs, true, false);
	/* The IPv4 offload bit is not the IPv6 one. */
	assert_int_equal(skb_gso_segment(skb, NETIF_F_IP_CSUM, &segs), 0);
	check_frames(&segs, true, false);
	assert_int_equal(skb_gso_segment(skb, NETIF_F_IPV6_CSUM, &segs), 0);
	consume_skb(skb);
	check_frames(&segs, true, true);
}

/* One byte of each header spoiled at a time: refused, nothing allocated. */
static void test_malformed_refused(void **state)
{
	static const struct { bool v6; unsigned int at; u8 val; } spoil[] = {
		{ false, 12, 0x86 },			/* IPv4 gso_type on an IPv6 frame */
		{ true, 12, 0x08 },
		{ false, ETH_HLEN, 0x44 },		/* ihl 4 */
		{ false, ETH_HLEN, 0x65 },		/* version 6 in an IPv4 frame */
		{ false, ETH_HLEN + 9, 17 },		/* UDP */
		{ false, ETH_HLEN + 6, 0x20 },		/* more fragments */
		{ false, ETH_HLEN + 7, 0x01 },		/* a fragment offset */
		{ true, ETH_HLEN + 6, 0 },		/* an extension header first */
		{ false, ETH_HLEN + 20 + 12, 0x40 },	/* doff 4 */
		{ false, ETH_HLEN + 20 + 12, 0xf0 },	/* doff 15: header past the payload */
	};
	struct sk_buff_head segs;
	struct sk_buff *skb;

	for (size_t i = 0; i < sizeof(spoil) / sizeof(spoil[0]); i++) {
		skb = gso_skb(spoil[i].v6, 20);
		skb->data[spoil[i].at] = spoil[i].val;
		assert_int_equal(skb_gso_segment(skb, 0, &segs), -EINVAL);
		assert_true(skb_queue_empty(&segs));
		kfree_skb(skb);
	}
	skb = gso_skb(false, PAYLOAD);
	skb_shinfo(skb)->gso_size = 0;
	assert_int_equal(skb_gso_segment(skb, 0, &segs), -EINVAL);
	skb_shinfo(skb)->gso_size = PAYLOAD / (GSO_MAX_SEGS + 1);	/* 65 frames */
	assert_int_equal(skb_gso_segment(skb, 0, &segs), -EINVAL);
	skb_shinfo(skb)->gso_size = MSS;
	skb_shinfo(skb)->gso_type = 0x2;
	assert_int_equal(skb_gso_segment(skb, 0, &segs), -EINVAL);
	kfree_skb(skb);
	/* Headers only, no payload: nothing to cut. */
	skb = gso_skb(false, 0);
	assert_int_equal(skb_gso_segment(skb, 0, &segs), -EINVAL);
	kfree_skb(skb);
	/* Shorter than its own headers. */
	skb = gso_skb(false, 30);
	skb_trim(skb, ETH_HLEN + 20 + 10);
	assert_int_equal(skb_gso_segment(skb, 0, &segs), -EINVAL);
	kfree_skb(skb);
}

/* No frame can be allocated half way: what was cut is freed, nothing leaks. */
static void test_out_of_memory_mid_way(void **state)
{
	struct sk_buff *skb = gso_skb(false, PAYLOAD), *hold[64];
	struct sk_buff_head segs;
	struct skb_pool_stats st;
	unsigned int n = 0;

	/* Leave exactly two free skbs in the pool. */
	for (skb_pool_get_stats(&st); st.free > 2; skb_pool_get_stats(&st)) {
		hold[n] = alloc_skb(64, GFP_KERNEL);
		assert_non_null(hold[n]);
		n++;
	}
	assert_int_equal(skb_gso_segment(skb, 0, &segs), -ENOMEM);
	assert_true(skb_queue_empty(&segs));
	skb_pool_get_stats(&st);
	assert_int_equal(st.free, 2);
	while (n)
		kfree_skb(hold[--n]);
	kfree_skb(skb);
}

struct sink {
	struct sk_buff_head sent;
};

static netdev_tx_t sink_xmit(struct sk_buff *skb, struct net_device *d)
{
	skb_queue_tail(&((struct sink *)netdev_priv(d))->sent, skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops sink_ops = { .ndo_start_xmit = sink_xmit };

static void test_dev_queue_xmit_cuts_only_without_tso(void **state)
{
	struct net_device *d = alloc_etherdev(sizeof(struct sink));
	struct sink *s = netdev_priv(d);
	struct sk_buff *skb;

	d->netdev_ops = &sink_ops;
	d->features = NETIF_F_SG | NETIF_F_IP_CSUM;
	skb_queue_head_init(&s->sent);
	assert_int_equal(register_netdev(d), 0);
	dev_open(d);
	netif_start_queue(d);

	skb = gso_skb(false, PAYLOAD);
	skb->dev = d;
	assert_int_equal(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	check_frames(&s->sent, false, true);

	d->features |= NETIF_F_TSO;
	skb = gso_skb(false, PAYLOAD);
	skb->dev = d;
	assert_int_equal(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	assert_int_equal(skb_queue_len(&s->sent), 1);
	assert_ptr_equal(skb_peek(&s->sent), skb);
	assert_int_equal(skb_shinfo(skb)->gso_size, MSS);
	skb_queue_purge(&s->sent);

	/* An IPv6 segment on a device with TSO for IPv4 only is cut. */
	skb = gso_skb(true, PAYLOAD);
	skb->dev = d;
	assert_int_equal(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	assert_int_equal(skb_queue_len(&s->sent), 4);
	skb_queue_purge(&s->sent);

	/* A device with TSO but no gather gets a linear copy, still to be cut. */
	d->features = NETIF_F_TSO | NETIF_F_IP_CSUM;
	skb = gso_skb(false, PAYLOAD);
	skb->dev = d;
	assert_int_equal(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	assert_int_equal(skb_queue_len(&s->sent), 1);
	assert_false(skb_is_nonlinear(skb_peek(&s->sent)));
	assert_int_equal(skb_shinfo(skb_peek(&s->sent))->gso_size, MSS);
	assert_int_equal(skb_shinfo(skb_peek(&s->sent))->gso_type, SKB_GSO_TCPV4);
	skb_queue_purge(&s->sent);

	/* A malformed one is a counted drop. */
	skb = gso_skb(false, PAYLOAD);
	skb->dev = d;
	d->features &= ~NETIF_F_TSO;
	skb->data[ETH_HLEN + 9] = 17;
	assert_int_equal(dev_queue_xmit(skb), NET_XMIT_DROP);
	assert_int_equal(d->tx_dropped, 1);
	assert_true(skb_queue_empty(&s->sent));

	unregister_netdev(d);
	free_netdev(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ipv4_software_checksum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv4_checksum_left_to_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv6_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_memory_mid_way, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dev_queue_xmit_cuts_only_without_tso, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
