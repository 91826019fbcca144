/*
 * The e1000e transmit side through the real driver: context and data
 * descriptors for checksum offload (TXSM on every data descriptor, EOP|RS
 * on the last, the stack's pseudo-header seed left as it is), reclaiming on DD,
 * queue stop and wake, frames dropped and counted as malformed, and TCP
 * segmentation offload (the TSO context, pieces cut at 8 KB, the headers
 * rewritten for the device).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/softirq.h>
#include <net/core/byteorder.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

#define TXD_TYPE_MASK	(E1000_TXD_CMD_DEXT | (0xFu << 20))

static int teardown(void **state)
{
	if (fake_e1000e_driver && pci_get_drvdata(&fake_e1000e_pdev))
		fake_e1000e_driver->remove(&fake_e1000e_pdev);
	return 0;
}

static u32 pool_in_use(void)
{
	struct skb_pool_stats st;

	skb_pool_get_stats(&st);
	return st.in_use;
}

/* The checksum the packet should carry, from scratch (field taken as zero). */
static __sum16 ref_csum(const u8 *l3, bool ipv6, u8 proto, const u8 *seg, size_t len, size_t field)
{
	__wsum s = csum_partial(seg, (int)field, 0);
	__be32 src, dst;

	/* seg + field + 2 starts on an even offset, so word pairs line up. */
	s = csum_partial(seg + field + 2, (int)(len - field - 2), s);
	if (ipv6)
		return csum_ipv6_magic(l3 + 8, l3 + 24, (u32)len, proto, s);
	memcpy(&src, l3 + 12, 4);
	memcpy(&dst, l3 + 16, 4);
	return csum_tcpudp_magic(src, dst, (u32)len, proto, s);
}

/* What the NIC stores: complement of the sum over the segment as seeded. */
static __sum16 nic_csum(const u8 *seg, size_t len) { return ip_compute_csum(seg, (int)len); }

/* The stack's half of CHECKSUM_PARTIAL (net/core/checksum.h): the folded
 * pseudo-header sum in the field. The driver must leave it alone. */
static void stack_seed(u8 *l3, bool ipv6, u8 proto, size_t l4len, size_t field)
{
	u8 *l4 = l3 + (ipv6 ? 40 : 20);
	__sum16 seed;
	__be32 src, dst;

	if (ipv6) {
		seed = (__sum16)~csum_ipv6_magic(l3 + 8, l3 + 24, (u32)l4len, proto, 0);
	} else {
		memcpy(&src, l3 + 12, 4);
		memcpy(&dst, l3 + 16, 4);
		seed = (__sum16)~csum_tcpudp_magic(src, dst, (u32)l4len, proto, 0);
	}
	memcpy(l4 + field, &seed, 2);
}

static u8 frag_buf[MAX_SKB_FRAGS][1500];

/*
 * An Ethernet + IPv4/IPv6 + TCP/UDP frame: headers in the linear part, and
 * the payload either linear too or split over nfrags frags.
 */
static struct sk_buff *l4_skb(struct e1000_adapter *a, bool ipv6, bool tcp, unsigned int payload,
			      unsigned int nfrags, bool partial)
{
	struct sk_buff *skb = alloc_skb(2048, GFP_KERNEL);
	unsigned int l3len = ipv6 ? 40 : 20, l4h = tcp ? 20 : 8, hdrs = ETH_HLEN + l3len + l4h;
	unsigned int l4len = l4h + payload, linear = nfrags ? hdrs : hdrs + payload;
	u8 *p;

	assert_non_null(skb);
	skb_reserve(skb, 64);
	p = skb_put(skb, linear);
	memset(p, 0, linear);
	memcpy(p, a->netdev->dev_addr, ETH_ALEN);	/* to ourselves: any MAC will do */
	memcpy(p + 6, "\x52\x54\x00\xaa\xbb\xcc", ETH_ALEN);
	p[12] = ipv6 ? 0x86 : 0x08;
	p[13] = ipv6 ? 0xdd : 0x00;
	if (ipv6) {
		p[14] = 0x60;
		p[18] = (u8)(l4len >> 8);
		p[19] = (u8)l4len;
		p[20] = tcp ? 6 : 17;
		p[21] = 64;
		for (int i = 0; i < 32; i++)
			p[22 + i] = (u8)(0xfe - 3 * i);
	} else {
		p[14] = 0x45;
		p[16] = (u8)((20 + l4len) >> 8);
		p[17] = (u8)(20 + l4len);
		p[22] = 64;
		p[23] = tcp ? 6 : 17;
		memcpy(p + 26, "\xc0\xa8\x4c\x02\x0a\x00\x02\x0f", 8);
	}
	p += ETH_HLEN + l3len;
	p[0] = 0xc3;
	p[1] = 0x51;
	p[3] = 7;
	if (tcp) {
		p[4] = 0x12;	/* sequence */
		p[12] = 0x50;
		p[13] = 0x18;
		p[15] = 0xff;
	} else {
		p[4] = (u8)(l4len >> 8);
		p[5] = (u8)l4len;
	}
	for (unsigned int i = 0; !nfrags && i < payload; i++)
		p[l4h + i] = (u8)(i * 13 + 7);
	if (nfrags) {
		unsigned int per = (payload + nfrags - 1) / nfrags;

		/* Frag k holds payload bytes [k*per, min(payload, (k+1)*per)). */
		for (unsigned int k = 0; k < nfrags; k++) {
			unsigned int start = k * per, end = start + per > payload ? payload : start + per;

			for (unsigned int i = start; i < end; i++)
				frag_buf[k][i - start] = (u8)(i * 13 + 7);
			assert_int_equal(skb_add_frag(skb, frag_buf[k], end - start), 0);
		}
	}
	skb->dev = a->netdev;
	if (partial) {
		stack_seed(skb->data + ETH_HLEN, ipv6, tcp ? 6 : 17, l4len, tcp ? 16 : 6);
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = (u16)(skb_headroom(skb) + ETH_HLEN + l3len);
		skb->csum_offset = tcp ? 16 : 6;
	}
	return skb;
}

/* The whole frame, linear, to check the checksum the device would produce. */
static size_t flatten(struct sk_buff *skb, u8 *out)
{
	assert_int_equal(skb_copy_bits(skb, 0, out, (int)skb->len), 0);
	return skb->len;
}

static void check_seeded(struct sk_buff *skb, bool ipv6, bool tcp)
{
	u8 f[2048];
	size_t len = flatten(skb, f), l3 = ETH_HLEN, l4 = l3 + (ipv6 ? 40 : 20);
	size_t field = tcp ? 16 : 6;

	assert_int_equal(nic_csum(f + l4, len - l4),
			 ref_csum(f + l3, ipv6, tcp ? 6 : 17, f + l4, len - l4, field));
}

static struct e1000_data_desc *txd(struct e1000_adapter *a, unsigned int i)
{
	return (struct e1000_data_desc *)a->tx_ring.desc + i;
}

static void test_xmit_checksum_offload_descriptors(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct e1000_context_desc *c;
	struct sk_buff *skb;
	u32 in_use;

	e1000e_test_open(a, 64, 64);
	in_use = pool_in_use();

	/* IPv4/TCP, linear: a context, then one data descriptor. */
	skb = l4_skb(a, false, true, 100, 0, true);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_reg(E1000_TDT(0)), 2);
	c = (struct e1000_context_desc *)a->tx_ring.desc;
	assert_int_equal(c->cmd_and_length & TXD_TYPE_MASK, E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_C);
	assert_true(c->cmd_and_length & E1000_TXD_CMD_TCP);
	assert_true(c->cmd_and_length & E1000_TXD_CMD_IP);
	assert_int_equal(c->ipcss, 14);
	assert_int_equal(c->ipcso, 24);
	assert_int_equal(c->ipcse, 33);
	assert_int_equal(c->tucss, 34);
	assert_int_equal(c->tucso, 50);
	assert_int_equal(c->tucse, 0);
	assert_int_equal(txd(a, 1)->lower, 154 | E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_D |
			 E1000_TXD_CMD_IFCS | E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS);
	assert_int_equal(txd(a, 1)->upper, E1000_TXD_POPTS_TXSM);
	assert_true(txd(a, 1)->buffer_addr == virt_to_phys(skb->data));
	check_seeded(skb, false, true);

	/* Same layout, payload in three frags: no new context; TXSM on all three
	 * data descriptors (and the header one), EOP|RS only on the last. */
	skb = l4_skb(a, false, true, 1000, 3, true);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_reg(E1000_TDT(0)), 6);
	for (unsigned int i = 2; i < 6; i++) {
		assert_int_equal(txd(a, i)->lower & TXD_TYPE_MASK, E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_D);
		assert_int_equal(txd(a, i)->upper, E1000_TXD_POPTS_TXSM);
		assert_int_equal(!!(txd(a, i)->lower & E1000_TXD_CMD_EOP), i == 5);
		assert_int_equal(!!(txd(a, i)->lower & E1000_TXD_CMD_RS), i == 5);
	}
	assert_int_equal(txd(a, 2)->lower & E1000_TXD_LEN_MASK, 54);
	assert_int_equal((txd(a, 3)->lower & E1000_TXD_LEN_MASK) + (txd(a, 4)->lower & 0xFFFF) +
			 (txd(a, 5)->lower & 0xFFFF), 1000);
	check_seeded(skb, false, true);

	/* IPv4/UDP: another layout, so a new context (without TCP). */
	skb = l4_skb(a, false, false, 33, 0, true);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_reg(E1000_TDT(0)), 8);
	c = (struct e1000_context_desc *)a->tx_ring.desc + 6;
	assert_false(c->cmd_and_length & E1000_TXD_CMD_TCP);
	assert_true(c->cmd_and_length & E1000_TXD_CMD_IP);
	assert_int_equal(c->tucso, 34 + 6);
	check_seeded(skb, false, false);

	/* IPv6/TCP and IPv6/UDP: no IP bit, no IPv4 header checksum. */
	skb = l4_skb(a, true, true, 500, 0, true);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	c = (struct e1000_context_desc *)a->tx_ring.desc + 8;
	assert_int_equal(c->cmd_and_length & (E1000_TXD_CMD_TCP | E1000_TXD_CMD_IP), E1000_TXD_CMD_TCP);
	assert_int_equal(c->tucss, 54);
	assert_int_equal(c->tucso, 70);
	check_seeded(skb, true, true);
	skb = l4_skb(a, true, false, 200, 2, true);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	check_seeded(skb, true, false);
	assert_int_equal(fake_reg(E1000_TDT(0)), 14);	/* context, header, two frags */

	/* No offload asked: no context, no POPTS. */
	skb = l4_skb(a, false, true, 10, 0, false);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_reg(E1000_TDT(0)), 15);
	assert_int_equal(txd(a, 14)->upper, 0);
	assert_int_equal(a->sw_stats.tx_csum_offload, 5);
	assert_int_equal(pool_in_use(), in_use + 6);

	/* Nothing completes without DD: not all cleaned. */
	assert_false(e1000_clean_tx_irq(a, false));
	assert_int_equal(pool_in_use(), in_use + 6);
	assert_int_equal(fake_e1000e_tx_complete(), 15);
	assert_true(e1000_clean_tx_irq(a, false));
	assert_int_equal(pool_in_use(), in_use);
	assert_int_equal(a->tx_ring.next_to_clean, 15);
	assert_int_equal(a->netdev->stats.tx_packets, 6);
	assert_int_equal(a->netdev->stats.tx_bytes,
			 154 + 1054 + (42 + 33) + (74 + 500) + (62 + 200) + 64);
	e1000e_test_remove(a);
}

static u8 tso_payload[20000];

/* A large IPv4/TCP segment: headers linear, 20000 bytes of payload in one frag. */
static struct sk_buff *tso_skb(struct e1000_adapter *a, unsigned int mss)
{
	struct sk_buff *skb = l4_skb(a, false, true, 0, 0, true);

	assert_int_equal(skb_add_frag(skb, tso_payload, sizeof(tso_payload)), 0);
	skb->data[16] = (u8)((40 + sizeof(tso_payload)) >> 8);
	skb->data[17] = (u8)(40 + sizeof(tso_payload));
	skb->data[24] = 0x12;		/* an IPv4 header checksum the device must replace */
	skb_set_transport_header(skb, ETH_HLEN + 20);
	skb_shinfo(skb)->gso_size = (u16)mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	return skb;
}

static void test_tso_context_pieces_and_headers(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct e1000_context_desc *c;
	static const u32 piece[] = { 54, 8192, 8192, 3616 };
	struct sk_buff *skb;
	__be32 saddr, daddr;
	__sum16 seed;

	assert_true(a->netdev->features & NETIF_F_TSO);
	assert_true(a->netdev->features & NETIF_F_TSO6);
	e1000e_test_open(a, 64, 64);
	c = (struct e1000_context_desc *)a->tx_ring.desc;
	skb = tso_skb(a, 1448);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_reg(E1000_TDT(0)), 5);
	assert_int_equal(c->cmd_and_length, E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_C |
			 E1000_TXD_CMD_TSE | E1000_TXD_CMD_TCP | E1000_TXD_CMD_IP | 20000);
	assert_int_equal(c->mss, 1448);
	assert_int_equal(c->hdr_len, 54);
	assert_int_equal(c->ipcss, 14);
	assert_int_equal(c->ipcso, 24);
	assert_int_equal(c->ipcse, 33);
	assert_int_equal(c->tucss, 34);
	assert_int_equal(c->tucso, 50);
	assert_int_equal(c->tucse, 0);
	/* Each piece at most 8 KB, TSE and both checksum options on every one. */
	for (unsigned int i = 1; i <= 4; i++) {
		assert_int_equal(txd(a, i)->lower & ~(E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS),
				 piece[i - 1] | E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_D |
				 E1000_TXD_CMD_IFCS | E1000_TXD_CMD_TSE);
		assert_int_equal(txd(a, i)->upper, E1000_TXD_POPTS_TXSM | E1000_TXD_POPTS_IXSM);
		assert_int_equal(!!(txd(a, i)->lower & E1000_TXD_CMD_EOP), i == 4);
	}
	assert_true(txd(a, 3)->buffer_addr == virt_to_phys(tso_payload + 8192));
	/* The device fills lengths and sums per frame: IP length and header sum
	 * zero, the TCP field the pseudo-header sum without a length. */
	assert_int_equal(skb->data[16] | skb->data[17] | skb->data[24] | skb->data[25], 0);
	memcpy(&saddr, skb->data + 26, 4);
	memcpy(&daddr, skb->data + 30, 4);
	seed = (__sum16)~csum_tcpudp_magic(saddr, daddr, 0, 6, 0);
	assert_memory_equal(skb->data + 50, &seed, 2);
	assert_int_equal(a->sw_stats.tx_tso, 1);

	/* The TSO context replaced the checksum one: the next offloaded frame writes its own. */
	skb = l4_skb(a, false, true, 100, 0, true);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_reg(E1000_TDT(0)), 7);
	c = (struct e1000_context_desc *)a->tx_ring.desc + 5;
	assert_false(c->cmd_and_length & E1000_TXD_CMD_TSE);

	/* Frames that would not fit the MTU, and headers outside the linear part: dropped. */
	skb = tso_skb(a, 1461);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	skb = tso_skb(a, 1448);
	skb_set_transport_header(skb, ETH_HLEN + 60);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_dropped_bad, 2);
	assert_int_equal(a->sw_stats.tx_tso, 1);
	assert_int_equal(fake_reg(E1000_TDT(0)), 7);
	e1000e_test_remove(a);
}

static void test_tx_queue_stops_and_wakes(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct sk_buff *skb;
	unsigned int sent = 0;

	e1000e_test_open(a, 64, 64);
	while (!netif_queue_stopped(a->netdev)) {
		unsigned int before = ring_unused(a->tx_ring.next_to_use, a->tx_ring.next_to_clean, 64);

		assert_true(before >= E1000_TX_DESC_NEEDED);
		skb = l4_skb(a, false, false, 20, 0, false);
		assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
		sent++;
		assert_true(sent < 64);
	}
	/* Stopped while a maximal frame still fit: the core never saw BUSY. */
	assert_int_equal(a->sw_stats.tx_busy, 0);
	assert_true(ring_unused(a->tx_ring.next_to_use, a->tx_ring.next_to_clean, 64) <
		    E1000_TX_DESC_NEEDED);
	assert_int_equal(sent, 63 - E1000_TX_DESC_NEEDED + 1);

	/* A frame that does not fit is handed back, not dropped: the largest kind,
	 * a TSO job with every frag, seven of them over 8 KB (two descriptors each). */
	skb = l4_skb(a, false, true, 0, 0, true);
	for (unsigned int k = 0; k < MAX_SKB_FRAGS; k++)
		assert_int_equal(skb_add_frag(skb, tso_payload, k < 7 ? 8193 : 100), 0);
	skb_set_transport_header(skb, ETH_HLEN + 20);
	skb_shinfo(skb)->gso_size = 1448;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	assert_true(skb->len <= E1000_MAX_TSO_LEN);		/* needs E1000_TX_DESC_NEEDED */
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_BUSY);
	assert_int_equal(a->sw_stats.tx_busy, 1);
	consume_skb(skb);

	/* Completion frees them and wakes the queue. */
	assert_int_equal(fake_e1000e_tx_complete(), sent);
	local_bh_disable();
	assert_true(e1000_clean_tx_irq(a, false));
	local_bh_enable();
	assert_false(netif_queue_stopped(a->netdev));
	assert_int_equal(a->sw_stats.tx_restart_queue, 1);
	assert_int_equal(a->netdev->stats.tx_packets, sent);
	e1000e_test_remove(a);
}

/* In-flight frames at close are freed (and counted as dropped). */
static void test_close_frees_in_flight(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	e1000e_test_open(a, 64, 64);
	for (int i = 0; i < 5; i++)
		assert_int_equal(e1000_xmit_frame(l4_skb(a, false, true, 40, 1, true), a->netdev),
				 NETDEV_TX_OK);
	assert_int_equal(dev_close(a->netdev), 0);
	assert_int_equal(a->netdev->stats.tx_dropped, 5);
	e1000e_test_remove(a);
}

static void test_bad_frames_dropped_and_counted(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct sk_buff *skb;
	unsigned int tdt_writes;
	u32 in_use;

	e1000e_test_open(a, 64, 64);
	in_use = pool_in_use();
	tdt_writes = fake_reg_writes(E1000_TDT(0));

	skb = alloc_skb(64, GFP_KERNEL);		/* shorter than an Ethernet header */
	memset(skb_put(skb, 13), 0, 13);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	skb = l4_skb(a, false, false, 1473, 0, false);	/* 1515 bytes: one too many */
	assert_int_equal(skb->len, 1515);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	skb = l4_skb(a, false, false, 1000, 2, false);	/* too long through frags */
	skb_add_frag(skb, frag_buf[2], 600);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	skb = l4_skb(a, false, true, 100, 0, true);	/* offload asked for an ARP frame */
	skb->data[12] = 0x08;
	skb->data[13] = 0x06;
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);

	assert_int_equal(a->sw_stats.tx_dropped_bad, 4);
	assert_int_equal(a->netdev->stats.tx_dropped, 4);
	assert_int_equal(fake_reg_writes(E1000_TDT(0)), tdt_writes);
	assert_int_equal(a->tx_ring.next_to_use, 0);
	assert_int_equal(pool_in_use(), in_use);

	/* The largest legal frame still goes. */
	skb = l4_skb(a, false, false, 1472, 0, true);
	assert_int_equal(skb->len, 1514);
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_dropped_bad, 4);
	check_seeded(skb, false, false);
	e1000e_test_remove(a);
}

/* A checksum the 82574 cannot place (not TCP/UDP) is completed in software. */
static void test_other_checksum_done_in_software(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct sk_buff *skb;
	u8 f[2048];
	size_t len;

	e1000e_test_open(a, 64, 64);
	skb = l4_skb(a, false, false, 57, 1, true);
	/* e.g. ICMP: no pseudo header, so the stack leaves 0 as the seed
	 * (the CHECKSUM_PARTIAL contract: the field holds what to start from). */
	skb->csum_offset = 2;
	skb->data[23] = 1;
	skb->data[36] = skb->data[37] = 0;
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_csum_offload, 0);
	len = flatten(skb, f);
	assert_int_equal(ip_compute_csum(f + 34, (int)(len - 34)), 0);	/* verifies */
	assert_int_equal(txd(a, 0)->upper, 0);			/* no TXSM */
	e1000e_test_remove(a);
}

/* A UDP frame shorter than 54 bytes still gets its checksum offloaded, not dropped. */
static void test_small_udp_frame_with_offload_is_sent(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct sk_buff *skb;

	e1000e_test_open(a, 64, 64);
	skb = l4_skb(a, false, false, 3, 0, true);	/* 45-byte frame */
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_dropped_bad, 0);
	assert_int_equal(a->sw_stats.tx_csum_offload, 1);
	e1000e_test_remove(a);
}

/* One owner for the seed: whatever the stack wrote goes to the device
 * untouched, even a wrong one (the driver used to overwrite it). */
static void test_driver_leaves_the_seed_alone(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	struct sk_buff *skb;

	e1000e_test_open(a, 64, 64);
	skb = l4_skb(a, false, true, 40, 0, true);
	skb->data[34 + 16] = 0x12;
	skb->data[34 + 17] = 0x34;
	assert_int_equal(e1000_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_csum_offload, 1);
	assert_int_equal(skb->data[34 + 16], 0x12);
	assert_int_equal(skb->data[34 + 17], 0x34);
	e1000e_test_remove(a);
}

/* The watchdog's first look at a busy ring is no evidence of a hang. */
static void test_hang_check_needs_two_looks(void **state)
{
	struct tx_hang_state s = { 0 };

	assert_false(tx_hang_check(&s, 1, 0));
	assert_true(tx_hang_check(&s, 1, 0));
	assert_false(tx_hang_check(&s, 1, 0));		/* reported once per stall */
	assert_false(tx_hang_check(&s, 1, 256));	/* progress, even if the ring wrapped */
	assert_false(tx_hang_check(&s, 0, 256));	/* idle */
	assert_false(tx_hang_check(&s, 1, 256));	/* armed again */
	assert_true(tx_hang_check(&s, 1, 256));
}

/* Probe leaves the carrier off: the link is read at open, and logged then. */
static void test_carrier_off_until_open(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	assert_false(netif_carrier_ok(a->netdev));
	e1000e_test_open(a, 64, 64);
	assert_true(netif_carrier_ok(a->netdev));
	assert_int_equal(a->sw_stats.link_changes, 1);
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_xmit_checksum_offload_descriptors, teardown),
		cmocka_unit_test_teardown(test_tso_context_pieces_and_headers, teardown),
		cmocka_unit_test_teardown(test_tx_queue_stops_and_wakes, teardown),
		cmocka_unit_test_teardown(test_close_frees_in_flight, teardown),
		cmocka_unit_test_teardown(test_bad_frames_dropped_and_counted, teardown),
		cmocka_unit_test_teardown(test_other_checksum_done_in_software, teardown),
		cmocka_unit_test_teardown(test_small_udp_frame_with_offload_is_sent, teardown),
		cmocka_unit_test_teardown(test_driver_leaves_the_seed_alone, teardown),
		cmocka_unit_test(test_hang_check_needs_two_looks),
		cmocka_unit_test_teardown(test_carrier_off_until_open, teardown),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
