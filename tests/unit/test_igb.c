/*
 * The igb driver (82576) through the real net core against the fake 82576
 * (fake/igb_fake.c): probe's reset (GIO master disabled before CTRL.RST),
 * the MAC from RAR0 or, without one, from the NVM through EERD in this
 * family's layout; the NVM checksum; the queue enable sequencing
 * (RXDCTL/TXDCTL disabled while programmed, enable polled, a queue that
 * never confirms fails open); MSI-X routing (IVAR, IVAR_MISC, GPIE,
 * EIAC/EIMS); the advanced RX write-back and the read format refilled;
 * advanced TX data descriptors and their reclaim, checksum offload's
 * context descriptors, TSO (context, pieces, headers, the worst job,
 * igb.tso=0); RSS, its hash in the skb and the second queue; the "other" vector.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/softirq.h>
#include <net/core/byteorder.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "panic_fake.h"
#include "netcore_fake.h"
#include "igb_fake.h"

static const u8 mac[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const u8 nvm_mac[ETH_ALEN] = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc };
static const struct pci_device_id id = { PCI_DEVICE(0x8086, 0x10C9) };
static unsigned int nr_seen, last_len;
static u32 last_hash;
static bool last_l4_hash;
static u8 frame[1600];

static int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		  struct net_device *orig)
{
	nr_seen++;
	last_len = skb->len;
	last_hash = skb_get_hash(skb);
	last_l4_hash = skb->l4_hash;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type ip_pt = { .func = ip_rcv };

static int setup(void **state)
{
	nr_seen = 0;
	ip_pt.type = cpu_to_be16(ETH_P_IP);
	dev_add_pack(&ip_pt);
	netcore_test_reset(1024);
	fake_igb_reset(mac);
	if (!fake_igb_driver)
		assert_int_equal(fake_igb_run_module_init(), 0);
	return 0;
}

static int teardown(void **state)
{
	if (pci_get_drvdata(&fake_igb_pdev))
		fake_igb_driver->remove(&fake_igb_pdev);
	dev_remove_pack(&ip_pt);
	fake_igb_teardown();
	return 0;
}

static struct igb_adapter *probe_ok(void)
{
	assert_int_equal(fake_igb_driver->probe(&fake_igb_pdev, &id), 0);
	return pci_get_drvdata(&fake_igb_pdev);
}

static struct igb_adapter *probe_open(void)
{
	struct igb_adapter *a = probe_ok();

	assert_int_equal(dev_open(a->netdev), 0);
	assert_true(a->up);
	return a;
}

static void remove_and_check(void)
{
	fake_igb_driver->remove(&fake_igb_pdev);
	assert_int_equal(fake_igb_dma_live, 0);
	assert_int_equal(fake_igb_irqs_live, 0);
	netcore_run_softirqs();
}

static void test_probe_resets_and_reads_mac_from_rar0(void **state)
{
	/* The NVM says otherwise: RAR0, loaded by the reset, wins (as on the part). */
	for (int i = 0; i < 3; i++)
		fake_igb_nvm[i] = nvm_mac[2 * i] | (nvm_mac[2 * i + 1] << 8);
	fake_igb_fix_checksum();
	struct igb_adapter *a = probe_ok();

	assert_memory_equal(a->netdev->dev_addr, mac, ETH_ALEN);
	assert_memory_equal(a->netdev->perm_addr, mac, ETH_ALEN);
	assert_false(a->mac_from_nvm);
	/* DS 5.2.3.3: the master was disabled in the very write that reset. */
	assert_true(fake_igb_ctrl_at_rst & E1000_CTRL_GIO_MASTER_DISABLE);
	assert_int_equal(a->phy_id, 0x02A80391);
	assert_true(fake_igb_reg(E1000_CTRL_EXT) & E1000_CTRL_EXT_DRV_LOAD);
	remove_and_check();
}

static void test_blank_rar0_falls_back_to_the_nvm_through_eerd(void **state)
{
	fake_igb_rar_blank = true;
	for (int i = 0; i < 3; i++)
		fake_igb_nvm[i] = nvm_mac[2 * i] | (nvm_mac[2 * i + 1] << 8);
	fake_igb_fix_checksum();
	struct igb_adapter *a = probe_ok();

	assert_true(a->mac_from_nvm);
	assert_memory_equal(a->netdev->dev_addr, nvm_mac, ETH_ALEN);
	remove_and_check();
}

static void test_bad_checksum_dead_eerd_stuck_reset_refuse_the_device(void **state)
{
	fake_igb_nvm[10] ^= 1;
	assert_int_equal(fake_igb_driver->probe(&fake_igb_pdev, &id), -EIO);
	fake_igb_fix_checksum();
	fake_igb_eerd_dead = true;
	assert_int_equal(fake_igb_driver->probe(&fake_igb_pdev, &id), -ETIMEDOUT);
	fake_igb_eerd_dead = false;
	fake_igb_rst_stuck = true;
	assert_int_equal(fake_igb_driver->probe(&fake_igb_pdev, &id), -ETIMEDOUT);
	assert_null(pci_get_drvdata(&fake_igb_pdev));
	assert_int_equal(fake_igb_dma_live, 0);
}

static void test_ivar_layout_and_eitr_units(void **state)
{
	/* 82576 IVAR[n]: RX n, TX n, RX n+8, TX n+8, one byte each, bit 7 valid. */
	assert_int_equal(igb_ivar_set(0, 0, false, 0), 0x00000080);
	assert_int_equal(igb_ivar_set(0, 0, true, 1), 0x00008100);
	assert_int_equal(igb_ivar_set(0, 9, false, 2), 0x00820000);
	assert_int_equal(igb_ivar_set(0, 9, true, 3), 0x83000000);
	assert_int_equal(igb_ivar_set(0xFFFFFFFF, 1, true, 4), 0xFFFF84FF);
	/* EITR: microseconds in bits 14:2. */
	assert_int_equal(igb_eitr_value(8000), 125 << 2);
	assert_int_equal(igb_eitr_value(0), 0);
	assert_int_equal(igb_eitr_value(100), (10000 << 2) & 0x7FFC);
}

static void test_open_programs_queues_and_msix_routing(void **state)
{
	struct igb_adapter *a = probe_open();

	assert_int_equal(a->irq_mode, IGB_IRQ_MSIX);
	assert_int_equal(a->nr_irqs, 3);
	assert_int_equal(a->num_queues, 2);
	/* Both queues were off while their base was written, and confirmed on after. */
	assert_int_equal(fake_igb_base_while_enabled, 0);
	assert_true(fake_igb_reg(E1000_RXDCTL(0)) & E1000_XDCTL_QUEUE_ENABLE);
	assert_true(fake_igb_reg(E1000_TXDCTL(0)) & E1000_XDCTL_QUEUE_ENABLE);
	assert_int_equal(fake_igb_reg(E1000_SRRCTL(0)),
			 2 | (1u << 25) | (1u << 31));	/* 2 KiB, adv one buffer, drop */
	assert_int_equal(fake_igb_reg(E1000_RDLEN(0)), 256 * 16);
	assert_int_equal(fake_igb_reg(E1000_RDT(0)), 255);	/* all but one slot filled */
	assert_int_equal(fake_igb_reg(E1000_IVAR(0)), 0x8080);	/* RX0, TX0 -> vector 0 */
	assert_int_equal(fake_igb_reg(E1000_IVAR(1)), 0x8181);	/* RX1, TX1 -> vector 1 */
	assert_int_equal(fake_igb_reg(E1000_IVAR_MISC), 0x8200);	/* other -> vector 2 */
	assert_true(fake_igb_reg(E1000_GPIE) & E1000_GPIE_MSIX_MODE);
	assert_int_equal(fake_igb_reg(E1000_EIAC), 0x7);
	assert_int_equal(fake_igb_reg(E1000_EIMS), 0x7);
	/* Queue pair 1 programmed like pair 0, and the net core told of two TX queues. */
	assert_true(fake_igb_reg(E1000_RXDCTL(1)) & E1000_XDCTL_QUEUE_ENABLE);
	assert_true(fake_igb_reg(E1000_TXDCTL(1)) & E1000_XDCTL_QUEUE_ENABLE);
	assert_int_equal(fake_igb_reg(E1000_TDLEN(1)), 256 * 16);
	assert_int_equal(a->netdev->real_num_tx_queues, 2);
	assert_int_equal(fake_igb_reg(E1000_SRRCTL(1)), 2 | (1u << 25) | (1u << 31));
	assert_int_equal(fake_igb_reg(E1000_RDT(1)), 255);
	/* RSS: the key, the table alternating queues 0 and 1, TCP/IPv4/IPv6 hashing. */
	for (int i = 0; i < 10; i++)
		assert_int_equal(fake_igb_reg(E1000_RSSRK(i)), 0x6d5a6d5a);
	for (int n = 0; n < 32; n++)
		assert_int_equal(fake_igb_reg(E1000_RETA(n)), 0x01000100);
	assert_int_equal(fake_igb_reg(E1000_MRQC), 0x2 | BIT(16) | BIT(17) | BIT(20) | BIT(21));
	assert_true(fake_igb_reg(E1000_RXCSUM) & E1000_RXCSUM_PCSD);
	assert_true(fake_igb_reg(E1000_IMS) & E1000_ICR_LSC);
	/* Dynamic moderation (igb.itr=3, the default) starts each vector at 20000/s. */
	assert_true(a->itr_dynamic);
	assert_int_equal(fake_igb_reg(E1000_EITR(0)) & 0x7FFC, 50 << 2);
	assert_int_equal(fake_igb_reg(E1000_EITR(1)) & 0x7FFC, 50 << 2);
	assert_true(fake_igb_reg(E1000_RCTL) & E1000_RCTL_EN);
	assert_true(fake_igb_reg(E1000_TCTL) & E1000_TCTL_EN);
	/* The PHY was told to autonegotiate only if the link was down: it was up. */
	assert_int_equal(fake_igb_phy[0], 0);
	remove_and_check();
}

/*
 * Probe resets the PHY before reading it: CTRL.PHY_RST asserted once,
 * under the PHY's SW_FW_SYNC bit, released after; not at all when the
 * firmware blocks it; a missing CFG_DONE is logged and probe goes on.
 */
static void test_probe_resets_the_phy_under_the_semaphore(void **state)
{
	struct igb_adapter *a = probe_ok();

	assert_int_equal(fake_igb_phy_resets, 1);
	assert_false(fake_igb_phy_reset_unlocked);
	assert_int_equal(fake_igb_reg(E1000_CTRL) & E1000_CTRL_PHY_RST, 0);
	assert_int_equal(fake_igb_reg(E1000_SW_FW_SYNC), 0);
	assert_int_equal(a->phy_id, 0x02A80391);
	remove_and_check();

	fake_igb_reset(mac);
	fake_igb_manc_blocks_phy_reset = true;
	a = probe_ok();
	assert_int_equal(fake_igb_phy_resets, 0);
	assert_true(fake_console_has("PHY reset blocked by manageability firmware"));
	remove_and_check();

	fake_igb_reset(mac);
	fake_igb_cfg_done_missing = true;
	a = probe_ok();
	assert_int_equal(fake_igb_phy_resets, 1);
	assert_true(fake_console_has("PHY configuration not reported done"));
	assert_int_equal(a->phy_id, 0x02A80391);
	remove_and_check();

	/* The semaphore held by someone else for good: no reset, and no hang. */
	fake_igb_reset(mac);
	fake_igb_swsm_stuck = true;
	a = probe_ok();
	assert_int_equal(fake_igb_phy_resets, 0);
	assert_true(fake_console_has("PHY semaphore busy; PHY not reset"));
	remove_and_check();
}

static void test_link_down_restarts_autonegotiation_through_mdic(void **state)
{
	struct igb_adapter *a = probe_ok();

	fake_igb_reg_set(E1000_STATUS, 0);
	igb_setup_link(a);
	assert_int_equal(fake_igb_phy[0] & 0x1200, 0x1200);	/* ANENABLE | ANRESTART */
	/* The semaphores are given back. */
	assert_int_equal(fake_igb_reg(E1000_SW_FW_SYNC), 0);
	assert_int_equal(fake_igb_reg(E1000_SWSM) & 3, 0);
	remove_and_check();
}

static u64 ethtool_stat(struct net_device *dev, const char *name);
static struct sk_buff *partial_skb(struct net_device *dev, bool ipv6, bool tcp, u16 csum_offset);

static void test_statistics_fold_and_clear_on_read(void **state)
{
	struct igb_adapter *a = probe_open();
	struct net_device_stats *st;

	for (int round = 1; round <= 2; round++) {
		fake_igb_reg_set(E1000_CRCERRS, 3);
		fake_igb_reg_set(E1000_MPC, 5);
		fake_igb_reg_set(E1000_RUC, 1);
		fake_igb_reg_set(E1000_ROC, 2);
		fake_igb_reg_set(E1000_GORCL, 0xFFFFFFF0u);	/* the pair folds into 64 bits */
		fake_igb_reg_set(E1000_GORCL + 4, 1);
		fake_igb_reg_set(E1000_RQDPC(1), 7);
		st = a->netdev->netdev_ops->ndo_get_stats(a->netdev);
		assert_int_equal(st->rx_crc_errors, 3 * round);
		assert_int_equal(st->rx_missed_errors, 5 * round);
		assert_int_equal(st->rx_length_errors, 3 * round);
		assert_int_equal(st->rx_fifo_errors, 7 * round);	/* the DROP_EN queue's drops */
		assert_int_equal(a->hw_stats.gorc, round * 0x1FFFFFFF0ull);
		assert_int_equal(ethtool_stat(a->netdev, "rx_queue_1_drops"), 7 * round);
		assert_int_equal(fake_igb_reg(E1000_CRCERRS), 0);	/* read, so cleared */
	}
	remove_and_check();
}

static void test_ethtool_reset_and_nway_reset(void **state)
{
	struct igb_adapter *a = probe_open();
	const struct ethtool_ops *ops = a->netdev->ethtool_ops;
	u32 flags = ETH_RESET_ALL;

	/* The full reset: counted, rebuilt, routed again, still up. */
	fake_igb_reg_set(E1000_IVAR(0), 0);
	assert_int_equal(ops->reset(a->netdev, &flags), 0);
	assert_int_equal(flags, 0);
	assert_int_equal(a->reset_count, 1);
	assert_true(a->up);
	assert_int_equal(fake_igb_reg(E1000_IVAR(0)), 0x8080);
	assert_int_equal(fake_igb_reg(E1000_RDT(1)), 255);
	/* ethtool -r restarts autonegotiation even with the link up. */
	assert_int_equal(ops->nway_reset(a->netdev), 0);
	assert_int_equal(fake_igb_phy[0] & 0x1200, 0x1200);
	remove_and_check();
}

/* The multicast table and the promiscuous modes through the shared ndo_set_rx_mode, kept over a reset. */
static void test_multicast_table_and_promiscuous_modes(void **state)
{
	static const u8 mc[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
	struct igb_adapter *a = probe_open();
	const u32 upe = BIT(3), mpe = BIT(4);
	u32 flags = ETH_RESET_ALL;

	assert_int_equal(dev_mc_add(a->netdev, mc), 0);
	/* Bits 47:36 (RCTL.MO 0): 0xfb0 -> MTA[125] bit 16. */
	assert_int_equal(fake_igb_reg(E1000_MTA + 4 * 125), BIT(16));
	assert_int_equal(fake_igb_reg(E1000_RCTL) & (upe | mpe), 0);
	assert_int_equal(dev_set_allmulti(a->netdev, 1), 0);
	assert_int_equal(fake_igb_reg(E1000_RCTL) & (upe | mpe), mpe);
	assert_int_equal(dev_set_promiscuity(a->netdev, 1), 0);
	assert_int_equal(fake_igb_reg(E1000_RCTL) & (upe | mpe), upe | mpe);
	assert_true(fake_igb_reg(E1000_RCTL) & E1000_RCTL_EN);
	/* The full reset clears the MAC's tables: they come back as they were. */
	assert_int_equal(a->netdev->ethtool_ops->reset(a->netdev, &flags), 0);
	assert_int_equal(fake_igb_reg(E1000_MTA + 4 * 125), BIT(16));
	assert_int_equal(fake_igb_reg(E1000_RCTL) & (upe | mpe), upe | mpe);
	dev_set_promiscuity(a->netdev, -1);
	dev_set_allmulti(a->netdev, -1);
	assert_int_equal(fake_igb_reg(E1000_RCTL) & (upe | mpe), 0);
	dev_mc_del(a->netdev, mc);
	assert_int_equal(fake_igb_reg(E1000_MTA + 4 * 125), 0);
	remove_and_check();
}

static void test_busy_semaphore_gives_up_without_hanging(void **state)
{
	fake_igb_swsm_stuck = true;
	struct igb_adapter *a = probe_ok();	/* the PHY id is optional */

	assert_int_equal(a->phy_id, 0);
	assert_int_equal(igb_read_phy(a, 0, &(u16){ 0 }), -EBUSY);
	assert_int_equal(fake_igb_reg(E1000_SW_FW_SYNC), 0);	/* never taken */
	remove_and_check();
}

static void test_queue_that_never_confirms_fails_open(void **state)
{
	struct igb_adapter *a = probe_ok();

	fake_igb_queue_stuck = true;
	assert_int_equal(dev_open(a->netdev), -ETIMEDOUT);
	assert_false(a->up);
	assert_int_equal(fake_igb_irqs_live, 0);
	fake_igb_queue_stuck = false;
	remove_and_check();
}

static void test_msi_then_intx_when_msix_is_missing(void **state)
{
	fake_igb_irq_types = PCI_IRQ_LEGACY;
	struct igb_adapter *a = probe_open();

	assert_int_equal(a->irq_mode, IGB_IRQ_INTX);
	assert_int_equal(a->num_queues, 1);
	assert_int_equal(fake_igb_reg(E1000_GPIE), 0);
	assert_int_equal(fake_igb_reg(E1000_MRQC), 0);
	assert_int_equal(fake_igb_reg(E1000_RDLEN(1)), 0);	/* queue 1 unused */
	/* A shared line with nothing in ICR is someone else's. */
	assert_int_equal(fake_igb_fire(0), IRQ_NONE);
	remove_and_check();
}

static void fill_ip_frame(void)
{
	memcpy(frame, mac, ETH_ALEN);
	memset(frame + 6, 0x02, ETH_ALEN);
	frame[12] = 0x08;
	frame[13] = 0x00;
}

static void test_rx_advanced_writeback_clean_and_refill(void **state)
{
	struct igb_adapter *a = probe_open();
	union igb_adv_rx_desc *desc = a->q[0].rx_ring.desc;

	fill_ip_frame();
	for (int i = 0; i < 300; i++)	/* more than the ring: refill must keep up */
		assert_true(fake_igb_rx(frame, 60 + i, IGB_RXD_STAT_EOP | IGB_RXD_STAT_L4CS) ||
			    (fake_igb_fire(0) == IRQ_HANDLED && (netcore_run_softirqs(), true)));
	assert_int_equal(fake_igb_fire(0), IRQ_HANDLED);
	/* The top half masked the queue vector; poll unmasks when drained. */
	assert_int_equal(fake_igb_reg(E1000_EIMS) & 1, 0);
	netcore_run_softirqs();
	assert_int_equal(fake_igb_reg(E1000_EIMS) & 1, 1);
	assert_true(nr_seen >= 299);
	assert_int_equal(a->netdev->stats.rx_packets, nr_seen);
	assert_int_equal(a->sw_stats.rx_csum_good, nr_seen);
	/* Cleaned slots went back in the read format: a buffer, no DD. */
	for (unsigned int i = 0; i < a->q[0].rx_ring.count; i++) {
		if (!a->q[0].rx_ring.buffer_info[i].skb)
			continue;
		assert_int_not_equal(desc[i].read.pkt_addr, 0);
		assert_int_equal(desc[i].wb.status_error & IGB_RXD_STAT_DD, 0);
	}
	/* Errors in the write-back: a checksum error passes up unvouched, a frame error drops. */
	nr_seen = 0;
	assert_true(fake_igb_rx(frame, 80, IGB_RXD_STAT_EOP | IGB_RXD_STAT_L4CS | IGB_RXD_ERR_L4E));
	assert_true(fake_igb_rx(frame, 80, IGB_RXD_STAT_EOP | IGB_RXD_ERR_RXE));
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(nr_seen, 1);
	assert_int_equal(last_len, 80 - ETH_HLEN);
	assert_int_equal(a->sw_stats.rx_csum_err, 1);
	assert_int_equal(a->netdev->stats.rx_frame_errors, 1);
	remove_and_check();
}

static u64 ethtool_stat(struct net_device *dev, const char *name)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	int n = ops->get_sset_count(dev, ETH_SS_STATS);
	u8 names[64 * ETH_GSTRING_LEN];
	u64 vals[64];

	assert_true(n > 0 && n <= 64);
	ops->get_strings(dev, ETH_SS_STATS, names);
	ops->get_ethtool_stats(dev, NULL, vals);
	for (int i = 0; i < n; i++)
		if (strcmp((char *)names + i * ETH_GSTRING_LEN, name) == 0)
			return vals[i];
	fail_msg("no ethtool counter %s", name);
	return 0;
}

static void test_second_queue_has_its_own_vector_napi_and_counters(void **state)
{
	struct igb_adapter *a = probe_open();

	fill_ip_frame();
	for (int i = 0; i < 5; i++)
		assert_true(fake_igb_rx_queue(1, frame, 100, IGB_RXD_STAT_EOP));
	assert_true(fake_igb_rx_queue(0, frame, 70, IGB_RXD_STAT_EOP));
	/* Vector 1 masks only itself and polls only queue 1. */
	assert_int_equal(fake_igb_fire(1), IRQ_HANDLED);
	assert_int_equal(fake_igb_reg(E1000_EIMS), 0x5);
	netcore_run_softirqs();
	assert_int_equal(fake_igb_reg(E1000_EIMS), 0x7);
	assert_int_equal(nr_seen, 5);
	assert_int_equal(ethtool_stat(a->netdev, "rx_queue_1_packets"), 5);
	assert_int_equal(ethtool_stat(a->netdev, "rx_queue_1_bytes"), 500);
	assert_int_equal(ethtool_stat(a->netdev, "rx_queue_0_packets"), 0);
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(nr_seen, 6);
	assert_int_equal(ethtool_stat(a->netdev, "rx_queue_0_packets"), 1);
	assert_int_equal(a->netdev->stats.rx_packets, 6);
	remove_and_check();
}

/* The write-back's RSS hash reaches the skb, with its reach from the RSS type. */
static void test_rx_rss_hash_reaches_the_skb(void **state)
{
	struct igb_adapter *a = probe_open();

	assert_true(a->num_queues > 1);
	fill_ip_frame();
	/* TCP over IPv4: the ports were hashed, one flow (L4). */
	assert_true(fake_igb_rx_hashed(1, frame, 100, IGB_RXD_STAT_EOP, 0xdeadbeef,
				       IGB_RSS_TYPE_HASH_TCP_IPV4 | 0x10 << 4));
	fake_igb_fire(1);
	netcore_run_softirqs();
	assert_int_equal(nr_seen, 1);
	assert_int_equal(last_hash, 0xdeadbeef);
	assert_true(last_l4_hash);
	/* Addresses only (an IPv6 fragment, say): the hash but not l4_hash. */
	assert_true(fake_igb_rx_hashed(0, frame, 100, IGB_RXD_STAT_EOP, 0x1234567,
				       IGB_RSS_TYPE_HASH_IPV6));
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(last_hash, 0x1234567);
	assert_false(last_l4_hash);
	/* No RSS type: the field is not a hash, and the skb says none. */
	assert_true(fake_igb_rx_hashed(0, frame, 100, IGB_RXD_STAT_EOP, 0x5555, 0));
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(nr_seen, 3);
	assert_int_equal(last_hash, 0);
	assert_false(last_l4_hash);
	remove_and_check();
}

/* igb.queues=4: four pairs, each RX and TX queue on its own vector, RSS over all four. */
static void test_queue_pairs_follow_igb_queues_and_the_vectors(void **state)
{
	struct igb_adapter *a;

	igb_param_queues = 4;
	a = probe_open();
	assert_int_equal(a->nr_irqs, 5);
	assert_int_equal(a->num_queues, 4);
	assert_int_equal(a->num_tx_queues, 4);
	assert_int_equal(a->netdev->real_num_tx_queues, 4);
	for (unsigned int n = 0; n < 4; n++) {
		assert_int_equal(fake_igb_reg(E1000_IVAR(n)), (0x80 | n) << 8 | (0x80 | n));
		assert_true(fake_igb_reg(E1000_TXDCTL(n)) & E1000_XDCTL_QUEUE_ENABLE);
		assert_int_equal(fake_igb_reg(E1000_RDT(n)), 255);
		assert_ptr_equal(a->q[n].tx_ring, &a->tx_rings[n]);
	}
	assert_string_equal(a->q[3].irq_name, "igb-TxRx-3");
	assert_int_equal(fake_igb_reg(E1000_IVAR_MISC), 0x8400);	/* other -> vector 4 */
	assert_int_equal(fake_igb_reg(E1000_EIMS), 0x1F);
	for (int n = 0; n < 32; n++)
		assert_int_equal(fake_igb_reg(E1000_RETA(n)), 0x03020100);
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_3_packets"), 0);
	remove_and_check();

	/* Vectors short: as many pairs as they allow, and a warning that says so. */
	fake_igb_reset(mac);
	fake_igb_msix_vectors = 3;
	a = probe_open();
	assert_int_equal(a->num_queues, 2);
	assert_int_equal(a->netdev->real_num_tx_queues, 2);
	assert_true(fake_console_has("2 queue pairs (igb.queues=4): only 3 MSI-X vectors"));
	remove_and_check();

	/* A value out of range is named and replaced by the default. */
	fake_igb_reset(mac);
	igb_param_queues = 9;
	a = probe_open();
	assert_int_equal(a->num_queues, IGB_DEFAULT_QUEUES);
	assert_true(fake_console_has("igb.queues=9: not 1..8; using 2"));
	igb_param_queues = IGB_DEFAULT_QUEUES;
	remove_and_check();
}

/*
 * The net core's queue picks the ring: each TX queue has its own tail,
 * its own checksum context and its own counters, cleaned by its own
 * vector's poll; a ring that stops completing is a hang even while
 * another one completes.
 */
static void test_each_tx_queue_is_its_own_ring(void **state)
{
	struct igb_adapter *a = probe_open();
	const struct net_device_ops *ops = a->netdev->netdev_ops;
	struct sk_buff *skb = partial_skb(a->netdev, false, true, 16);

	skb_set_queue_mapping(skb, 1);
	assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(1)), 2);	/* context + data */
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 0);
	/* The same layout on queue 0: that queue's context slot is still empty. */
	assert_int_equal(ops->ndo_start_xmit(partial_skb(a->netdev, false, true, 16), a->netdev),
			 NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 2);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 2);

	assert_int_equal(fake_igb_tx_complete_queue(1), 2);
	fake_igb_fire(1);
	netcore_run_softirqs();
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_1_packets"), 1);
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_1_bytes"), 14 + 20 + 20 + 10);
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_0_packets"), 0);
	assert_int_equal(a->tx_rings[1].next_to_clean, 2);
	assert_int_equal(a->tx_ring.next_to_clean, 0);

	/* Queue 0 stuck, queue 1 completing: queue 0 is found hung all the same. */
	assert_false(e1000x_tx_hang_check(a->netdev, &a->tx_rings[0]));	/* armed */
	skb = partial_skb(a->netdev, false, true, 16);
	skb_set_queue_mapping(skb, 1);
	ops->ndo_start_xmit(skb, a->netdev);
	fake_igb_tx_complete_queue(1);
	fake_igb_fire(1);
	netcore_run_softirqs();
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_1_packets"), 2);
	assert_true(e1000x_tx_hang_check(a->netdev, &a->tx_rings[0]));
	assert_true(fake_console_has("TX hang on queue 0"));
	assert_false(e1000x_tx_hang_check(a->netdev, &a->tx_rings[1]));
	remove_and_check();
}

/* Frames per interrupt, n at a time, through vector 0's interrupt and poll. */
static void rx_interrupt(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		assert_true(fake_igb_rx(frame, 60, IGB_RXD_STAT_EOP));
	fake_igb_fire(0);
	netcore_run_softirqs();
}

/*
 * Dynamic moderation: a frame per interrupt, twice in a row, lifts the
 * throttle; a batch, twice, sets 8000/s; one odd interrupt changes
 * nothing; ten frames are the middle rate. A fixed igb.itr stays put.
 */
static void test_dynamic_moderation_follows_frames_per_interrupt(void **state)
{
	struct igb_adapter *a = probe_open();
	u32 eitr0 = E1000_EITR(0);

	fill_ip_frame();
	rx_interrupt(1);
	assert_int_equal(fake_igb_reg(eitr0) & 0x7FFC, 50 << 2);	/* one is not enough */
	rx_interrupt(1);
	assert_int_equal(fake_igb_reg(eitr0) & 0x7FFC, 0);
	assert_int_equal(fake_igb_reg(E1000_EITR(1)) & 0x7FFC, 50 << 2);	/* its own vector only */
	rx_interrupt(40);
	rx_interrupt(1);
	assert_int_equal(fake_igb_reg(eitr0) & 0x7FFC, 0);		/* an odd batch: no change */
	rx_interrupt(40);
	rx_interrupt(40);
	assert_int_equal(fake_igb_reg(eitr0) & 0x7FFC, 125 << 2);
	rx_interrupt(10);
	rx_interrupt(10);
	assert_int_equal(fake_igb_reg(eitr0) & 0x7FFC, 50 << 2);
	assert_int_equal(nr_seen, 1 + 1 + 40 + 1 + 40 + 40 + 10 + 10);
	remove_and_check();

	fake_igb_reset(mac);
	igb_param_itr = 8000;
	a = probe_open();
	assert_false(a->itr_dynamic);
	rx_interrupt(1);
	rx_interrupt(1);
	assert_int_equal(fake_igb_reg(eitr0) & 0x7FFC, 125 << 2);
	igb_param_itr = IGB_ITR_DYNAMIC;
	remove_and_check();
}

static void test_tx_advanced_data_descriptors_and_reclaim(void **state)
{
	struct igb_adapter *a = probe_open();
	union igb_adv_tx_desc *desc = a->tx_ring.desc;
	struct sk_buff *skb = alloc_skb(2048, GFP_KERNEL);

	a->netdev->stats.tx_packets = 0;
	skb->dev = a->netdev;
	memset(skb_put(skb, 100), 0x11, 100);
	assert_int_equal(a->netdev->netdev_ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 1);
	assert_int_equal(desc[0].read.cmd_type_len,
			 100 | IGB_TXD_DTYP_DATA | IGB_TXD_DCMD_DEXT | IGB_TXD_DCMD_IFCS |
			 IGB_TXD_DCMD_EOP | IGB_TXD_DCMD_RS);
	assert_int_equal(desc[0].read.olinfo_status, 100u << 14);	/* PAYLEN */
	assert_int_equal(fake_igb_tx_complete(), 1);
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(a->netdev->stats.tx_packets, 1);
	assert_int_equal(a->tx_ring.next_to_clean, 1);
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_0_packets"), 1);
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_0_bytes"), 100);
	remove_and_check();
}

/* Ethernet + IPv4/IPv6 + TCP/UDP headers, CHECKSUM_PARTIAL as the stack leaves it. */
static struct sk_buff *partial_skb(struct net_device *dev, bool ipv6, bool tcp, u16 csum_offset)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	unsigned int l3 = ipv6 ? 40 : 20, l4h = tcp ? 20 : 8;
	u8 *p;

	assert_non_null(skb);
	skb_reserve(skb, 64);
	p = skb_put(skb, ETH_HLEN + l3 + l4h + 10);
	memset(p, 0, skb->len);
	memcpy(p, mac, ETH_ALEN);
	p[12] = ipv6 ? 0x86 : 0x08;
	p[13] = ipv6 ? 0xdd : 0x00;
	p[ETH_HLEN] = ipv6 ? 0x60 : 0x45;
	skb->dev = dev;
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (u16)(skb_headroom(skb) + ETH_HLEN + l3);
	skb->csum_offset = csum_offset;
	return skb;
}

static void test_tx_checksum_context_written_on_change_only(void **state)
{
	struct igb_adapter *a = probe_open();
	const struct net_device_ops *ops = a->netdev->netdev_ops;
	union igb_adv_tx_desc *desc = a->tx_ring.desc;
	struct igb_adv_tx_context_desc *ctx = (void *)desc;

	/* IPv4/TCP: a context (MACLEN 14, IPLEN 20, IPv4, TCP), then the data with TXSM. */
	assert_int_equal(ops->ndo_start_xmit(partial_skb(a->netdev, false, true, 16), a->netdev),
			 NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 2);
	assert_int_equal(ctx[0].vlan_macip_lens, 14 << 9 | 20);
	assert_int_equal(ctx[0].type_tucmd_mlhl, BIT(10) | BIT(11) | (0x2u << 20) | BIT(29));
	assert_int_equal(ctx[0].mss_l4len_idx, 0);
	assert_int_equal(desc[1].read.olinfo_status, 64u << 14 | BIT(9));
	/* The same layout again: no new context. */
	assert_int_equal(ops->ndo_start_xmit(partial_skb(a->netdev, false, true, 16), a->netdev),
			 NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 3);
	assert_true(desc[2].read.olinfo_status & BIT(9));
	/* IPv6/UDP: a new one, IPLEN 40, neither IPv4 nor TCP. */
	assert_int_equal(ops->ndo_start_xmit(partial_skb(a->netdev, true, false, 6), a->netdev),
			 NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 5);
	assert_int_equal(ctx[3].vlan_macip_lens, 14 << 9 | 40);
	assert_int_equal(ctx[3].type_tucmd_mlhl, (0x2u << 20) | BIT(29));
	/* A sum the device cannot place is finished in software: no TXSM, no context. */
	assert_int_equal(ops->ndo_start_xmit(partial_skb(a->netdev, false, true, 10), a->netdev),
			 NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 6);
	assert_int_equal(desc[5].read.olinfo_status & BIT(9), 0);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 2);
	assert_int_equal(a->sw_stats.tx_csum_offload, 3);
	assert_int_equal(a->sw_stats.tx_csum_sw, 1);
	/* Four frames, six descriptors: reclaim walks from each frame's first slot. */
	assert_int_equal(fake_igb_tx_complete(), 6);
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_0_packets"), 4);
	assert_int_equal(a->tx_ring.next_to_clean, 6);
	remove_and_check();
}

static u8 tso_payload[40000];

/* A large TCP segment: headers linear (Ethernet, IPv4 or IPv6, TCP), the payload in one frag. */
static struct sk_buff *tso_skb(struct net_device *dev, bool ipv6, unsigned int payload)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	unsigned int l3 = ipv6 ? 40 : 20, l4 = ETH_HLEN + l3, ip_len = l3 + 20 + payload;
	u8 *p;

	assert_non_null(skb);
	skb_reserve(skb, 64);
	p = skb_put(skb, l4 + 20);
	memset(p, 0, skb->len);
	memcpy(p, mac, ETH_ALEN);
	p[12] = ipv6 ? 0x86 : 0x08;
	p[13] = ipv6 ? 0xdd : 0x00;
	p[ETH_HLEN] = ipv6 ? 0x60 : 0x45;
	if (ipv6) {
		p[ETH_HLEN + 4] = (u8)((ip_len - 40) >> 8);
		p[ETH_HLEN + 5] = (u8)(ip_len - 40);
	} else {
		p[ETH_HLEN + 2] = (u8)(ip_len >> 8);
		p[ETH_HLEN + 3] = (u8)ip_len;
		p[ETH_HLEN + 10] = 0x12;	/* a header checksum the device must replace */
	}
	p[l4 + 12] = 0x50;			/* TCP data offset: 20 bytes */
	skb_set_transport_header(skb, (int)l4);
	assert_int_equal(skb_add_frag(skb, tso_payload, payload), 0);
	skb->dev = dev;
	skb_shinfo(skb)->gso_size = ipv6 ? 1440 : 1448;	/* a 1500-byte MTU's MSS */
	skb_shinfo(skb)->gso_type = ipv6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
	return skb;
}

static void test_tso_context_and_data_descriptors(void **state)
{
	struct igb_adapter *a = probe_open();
	const struct net_device_ops *ops = a->netdev->netdev_ops;
	union igb_adv_tx_desc *desc = a->tx_ring.desc;
	struct igb_adv_tx_context_desc *ctx = (void *)desc;
	const u32 tse = IGB_TXD_DTYP_DATA | IGB_TXD_DCMD_DEXT | IGB_TXD_DCMD_IFCS | BIT(31);
	struct sk_buff *skb;
	__be32 saddr, daddr;
	__sum16 seed;

	assert_true(a->netdev->features & NETIF_F_TSO);
	assert_true(a->netdev->features & NETIF_F_TSO6);
	/* IPv4: a context with MSS and L4LEN, then the head and the payload in
	 * pieces of at most 32 KiB, TSE on each, PAYLEN (the payload only), TXSM
	 * and IXSM in the first. */
	skb = tso_skb(a->netdev, false, 40000);
	assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 4);
	assert_int_equal(ctx[0].vlan_macip_lens, 14 << 9 | 20);
	assert_int_equal(ctx[0].type_tucmd_mlhl, BIT(10) | BIT(11) | (0x2u << 20) | BIT(29));
	assert_int_equal(ctx[0].mss_l4len_idx, 1448u << 16 | 20 << 8);
	assert_int_equal(desc[1].read.cmd_type_len, 54 | tse);
	assert_int_equal(desc[1].read.olinfo_status, 40000u << 14 | BIT(9) | BIT(8));
	assert_int_equal(desc[2].read.cmd_type_len, 32768 | tse);
	assert_true(desc[2].read.buffer_addr == virt_to_phys(tso_payload));
	assert_int_equal(desc[2].read.olinfo_status, 0);
	assert_int_equal(desc[3].read.cmd_type_len,
			 (40000 - 32768) | tse | IGB_TXD_DCMD_EOP | IGB_TXD_DCMD_RS);
	assert_true(desc[3].read.buffer_addr == virt_to_phys(tso_payload + 32768));
	/* The device fills lengths and sums per frame: IP length and header sum
	 * zero, the TCP field the pseudo-header sum without a length. */
	assert_int_equal(skb->data[16] | skb->data[17] | skb->data[24] | skb->data[25], 0);
	memcpy(&saddr, skb->data + 26, 4);
	memcpy(&daddr, skb->data + 30, 4);
	seed = (__sum16)~csum_tcpudp_magic(saddr, daddr, 0, 6, 0);
	assert_memory_equal(skb->data + 50, &seed, 2);
	/* IPv6: IPLEN 40, no IPv4 in TUCMD, no IXSM. */
	skb = tso_skb(a->netdev, true, 3000);
	assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 7);
	assert_int_equal(ctx[4].vlan_macip_lens, 14 << 9 | 40);
	assert_int_equal(ctx[4].type_tucmd_mlhl, BIT(11) | (0x2u << 20) | BIT(29));
	assert_int_equal(ctx[4].mss_l4len_idx, 1440u << 16 | 20 << 8);
	assert_int_equal(desc[5].read.olinfo_status, 3000u << 14 | BIT(9));
	assert_int_equal(skb->data[18] | skb->data[19], 0);	/* payload length */
	assert_int_equal(a->sw_stats.tx_tso, 2);
	/* The TSO context replaced the checksum one: the next offloaded frame writes its own. */
	assert_int_equal(ops->ndo_start_xmit(partial_skb(a->netdev, false, true, 16), a->netdev),
			 NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 9);
	assert_int_equal(ctx[7].mss_l4len_idx, 0);
	assert_int_equal(desc[8].read.cmd_type_len & BIT(31), 0);
	/* A job whose frames would exceed the MTU is dropped, counted. */
	skb = tso_skb(a->netdev, false, 3000);
	skb_shinfo(skb)->gso_size = 1461;
	assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_igb_reg(E1000_TDT(0)), 9);
	assert_int_equal(a->netdev->stats.tx_dropped, 1);
	assert_int_equal(ethtool_stat(a->netdev, "tx_tso"), 2);
	assert_int_equal(fake_igb_tx_complete(), 9);
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_int_equal(ethtool_stat(a->netdev, "tx_queue_0_packets"), 3);
	remove_and_check();
}

/* The queue stops while the worst job still fits, so that job is never refused. */
static void test_tx_queue_stops_for_the_worst_tso_job(void **state)
{
	struct igb_adapter *a = probe_open();
	const struct net_device_ops *ops = a->netdev->netdev_ops;
	unsigned int count = a->tx_ring.count, sent = 0;
	struct sk_buff *skb;

	while (!netif_queue_stopped(a->netdev)) {
		assert_true(ring_unused(a->tx_ring.next_to_use, a->tx_ring.next_to_clean, count) >=
			    IGB_TX_DESC_NEEDED);
		skb = alloc_skb(128, GFP_KERNEL);
		skb->dev = a->netdev;
		memset(skb_put(skb, 60), 0x22, 60);
		assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
		assert_true(++sent < count);
	}
	assert_true(ring_unused(a->tx_ring.next_to_use, a->tx_ring.next_to_clean, count) <
		    IGB_TX_DESC_NEEDED);
	/* The worst job: every frag, one of them over 32 KiB (two descriptors). */
	skb = tso_skb(a->netdev, false, 32769);
	for (unsigned int k = 1; k < MAX_SKB_FRAGS; k++)
		assert_int_equal(skb_add_frag(skb, tso_payload, 100), 0);
	assert_true(skb->len <= IGB_MAX_TSO_LEN);
	assert_int_equal(e1000x_tx_descs_needed(skb, IGB_MAX_PER_TXD), IGB_TX_DESC_NEEDED);
	assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_BUSY);
	consume_skb(skb);
	/* Completion frees room and wakes the queue; the job then goes out whole. */
	assert_int_equal(fake_igb_tx_complete(), sent);
	fake_igb_fire(0);
	netcore_run_softirqs();
	assert_false(netif_queue_stopped(a->netdev));
	skb = tso_skb(a->netdev, false, 32769);
	for (unsigned int k = 1; k < MAX_SKB_FRAGS; k++)
		assert_int_equal(skb_add_frag(skb, tso_payload, 100), 0);
	assert_int_equal(ops->ndo_start_xmit(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(ring_in_use(a->tx_ring.next_to_use, a->tx_ring.next_to_clean, count),
			 IGB_TX_DESC_NEEDED);
	remove_and_check();
}

/* igb.tso=0: no TSO features, so the stack cuts large segments itself. */
static void test_tso_param_off_leaves_the_feature_off(void **state)
{
	struct igb_adapter *a;

	igb_param_tso = false;
	a = probe_ok();
	igb_param_tso = true;
	assert_false(a->netdev->features & (NETIF_F_TSO | NETIF_F_TSO6));
	assert_true(a->netdev->features & NETIF_F_IP_CSUM);
	remove_and_check();
}

static void test_other_vector_reads_icr_and_unmasks_itself(void **state)
{
	struct igb_adapter *a = probe_open();

	fake_igb_reg_set(E1000_EIMS, 0x3);	/* as EIAM's auto-mask would leave it */
	fake_igb_reg_set(E1000_ICR, E1000_ICR_LSC | E1000_ICR_RXO);
	assert_int_equal(fake_igb_fire(2), IRQ_HANDLED);
	assert_int_equal(fake_igb_reg(E1000_ICR), 0);
	assert_int_equal(fake_igb_reg(E1000_EIMS), 0x7);
	assert_int_equal(a->sw_stats.irq_other, 1);
	assert_int_equal(a->sw_stats.rx_overruns, 1);
	remove_and_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_probe_resets_and_reads_mac_from_rar0, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_rar0_falls_back_to_the_nvm_through_eerd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_checksum_dead_eerd_stuck_reset_refuse_the_device, setup, teardown),
		cmocka_unit_test(test_ivar_layout_and_eitr_units),
		cmocka_unit_test_setup_teardown(test_open_programs_queues_and_msix_routing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_resets_the_phy_under_the_semaphore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_down_restarts_autonegotiation_through_mdic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statistics_fold_and_clear_on_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ethtool_reset_and_nway_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicast_table_and_promiscuous_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_semaphore_gives_up_without_hanging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_that_never_confirms_fails_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msi_then_intx_when_msix_is_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_advanced_writeback_clean_and_refill, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_queue_has_its_own_vector_napi_and_counters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_rss_hash_reaches_the_skb, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_pairs_follow_igb_queues_and_the_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_tx_queue_is_its_own_ring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dynamic_moderation_follows_frames_per_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_advanced_data_descriptors_and_reclaim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_checksum_context_written_on_change_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tso_context_and_data_descriptors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_queue_stops_for_the_worst_tso_job, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tso_param_off_leaves_the_feature_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_vector_reads_icr_and_unmasks_itself, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
