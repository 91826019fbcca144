/*
 * The e1000e receive side through the real driver and net core: probe and
 * open against the fake register file, RX refill when the skb pool runs dry
 * (and its recovery with no interrupt), cleaning written-back descriptors
 * into a protocol handler, the top half's ICR handling, the receive filters
 * and the statistics registers that clear on read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/softirq.h>
#include <net/core/byteorder.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

/* ---- a protocol handler that records what it gets ---- */

#define MAX_SEEN 64
static struct seen { unsigned int len; __be16 proto; u8 ip_summed, pkt_type; } seen[MAX_SEEN];
static unsigned int nr_seen;
static bool hold_skbs;			/* keep them: the pool stays drained */
static struct sk_buff *held[MAX_SEEN];
static unsigned int nr_held;

static int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		  struct net_device *orig)
{
	assert_true(nr_seen < MAX_SEEN);
	seen[nr_seen].len = skb->len;
	seen[nr_seen].proto = skb->protocol;
	seen[nr_seen].ip_summed = skb->ip_summed;
	seen[nr_seen++].pkt_type = skb->pkt_type;
	if (hold_skbs)
		held[nr_held++] = skb;
	else
		consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type ip_pt = { .func = ip_rcv };

static void release_held(void)
{
	while (nr_held)
		consume_skb(held[--nr_held]);
}

static int setup(void **state)
{
	nr_seen = nr_held = 0;
	hold_skbs = false;
	ip_pt.type = cpu_to_be16(ETH_P_IP);
	dev_add_pack(&ip_pt);
	return 0;
}

static int teardown(void **state)
{
	/* A failed test may leave the adapter probed: take it away for the next. */
	if (fake_e1000e_driver && pci_get_drvdata(&fake_e1000e_pdev))
		fake_e1000e_driver->remove(&fake_e1000e_pdev);
	release_held();
	dev_remove_pack(&ip_pt);
	return 0;
}

static u8 frame[1514];

/* An IPv4 frame of len bytes to dst (our MAC when NULL). */
static const u8 *ip_frame(struct e1000_adapter *a, const u8 *dst, unsigned int len)
{
	memset(frame, 0x5a, sizeof(frame));
	memcpy(frame, dst ? dst : a->netdev->dev_addr, ETH_ALEN);
	memcpy(frame + 6, "\x52\x54\x00\xaa\xbb\xcc", ETH_ALEN);
	frame[12] = 0x08;
	frame[13] = 0x00;
	return frame;
}

static u32 pool_in_use(void)
{
	struct skb_pool_stats st;

	skb_pool_get_stats(&st);
	return st.in_use;
}

/* Cleans as NAPI's poll would, in softirq-like context. */
static int clean_rx(struct e1000_adapter *a, int budget)
{
	int done;

	local_bh_disable();
	done = e1000_clean_rx_irq(a, budget, false);
	local_bh_enable();
	return done;
}

/* ---- probe and open ---- */

static void test_probe_open_programs_the_device(void **state)
{
	struct e1000_adapter *a;
	struct e1000_rx_desc *rd;

	e1000e_test_irq_mode("msi");
	a = e1000e_test_probe(256);
	assert_memory_equal(a->netdev->dev_addr, fake_e1000e_mac, ETH_ALEN);
	assert_int_equal(fake_e1000e_resets, 1);
	assert_int_equal(fake_reg(E1000_IMS), 0);		/* masked after reset */
	assert_true(fake_reg(E1000_CTRL_EXT) & E1000_CTRL_EXT_DRV_LOAD);

	e1000e_test_open(a, 64, 64);
	assert_int_equal(a->irq_mode, E1000_IRQ_MSI);
	assert_int_equal(fake_reg(E1000_RDLEN(0)), 64 * 16);
	assert_int_equal(fake_reg(E1000_TDLEN(0)), 64 * 16);
	assert_int_equal(fake_reg(E1000_RDBAL(0)), (u32)a->rx_ring.dma);
	assert_int_equal(fake_reg(E1000_RDBAH(0)), (u32)(a->rx_ring.dma >> 32));
	assert_int_equal(fake_reg(E1000_RDH(0)), 0);
	/* Every slot but one handed over: RDT == RDH would mean "no buffers". */
	assert_int_equal(fake_reg(E1000_RDT(0)), 63);
	assert_int_equal(pool_in_use(), 63);
	rd = a->rx_ring.desc;
	for (int i = 0; i < 63; i++) {
		assert_true(rd[i].buffer_addr != 0);
		assert_int_equal(rd[i].status, 0);
	}
	assert_true(fake_reg(E1000_RCTL) & E1000_RCTL_EN);
	assert_true(fake_reg(E1000_RCTL) & E1000_RCTL_BAM);
	assert_true(fake_reg(E1000_RCTL) & E1000_RCTL_SECRC);
	assert_false(fake_reg(E1000_RCTL) & (E1000_RCTL_UPE | E1000_RCTL_MPE | E1000_RCTL_LPE));
	assert_true(fake_reg(E1000_TCTL) & E1000_TCTL_EN);
	assert_true(fake_reg(E1000_TARC(0)) & E1000_TARC_ENABLE);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXT0);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_LSC);
	assert_true(fake_reg(E1000_RAH(0)) & E1000_RAH_AV);
	assert_true(netif_carrier_ok(a->netdev));
	assert_int_equal(fake_e1000e_wo_reads, 0);
	assert_int_equal(fake_e1000e_ro_writes, 0);
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

static void test_probe_fails_cleanly_when_reset_hangs(void **state)
{
	static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
							     E1000_DEV_ID_82574L) };

	netcore_test_reset(16);
	fake_e1000e_reset();
	if (!fake_e1000e_driver)
		assert_int_equal(fake_e1000e_run_module_init(), 0);
	fake_e1000e_rst_stuck = true;
	assert_int_equal(fake_e1000e_driver->probe(&fake_e1000e_pdev, &id), -ETIMEDOUT);
	assert_null(pci_get_drvdata(&fake_e1000e_pdev));
	assert_int_equal(fake_e1000e_iomap_live, 0);
	assert_null(dev_get_by_name("eth0"));
}

/* ---- refill when the pool runs dry ---- */

static void test_refill_after_allocation_failure(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(24);
	unsigned int rdt_writes;

	e1000e_test_open(a, 64, 64);
	/* 24 skbs for 63 slots: fill what we can, count it, retry later. */
	assert_int_equal(a->rx_ring.next_to_use, 24);
	assert_int_equal(fake_reg(E1000_RDT(0)), 24);
	assert_int_equal(a->sw_stats.rx_alloc_failed, 1);
	assert_true(timer_pending(&a->refill_timer));
	assert_null(a->rx_ring.buffer_info[24].skb);

	/* Ten frames arrive and the stack keeps them: the pool stays empty. */
	hold_skbs = true;
	for (int i = 0; i < 10; i++)
		assert_true(fake_e1000e_rx(ip_frame(a, NULL, 100), 100, E1000_RXD_STAT_EOP, 0));
	rdt_writes = fake_reg_writes(E1000_RDT(0));
	netcore_ticks(2);	/* the refill timer schedules NAPI; its poll cleans */
	assert_int_equal(nr_seen, 10);
	assert_int_equal(pool_in_use(), 24);
	assert_true(a->sw_stats.rx_alloc_failed >= 2);
	/* Nothing filled, so RDT was not moved. */
	assert_int_equal(fake_reg_writes(E1000_RDT(0)), rdt_writes);
	assert_int_equal(fake_reg(E1000_RDT(0)), 24);
	assert_true(timer_pending(&a->refill_timer));

	/* The device used up the rest: RDH caught RDT, nothing more fits. */
	for (int i = 0; i < 14; i++)
		assert_true(fake_e1000e_rx(ip_frame(a, NULL, 60), 60, E1000_RXD_STAT_EOP, 0));
	assert_false(fake_e1000e_rx(ip_frame(a, NULL, 60), 60, E1000_RXD_STAT_EOP, 0));
	netcore_ticks(2);
	assert_int_equal(nr_seen, 24);
	assert_int_equal(fake_reg(E1000_RDT(0)), 24);

	/* The stack lets go. No interrupt comes; the timer alone refills. */
	release_held();
	hold_skbs = false;
	netcore_ticks(3);
	assert_int_equal(pool_in_use(), 24);	/* all 24 back on the ring */
	assert_int_equal(a->rx_ring.next_to_use, 48);
	assert_int_equal(fake_reg(E1000_RDT(0)), 48);
	assert_int_equal(ring_in_use(a->rx_ring.next_to_use, a->rx_ring.next_to_clean, 64), 24);
	/* Every RDT value ever written was a filled boundary, moving forward. */
	for (unsigned int n = 0; fake_reg_written(E1000_RDT(0), n) != ~0u; n++)
		assert_true(fake_reg_written(E1000_RDT(0), n) < 64);
	/* And reception goes on. */
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 80), 80, E1000_RXD_STAT_EOP, 0));
	netcore_ticks(2);
	assert_true(clean_rx(a, 64) >= 0);
	e1000e_test_remove(a);
}

/* ---- cleaning ---- */

static void test_rx_clean_checksum_status_and_errors(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	const u8 EOP = E1000_RXD_STAT_EOP;
	static const u8 mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };

	e1000e_test_open(a, 64, 64);
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 60), 60,
				   EOP | E1000_RXD_STAT_IPCS | E1000_RXD_STAT_TCPCS, 0));
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 1514), 1514,
				   EOP | E1000_RXD_STAT_TCPCS, E1000_RXD_ERR_TCPE));
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 200), 200,
				   EOP | E1000_RXD_STAT_TCPCS | E1000_RXD_STAT_UDPCS, 0));
	assert_true(fake_e1000e_rx(ip_frame(a, mcast, 90), 90, EOP, 0));
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 64), 64,
				   EOP | E1000_RXD_STAT_IXSM | E1000_RXD_STAT_TCPCS, 0));
	/*
	 * Bad ones: an RX data error, a frame without EOP, then its tail (the
	 * 10-byte descriptor with EOP belongs to it and is dropped with it), then
	 * a frame with an IPv4 checksum error (delivered, left to the stack).
	 */
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 100), 100, EOP, E1000_RXD_ERR_RXE));
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 100), 100, 0, 0));
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 10), 10, EOP, 0));
	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 61), 61, EOP | E1000_RXD_STAT_TCPCS,
				   E1000_RXD_ERR_IPE));

	assert_int_equal(clean_rx(a, 64), 9);
	assert_int_equal(nr_seen, 6);
	assert_int_equal(seen[0].len, 60 - ETH_HLEN);
	assert_int_equal(seen[0].proto, cpu_to_be16(ETH_P_IP));
	assert_int_equal(seen[0].ip_summed, CHECKSUM_UNNECESSARY);
	assert_int_equal(seen[0].pkt_type, PACKET_HOST);
	assert_int_equal(seen[1].len, 1514 - ETH_HLEN);
	assert_int_equal(seen[1].ip_summed, CHECKSUM_NONE);
	assert_int_equal(seen[2].ip_summed, CHECKSUM_UNNECESSARY);
	assert_int_equal(seen[3].ip_summed, CHECKSUM_NONE);	/* nothing checked */
	assert_int_equal(seen[3].pkt_type, PACKET_MULTICAST);
	assert_int_equal(seen[4].ip_summed, CHECKSUM_NONE);	/* IXSM: ignore the bits */
	assert_int_equal(seen[5].len, 61 - ETH_HLEN);
	assert_int_equal(seen[5].ip_summed, CHECKSUM_NONE);

	assert_int_equal(a->sw_stats.rx_csum_good, 2);
	assert_int_equal(a->sw_stats.rx_csum_err, 2);
	assert_int_equal(a->sw_stats.rx_frame_errors, 1);
	assert_int_equal(a->sw_stats.rx_length_errors, 1);	/* the whole no-EOP frame, once */
	assert_int_equal(a->netdev->stats.rx_packets, 6);
	assert_int_equal(a->netdev->stats.rx_bytes, 60 + 1514 + 200 + 90 + 64 + 61);
	assert_int_equal(a->netdev->stats.multicast, 1);
	assert_int_equal(a->netdev->stats.rx_frame_errors, 1);
	/* The slots were refilled and handed back. */
	assert_int_equal(a->rx_ring.next_to_clean, 9);
	assert_int_equal(fake_reg(E1000_RDT(0)), (63 + 9) % 64);
	assert_int_equal(pool_in_use(), 63);
	e1000e_test_remove(a);
}

static void test_rx_budget_stops_cleaning(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	e1000e_test_open(a, 64, 64);
	for (int i = 0; i < 10; i++)
		assert_true(fake_e1000e_rx(ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
	assert_int_equal(clean_rx(a, 4), 4);
	assert_int_equal(nr_seen, 4);
	assert_int_equal(a->rx_ring.next_to_clean, 4);
	assert_int_equal(clean_rx(a, 64), 6);
	assert_int_equal(nr_seen, 10);
	assert_int_equal(clean_rx(a, 64), 0);	/* no DD: nothing */
	/* Across the wrap: 60 more frames take the ring past its end. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 20; i++)
			assert_true(fake_e1000e_rx(ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
		nr_seen = 0;
		assert_int_equal(clean_rx(a, 64), 20);
		assert_int_equal(nr_seen, 20);
	}
	assert_int_equal(a->rx_ring.next_to_clean, (10 + 60) % 64);
	assert_int_equal(a->netdev->stats.rx_packets, 70);
	e1000e_test_remove(a);
}

/* ---- the top half and NAPI ---- */

static void test_intx_top_half_masks_and_napi_unmasks(void **state)
{
	struct e1000_adapter *a;
	int irq;
	unsigned long flags;

	e1000e_test_irq_mode("intx");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	irq = a->irqs[0];
	assert_true(fake_e1000e_irq_requested(irq, &flags));
	assert_true(flags & IRQF_SHARED);

	/* ICR empty: another device on the line. */
	assert_int_equal(fake_e1000e_fire(irq), IRQ_NONE);
	assert_int_equal(a->sw_stats.irq_none, 1);

	for (int i = 0; i < 3; i++)
		assert_true(fake_e1000e_rx(ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_RXT0);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(irq), IRQ_HANDLED);
	/* The top half touched no ring, acked ICR (read) and masked RX/TX. */
	assert_int_equal(nr_seen, 0);
	assert_int_equal(fake_reg(E1000_ICR), 0);
	assert_false(fake_reg(E1000_IMS) & E1000_IMS_RXT0);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_LSC);
	irq_exit();	/* NAPI runs here */
	assert_int_equal(nr_seen, 3);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXT0);
	assert_int_equal(a->sw_stats.irq_rx, 1);
	assert_true(a->sw_stats.napi_complete >= 1);

	/* A link change: counted, checked from the watchdog, not in the top half. */
	fake_reg_set(E1000_STATUS, 0);
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_LSC);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(irq), IRQ_HANDLED);
	irq_exit();
	netcore_ticks(2);
	assert_false(netif_carrier_ok(a->netdev));
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

static void test_msix_vectors(void **state)
{
	struct e1000_adapter *a;
	u32 ivar;

	e1000e_test_irq_mode("msix");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	fake_e1000e_msix_mode = true;
	assert_int_equal(a->irq_mode, E1000_IRQ_MSIX);
	assert_int_equal(a->nr_irqs, 3);
	ivar = fake_reg(E1000_IVAR);
	/* Every cause routed, with its valid bit (QEMU warns otherwise). */
	assert_int_equal((ivar >> E1000_IVAR_RXQ0_SHIFT) & 0xF, E1000_IVAR_VALID | E1000_VEC_RX);
	assert_int_equal((ivar >> E1000_IVAR_TXQ0_SHIFT) & 0xF, E1000_IVAR_VALID | E1000_VEC_TX);
	assert_int_equal((ivar >> E1000_IVAR_OTHER_SHIFT) & 0xF, E1000_IVAR_VALID | E1000_VEC_OTHER);
	assert_true((ivar >> E1000_IVAR_RXQ1_SHIFT) & E1000_IVAR_VALID);
	assert_true((ivar >> E1000_IVAR_TXQ1_SHIFT) & E1000_IVAR_VALID);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXQ0);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_OTHER);

	assert_true(fake_e1000e_rx(ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
	irq_enter();
	assert_int_equal(fake_e1000e_fire(a->irqs[E1000_VEC_RX]), IRQ_HANDLED);
	assert_false(fake_reg(E1000_IMS) & E1000_IMS_RXQ0);
	irq_exit();
	assert_int_equal(nr_seen, 1);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXQ0);

	/* Other vector: ICR does not clear by reading, so it is written back. */
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_OTHER | E1000_ICR_RXO);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(a->irqs[E1000_VEC_OTHER]), IRQ_HANDLED);
	irq_exit();
	assert_int_equal(fake_reg(E1000_ICR) & ~E1000_ICR_INT_ASSERTED, 0);
	assert_int_equal(a->sw_stats.rx_overruns, 1);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_OTHER);
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

/* ---- filters ---- */

static void test_set_rx_mode_mta_and_promisc(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	static const u8 mdns[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
	static const u8 sol[6] = { 0x33, 0x33, 0xff, 0x12, 0x34, 0x56 };
	u32 base;

	e1000e_test_open(a, 64, 64);
	base = fake_reg(E1000_RCTL);
	assert_int_equal(dev_mc_add(a->netdev, mdns), 0);
	assert_int_equal(dev_mc_add(a->netdev, sol), 0);
	for (int i = 0; i < E1000_MTA_ENTRIES; i++) {
		u32 want = i == 125 ? BIT(16) : i == 43 ? BIT(3) : 0;

		assert_int_equal(fake_reg(E1000_MTA + 4 * i), want);
	}
	assert_int_equal(fake_reg(E1000_RCTL), base);

	assert_int_equal(dev_set_allmulti(a->netdev, 1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base | E1000_RCTL_MPE);
	assert_int_equal(dev_set_promiscuity(a->netdev, 1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base | E1000_RCTL_MPE | E1000_RCTL_UPE);
	assert_int_equal(dev_set_promiscuity(a->netdev, -1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base | E1000_RCTL_MPE);
	assert_int_equal(dev_set_allmulti(a->netdev, -1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base);

	assert_int_equal(dev_mc_del(a->netdev, mdns), 0);
	assert_int_equal(fake_reg(E1000_MTA + 4 * 125), 0);
	assert_int_equal(fake_reg(E1000_MTA + 4 * 43), BIT(3));
	e1000e_test_remove(a);
}

/* ---- statistics ---- */

static void test_stats_accumulate_across_clear_on_read(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	const struct e1000_hw_stats *s = &a->hw_stats;
	struct net_device_stats *st;

	fake_reg_set(E1000_GPRC, 3);
	fake_reg_set(E1000_TPR, 4);
	fake_reg_set(E1000_GORCL, 0xFFFFFFF0u);
	fake_reg_set(E1000_GORCH, 1);
	fake_reg_set(E1000_TOTL, 0x100);
	fake_reg_set(E1000_CRCERRS, 2);
	fake_reg_set(E1000_MPC, 1);
	fake_reg_set(E1000_COLC, 5);
	e1000_update_stats(a);
	assert_int_equal(s->gprc, 3);
	assert_int_equal(s->tpr, 4);
	assert_true(s->gorc == 0x1FFFFFFF0ull);
	assert_int_equal(s->tot, 0x100);
	/* Everything read was cleared by the read. */
	assert_int_equal(fake_reg(E1000_GPRC), 0);
	assert_int_equal(fake_reg(E1000_GORCL), 0);
	assert_int_equal(fake_reg(E1000_GORCH), 0);

	/* Nothing new: totals unchanged. */
	e1000_update_stats(a);
	assert_int_equal(s->gprc, 3);
	assert_true(s->gorc == 0x1FFFFFFF0ull);

	fake_reg_set(E1000_GPRC, 7);
	fake_reg_set(E1000_GORCL, 0x20);
	fake_reg_set(E1000_GORCH, 0);
	fake_reg_set(E1000_GOTCL, 0x40);
	fake_reg_set(E1000_GOTCH, 2);
	fake_reg_set(E1000_ROC, 1);
	fake_reg_set(E1000_RLEC, 2);
	fake_reg_set(E1000_CRCERRS, 1);
	e1000_update_stats(a);
	assert_int_equal(s->gprc, 10);
	assert_true(s->gorc == 0x200000010ull);
	assert_true(s->gotc == 0x200000040ull);
	assert_int_equal(fake_e1000e_ro_writes, 0);

	/* Folding: the device is down, so this reads nothing new. */
	a->sw_stats.rx_length_errors = 4;
	a->sw_stats.rx_frame_errors = 6;
	a->sw_stats.rx_overruns = 9;
	st = e1000_get_stats(a->netdev);
	assert_int_equal(st->rx_crc_errors, 3);
	assert_int_equal(st->rx_missed_errors, 1);
	assert_int_equal(st->collisions, 5);
	assert_int_equal(st->rx_length_errors, 1 + 2 + 4);
	assert_int_equal(st->rx_errors, 3 + 7 + 6);
	assert_int_equal(st->rx_fifo_errors, 9);

	/* Up, get_stats reads the registers itself. */
	e1000e_test_open(a, 64, 64);
	fake_reg_set(E1000_MPC, 10);
	st = e1000_get_stats(a->netdev);
	assert_int_equal(st->rx_missed_errors, 11);
	assert_int_equal(fake_reg(E1000_MPC), 0);
	e1000e_test_remove(a);
}

/* Any e1000e.itr gives a sane ITR: 2^24 and up used to overflow the
 * interval's divisor to 0 (found by fuzzing boot_params). */
static void test_itr_for_any_rate(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(64);

	a->irq_mode = E1000_IRQ_MSI;
	e1000_set_itr(a, 8000);
	assert_int_equal(fake_reg(E1000_ITR), 1000000000u / (8000 * 256));
	e1000_set_itr(a, 1);
	assert_int_equal(fake_reg(E1000_ITR), E1000_ITR_MASK);
	e1000_set_itr(a, 16777216);
	assert_int_equal(fake_reg(E1000_ITR), 0);
	e1000_set_itr(a, 0xffffffffu);
	assert_int_equal(fake_reg(E1000_ITR), 0);
	e1000_set_itr(a, 0);
	assert_int_equal(fake_reg(E1000_ITR), 0);
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_itr_for_any_rate),
		cmocka_unit_test_setup_teardown(test_probe_open_programs_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_fails_cleanly_when_reset_hangs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refill_after_allocation_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_clean_checksum_status_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_budget_stops_cleaning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intx_top_half_masks_and_napi_unmasks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msix_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_rx_mode_mta_and_promisc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_accumulate_across_clear_on_read, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
