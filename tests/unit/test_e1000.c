/*
 * The e1000 (8254x) driver through the real net core against the fake
 * 82540EM: reset (and its I/O BAR write), the EEPROM through EERD in the
 * 8254x layout, its checksum and the MAC, RX clean and refill, TX and its
 * reclaim, and the shared-INTx rule (ICR zero: IRQ_NONE).
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
#include "netcore_fake.h"
#include "e1000_fake.h"

static const u8 mac[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
						     E1000_DEV_ID_82540EM) };
static unsigned int nr_seen, last_len;

static int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		  struct net_device *orig)
{
	nr_seen++;
	last_len = skb->len;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type ip_pt = { .func = ip_rcv };

static int setup(void **state)
{
	nr_seen = 0;
	fake_e1000_io_bar = false;
	ip_pt.type = cpu_to_be16(ETH_P_IP);
	dev_add_pack(&ip_pt);
	netcore_test_reset(1024);
	fake_e1000_reset(mac);
	if (!fake_e1000_driver)
		assert_int_equal(fake_e1000_run_module_init(), 0);
	return 0;
}

static int teardown(void **state)
{
	if (pci_get_drvdata(&fake_e1000_pdev))
		fake_e1000_driver->remove(&fake_e1000_pdev);
	dev_remove_pack(&ip_pt);
	fake_e1000_teardown();
	return 0;
}

static struct e1k_adapter *probe_ok(void)
{
	assert_int_equal(fake_e1000_driver->probe(&fake_e1000_pdev, &id), 0);
	return pci_get_drvdata(&fake_e1000_pdev);
}

static struct e1k_adapter *probe_open(void)
{
	struct e1k_adapter *a = probe_ok();

	assert_int_equal(dev_open(a->netdev), 0);
	assert_true(a->up);
	return a;
}

static void remove_and_check(void)
{
	fake_e1000_driver->remove(&fake_e1000_pdev);
	assert_int_equal(fake_e1000_dma_live, 0);
	assert_int_equal(fake_e1000_irqs_live, 0);
	netcore_run_softirqs();
	netcore_assert_pool_idle();
}

static void test_probe_reads_mac_through_eerd(void **state)
{
	struct e1k_adapter *a = probe_ok();

	assert_memory_equal(a->netdev->dev_addr, mac, ETH_ALEN);
	/* The last EERD the driver started: 8254x layout, address in 15:8. */
	assert_int_equal((fake_e1000_reg(E1000_EERD) >> 8) & 0xFF, 2);
	assert_int_equal(fake_e1000_mmio_rst_writes, 1);	/* no I/O BAR: MMIO */
	remove_and_check();
}

static void test_reset_goes_through_the_io_bar(void **state)
{
	fake_e1000_io_bar = true;
	fake_e1000_reset(mac);
	probe_ok();
	assert_int_equal(fake_e1000_mmio_rst_writes, 0);
	assert_true(fake_e1000_io_writes >= 1);
	remove_and_check();
}

static void test_bad_checksum_refuses_the_device(void **state)
{
	fake_e1000_eeprom[10] ^= 1;
	assert_int_equal(fake_e1000_driver->probe(&fake_e1000_pdev, &id), -EIO);
	assert_null(pci_get_drvdata(&fake_e1000_pdev));
	fake_e1000_fix_checksum();
	probe_ok();
	remove_and_check();
}

static void test_dead_eerd_and_stuck_reset_fail_probe(void **state)
{
	fake_e1000_eerd_dead = true;
	assert_int_equal(fake_e1000_driver->probe(&fake_e1000_pdev, &id), -ETIMEDOUT);
	fake_e1000_eerd_dead = false;
	fake_e1000_rst_stuck = true;
	assert_int_equal(fake_e1000_driver->probe(&fake_e1000_pdev, &id), -ETIMEDOUT);
	assert_null(pci_get_drvdata(&fake_e1000_pdev));
}

static void test_checksum_word_sum(void **state)
{
	struct e1k_adapter *a = probe_ok();
	u16 sum;

	assert_int_equal(e1000x_validate_nvm_checksum(&a->hw, &e1k_eerd, &sum), 0);
	assert_int_equal(sum, 0xBABA);
	fake_e1000_eeprom[63]++;
	assert_int_equal(e1000x_validate_nvm_checksum(&a->hw, &e1k_eerd, &sum), -EIO);
	assert_int_equal(sum, 0xBABB);
	remove_and_check();
}

static void test_open_programs_rings_and_intx(void **state)
{
	struct e1k_adapter *a = probe_open();

	assert_true(fake_e1000_irq_shared());
	assert_int_equal(fake_e1000_reg(E1000_RDLEN), 256 * 16);
	assert_int_equal(fake_e1000_reg(E1000_RDT), 255);	/* every slot but one filled */
	assert_true(fake_e1000_reg(E1000_RCTL) & E1000_RCTL_EN);
	assert_true(fake_e1000_reg(E1000_TCTL) & E1000_TCTL_EN);
	assert_int_equal(fake_e1000_reg(E1000_IMS), E1K_IMS_RXTX | E1000_ICR_LSC);
	assert_int_equal(fake_e1000_reg(E1000_ITR), 488);	/* 8000/s in 256 ns units */
	assert_int_equal(fake_e1000_reg(E1000_RAH(0)), 0x5634 | E1000_RAH_AV);
	assert_true(netif_carrier_ok(a->netdev));
	remove_and_check();
}

static u8 frame[1514];

static void test_rx_clean_and_refill_through_napi(void **state)
{
	struct e1k_adapter *a = probe_open();

	memcpy(frame, mac, ETH_ALEN);
	frame[12] = 0x08;
	frame[13] = 0x00;
	for (int i = 0; i < 300; i++)	/* more than the ring: refill must keep up */
		assert_true(fake_e1000_rx(frame, 60 + (i % 1000), E1000_RXD_STAT_EOP, 0) ||
			    (fake_e1000_fire() == IRQ_HANDLED && (netcore_run_softirqs(), true)));
	assert_int_equal(fake_e1000_fire(), IRQ_HANDLED);
	/* The top half masked RX and scheduled NAPI; poll unmasks when drained. */
	assert_int_equal(fake_e1000_reg(E1000_IMS) & E1K_IMS_RXTX, 0);
	netcore_run_softirqs();
	assert_int_equal(fake_e1000_reg(E1000_IMS) & E1K_IMS_RXTX, E1K_IMS_RXTX);
	assert_true(nr_seen >= 299);
	assert_int_equal(a->netdev->stats.rx_packets, nr_seen);
	/* A frame with errors is counted and dropped. */
	nr_seen = 0;
	assert_true(fake_e1000_rx(frame, 60, E1000_RXD_STAT_EOP, 0x01));
	fake_e1000_fire();
	netcore_run_softirqs();
	assert_int_equal(nr_seen, 0);
	assert_int_equal(a->netdev->stats.rx_frame_errors, 1);
	remove_and_check();
}

static void test_shared_intx_returns_none_when_icr_is_zero(void **state)
{
	struct e1k_adapter *a = probe_open();

	fake_e1000_reg_set(E1000_ICR, 0);
	assert_int_equal(fake_e1000_fire(), IRQ_NONE);
	assert_int_equal(a->sw_stats.irq_none, 1);
	/* Bit 31 means nothing on the 8254x: a link cause alone is ours. */
	fake_e1000_reg_set(E1000_ICR, E1000_ICR_LSC);
	assert_int_equal(fake_e1000_fire(), IRQ_HANDLED);
	assert_int_equal(fake_e1000_reg(E1000_ICR), 0);		/* read cleared it */
	assert_int_equal(fake_e1000_reg(E1000_IMS) & E1K_IMS_RXTX, E1K_IMS_RXTX);
	remove_and_check();
}

static void test_tx_descriptors_and_reclaim(void **state)
{
	struct e1k_adapter *a = probe_open();
	struct e1000_tx_desc *d = a->tx_ring.desc;
	struct sk_buff *skb = alloc_skb(2048, GFP_KERNEL);

	assert_non_null(skb);
	memset(skb_put(skb, 100), 0x11, 100);
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_e1000_reg(E1000_TDT), 1);
	assert_int_equal(d[0].length, 100);
	assert_int_equal(d[0].cmd, E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS);
	assert_false(e1k_clean_tx_irq(a));		/* not sent yet */
	assert_int_equal(fake_e1000_tx_complete(), 1);
	assert_true(e1k_clean_tx_irq(a));
	assert_int_equal(a->netdev->stats.tx_packets, 1);
	assert_int_equal(a->netdev->stats.tx_bytes, 100);
	remove_and_check();
}

static void xmit_one(struct e1k_adapter *a)
{
	struct sk_buff *skb = alloc_skb(2048, GFP_KERNEL);

	assert_non_null(skb);
	memset(skb_put(skb, 100), 0x22, 100);
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
}

static void test_tx_timeout_resets_and_frees_the_unsent(void **state)
{
	struct e1k_adapter *a = probe_open();

	xmit_one(a);
	a->netdev->netdev_ops->ndo_tx_timeout(a->netdev, 0);
	netcore_ticks(2);		/* the watchdog runs at once */
	netcore_run_softirqs();
	assert_int_equal(a->reset_count, 1);
	assert_true(a->up);
	assert_int_equal(a->netdev->stats.tx_dropped, 1);	/* never sent, freed */
	assert_int_equal(a->tx_ring.next_to_use, 0);
	assert_int_equal(fake_e1000_reg(E1000_TDT), 0);
	assert_true(fake_e1000_reg(E1000_TCTL) & E1000_TCTL_EN);
	assert_int_equal(fake_e1000_reg(E1000_RDT), 255);	/* RX refilled */
	xmit_one(a);			/* and it transmits again */
	assert_int_equal(fake_e1000_tx_complete(), 1);
	assert_true(e1k_clean_tx_irq(a));
	remove_and_check();
}

static void test_watchdog_finds_a_tx_hang(void **state)
{
	struct e1k_adapter *a = probe_open();
	unsigned int period = msecs_to_jiffies(E1000X_WATCHDOG_MS);

	xmit_one(a);			/* the device never completes it */
	netcore_ticks(period + 1);
	netcore_run_softirqs();
	assert_int_equal(a->tx_hang_count, 0);	/* one check: maybe just slow */
	netcore_ticks(period + 1);
	netcore_run_softirqs();
	assert_int_equal(a->tx_hang_count, 1);
	assert_int_equal(a->reset_count, 1);
	assert_true(a->up);
	/* With completions between checks there is no hang. */
	for (int i = 0; i < 3; i++) {
		xmit_one(a);
		fake_e1000_tx_complete();
		assert_int_equal(fake_e1000_fire(), IRQ_HANDLED);	/* TXDW: poll cleans */
		netcore_run_softirqs();
		netcore_ticks(period + 1);
		netcore_run_softirqs();
	}
	assert_int_equal(a->reset_count, 1);
	remove_and_check();
}

static void poll_once(void)
{
	fake_e1000_reg_set(E1000_ICR, E1000_ICR_TXDW);
	assert_int_equal(fake_e1000_fire(), IRQ_HANDLED);
	netcore_run_softirqs();
}

static bool tx_enabled(void)
{
	return fake_e1000_reg(E1000_TCTL) & E1000_TCTL_EN;
}

/* test.fault=e1000_tx_stop: TX off once, after 200 frames, and only when asked for. */
static void test_tx_stop_fault_bites_once_after_200_frames(void **state)
{
	struct e1k_adapter *a = probe_open();

	a->netdev->stats.tx_packets = 200;
	poll_once();
	assert_true(tx_enabled());		/* no fault asked for */
	fake_e1000_fault = "e1000_tx_stop";
	a->netdev->stats.tx_packets = 199;
	poll_once();
	assert_true(tx_enabled());
	a->netdev->stats.tx_packets = 200;
	poll_once();
	assert_false(tx_enabled());
	fake_e1000_reg_set(E1000_TCTL, fake_e1000_reg(E1000_TCTL) | E1000_TCTL_EN);
	a->netdev->stats.tx_packets = 400;
	poll_once();
	assert_true(tx_enabled());		/* once: the reset's TX stays on */
	fake_e1000_fault = NULL;
	remove_and_check();
}

static void test_multicast_hash_and_stats(void **state)
{
	static const u8 mc[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
	struct e1k_adapter *a = probe_open();

	/* Bits 47:36 of the address (MO = 0): 0xfb0 -> MTA[125] bit 16. */
	assert_int_equal(e1000x_hash_mc_addr(mc), 0xfb0);
	fake_e1000_reg_set(E1000_MPC, 7);
	fake_e1000_reg_set(E1000_CRCERRS, 2);
	assert_int_equal(e1k_get_stats(a->netdev)->rx_missed_errors, 7);
	assert_int_equal(fake_e1000_reg(E1000_MPC), 0);		/* cleared on read */
	fake_e1000_reg_set(E1000_MPC, 1);
	assert_int_equal(e1k_get_stats(a->netdev)->rx_missed_errors, 8);
	assert_int_equal(a->netdev->stats.rx_crc_errors, 2);
	remove_and_check();
}

/* ethtool -r, -A and reset through the ops, against the fake PHY behind MDIC. */
static void test_ethtool_nway_pause_and_reset(void **state)
{
	struct e1k_adapter *a = probe_open();
	const struct ethtool_ops *ops = a->netdev->ethtool_ops;
	struct ethtool_pauseparam pp = { 0 };
	u32 flags = ETH_RESET_ALL;

	assert_int_equal(ops->nway_reset(a->netdev), 0);
	assert_int_equal(fake_e1000_an_restarts, 1);
	assert_true(fake_e1000_phy[MII_BMCR] & BMCR_ANENABLE);
	assert_int_equal(fake_e1000_phy[MII_BMCR] & BMCR_ANRESTART, 0);	/* self-cleared */

	ops->get_pauseparam(a->netdev, &pp);
	assert_int_equal(pp.rx_pause + pp.tx_pause, 0);		/* none unless asked */
	assert_int_equal(fake_e1000_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE), 0);
	pp.rx_pause = pp.tx_pause = 1;
	assert_int_equal(ops->set_pauseparam(a->netdev, &pp), 0);
	assert_int_equal(fake_e1000_an_restarts, 2);
	assert_int_equal(fake_e1000_phy[MII_ADVERTISE] & (ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM),
			 ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM);
	assert_true(fake_e1000_phy[MII_ADVERTISE] & ADVERTISE_100FULL);	/* the rest kept */
	assert_int_equal(fake_e1000_reg(E1000_FCAL), 0x00C28001);
	assert_int_equal(fake_e1000_reg(E1000_FCAH), 0x0100);
	assert_int_equal(fake_e1000_reg(E1000_FCT), 0x8808);
	/* XOFF with two full frames of the 48 KB left, XON one frame lower */
	assert_int_equal(fake_e1000_reg(E1000_FCRTH), 48 * 1024 - 2 * 1536);
	assert_int_equal(fake_e1000_reg(E1000_FCRTL), (48 * 1024 - 3 * 1536) | E1000_FCRTL_XONE);
	/* The partner offers symmetric pause: both directions on. */
	assert_int_equal(fake_e1000_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE),
			 E1000_CTRL_RFCE | E1000_CTRL_TFCE);

	/* A reset clears CTRL: the pause comes back with the link, not by luck. */
	assert_int_equal(ops->reset(a->netdev, &flags), 0);
	assert_int_equal(flags, 0);
	assert_int_equal(a->reset_count, 1);
	assert_true(a->up);
	assert_int_equal(fake_e1000_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE),
			 E1000_CTRL_RFCE | E1000_CTRL_TFCE);

	/* A partner without pause, after renegotiation: none; rx only asked: rx at most. */
	fake_e1000_phy[MII_LPA] &= (u16)~ADVERTISE_PAUSE_CAP;
	assert_int_equal(ops->nway_reset(a->netdev), 0);
	assert_int_equal(fake_e1000_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE), 0);
	fake_e1000_phy[MII_LPA] |= ADVERTISE_PAUSE_CAP;
	pp.tx_pause = 0;
	assert_int_equal(ops->set_pauseparam(a->netdev, &pp), 0);
	assert_int_equal(fake_e1000_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE),
			 E1000_CTRL_RFCE);
	assert_int_equal(fake_e1000_reg(E1000_FCRTH), 0);	/* no XOFF to send */
	remove_and_check();
}

/* ---- TX checksum offload (SDM 3.3.5-3.3.7) ---- */

static u8 csum_frag[600];

/*
 * Ethernet + IPv4 or IPv6 + TCP or UDP with the payload as one frag, set
 * up as the stack does for CHECKSUM_PARTIAL: the folded pseudo-header sum
 * in the checksum field (net/core/checksum.h).
 */
static struct sk_buff *partial_skb(bool ipv6, bool tcp, unsigned int payload)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	unsigned int l3len = ipv6 ? 40 : 20, l4h = tcp ? 20 : 8, l4len = l4h + payload;
	unsigned int field = tcp ? 16 : 6;
	u8 *p, *ip, *l4;
	__sum16 seed;

	assert_non_null(skb);
	skb_reserve(skb, 64);
	p = skb_put(skb, ETH_HLEN + l3len + l4h);
	memset(p, 0, ETH_HLEN + l3len + l4h);
	memcpy(p, mac, ETH_ALEN);
	p[12] = ipv6 ? 0x86 : 0x08;
	p[13] = ipv6 ? 0xdd : 0x00;
	ip = p + ETH_HLEN;
	l4 = ip + l3len;
	if (ipv6) {
		ip[0] = 0x60;
		ip[4] = (u8)(l4len >> 8);
		ip[5] = (u8)l4len;
		ip[6] = tcp ? 6 : 17;
		ip[7] = 64;
		for (int i = 0; i < 32; i++)
			ip[8 + i] = (u8)(0x20 + 7 * i);
		seed = (__sum16)~csum_ipv6_magic(ip + 8, ip + 24, l4len, ip[6], 0);
	} else {
		__be32 s, d;

		ip[0] = 0x45;
		ip[2] = (u8)((20 + l4len) >> 8);
		ip[3] = (u8)(20 + l4len);
		ip[8] = 64;
		ip[9] = tcp ? 6 : 17;
		memcpy(ip + 12, "\x0a\x00\x02\x0f\x0a\x00\x02\x02", 8);
		memcpy(&s, ip + 12, 4);
		memcpy(&d, ip + 16, 4);
		seed = (__sum16)~csum_tcpudp_magic(s, d, l4len, ip[9], 0);
	}
	l4[0] = 0x9c;			/* ports 40000 -> 7 */
	l4[1] = 0x40;
	l4[3] = 7;
	if (tcp) {
		l4[12] = 0x50;
		l4[13] = 0x18;
	} else {
		l4[4] = (u8)(l4len >> 8);
		l4[5] = (u8)l4len;
	}
	memcpy(l4 + field, &seed, 2);
	for (unsigned int i = 0; i < payload; i++)
		csum_frag[i] = (u8)(i * 31 + 5);
	assert_int_equal(skb_add_frag(skb, csum_frag, payload), 0);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (u16)(skb_headroom(skb) + ETH_HLEN + l3len);
	skb->csum_offset = (u16)field;
	return skb;
}

/* What the device does with a context: sums from TUCSS to the end of the
 * frame (the seed included) and stores the complement at TUCSO. Then the
 * receiver's check: the L4 sum over its pseudo header must verify. */
static void device_sum_verifies(struct sk_buff *skb, const struct e1000_context_desc *c,
				bool ipv6, bool tcp)
{
	u8 f[2048], *ip = f + ETH_HLEN;
	unsigned int len = skb->len, l4len = len - c->tucss;
	__sum16 sum;

	assert_int_equal(skb_copy_bits(skb, 0, f, (int)len), 0);
	sum = ip_compute_csum(f + c->tucss, (int)l4len);
	memcpy(f + c->tucso, &sum, 2);
	if (ipv6) {
		assert_int_equal(csum_ipv6_magic(ip + 8, ip + 24, l4len, tcp ? 6 : 17,
						 csum_partial(f + c->tucss, (int)l4len, 0)), 0);
	} else {
		__be32 s, d;

		memcpy(&s, ip + 12, 4);
		memcpy(&d, ip + 16, 4);
		assert_int_equal(csum_tcpudp_magic(s, d, l4len, tcp ? 6 : 17,
						   csum_partial(f + c->tucss, (int)l4len, 0)), 0);
	}
}

static struct e1000_context_desc *ctxd(struct e1k_adapter *a, unsigned int i)
{
	return (struct e1000_context_desc *)a->tx_ring.desc + i;
}

static struct e1000_data_desc *datad(struct e1k_adapter *a, unsigned int i)
{
	return (struct e1000_data_desc *)a->tx_ring.desc + i;
}

static void test_tx_csum_context_descriptor_fields(void **state)
{
	struct e1k_adapter *a = probe_open();
	struct sk_buff *skb;

	assert_true(a->netdev->features & NETIF_F_IP_CSUM);
	assert_true(a->netdev->features & NETIF_F_IPV6_CSUM);
	/* IPv4/TCP: a context at 0, the header and the frag as data descriptors. */
	skb = partial_skb(false, true, 101);
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_e1000_reg(E1000_TDT), 3);
	assert_int_equal(ctxd(a, 0)->ipcss, 14);
	assert_int_equal(ctxd(a, 0)->ipcso, 24);
	assert_int_equal(ctxd(a, 0)->ipcse, 33);
	assert_int_equal(ctxd(a, 0)->tucss, 34);
	assert_int_equal(ctxd(a, 0)->tucso, 50);
	assert_int_equal(ctxd(a, 0)->tucse, 0);
	assert_int_equal(ctxd(a, 0)->dtyp, 0);
	assert_int_equal(ctxd(a, 0)->tucmd, E1000_TUCMD_TCP | E1000_TUCMD_IP | E1000_TXD_CMD_DEXT);
	assert_int_equal(ctxd(a, 0)->paylen, 0);
	for (unsigned int i = 1; i < 3; i++) {
		assert_int_equal(datad(a, i)->dtyp, E1000_TXD_DTYP_DATA);
		assert_int_equal(datad(a, i)->popts, E1000_TXD_POPTS_TXSM);	/* never IXSM */
		assert_int_equal(datad(a, i)->cmd & ~(E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS),
				 E1000_TXD_CMD_DEXT | E1000_TXD_CMD_IFCS);
		assert_int_equal(!!(datad(a, i)->cmd & E1000_TXD_CMD_EOP), i == 2);
	}
	assert_int_equal(datad(a, 1)->length, 54);
	assert_int_equal(datad(a, 2)->length, 101);
	device_sum_verifies(skb, ctxd(a, 0), false, true);

	/* IPv6/UDP: no IPv4 fields, no TCP bit. */
	skb = partial_skb(true, false, 33);
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(ctxd(a, 3)->tucss, 54);
	assert_int_equal(ctxd(a, 3)->tucso, 60);
	assert_int_equal(ctxd(a, 3)->ipcso, 0);
	assert_int_equal(ctxd(a, 3)->ipcse, 0);
	assert_int_equal(ctxd(a, 3)->tucmd, E1000_TXD_CMD_DEXT);
	device_sum_verifies(skb, ctxd(a, 3), true, false);
	assert_int_equal(a->sw_stats.tx_csum_offload, 2);

	/* All of it completes and is reclaimed, contexts included. */
	assert_int_equal(fake_e1000_tx_complete(), 6);
	assert_true(e1k_clean_tx_irq(a));
	assert_int_equal(a->netdev->stats.tx_packets, 2);
	remove_and_check();
}

/* A context is written only when the layout changes, and again after a reset. */
static void test_tx_csum_context_cache(void **state)
{
	struct e1k_adapter *a = probe_open();
	u32 tdt;

	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 10), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 1);
	tdt = fake_e1000_reg(E1000_TDT);
	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 500), a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_e1000_reg(E1000_TDT), tdt + 2);	/* data only: cache hit */
	assert_int_equal(datad(a, tdt)->dtyp, E1000_TXD_DTYP_DATA);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 1);

	/* A frame without offload between them goes legacy and leaves the context. */
	xmit_one(a);
	assert_false(((struct e1000_tx_desc *)a->tx_ring.desc)[tdt + 2].cmd & E1000_TXD_CMD_DEXT);
	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 7), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 1);

	/* UDP: another layout, another context; back to TCP: another again. */
	assert_int_equal(e1k_xmit_frame(partial_skb(false, false, 7), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 2);
	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 7), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 3);

	/* A reset forgets the device's context: the next frame carries one. */
	fake_e1000_tx_complete();
	assert_true(e1k_clean_tx_irq(a));
	a->netdev->netdev_ops->ndo_tx_timeout(a->netdev, 0);
	netcore_ticks(2);		/* the watchdog resets at once */
	netcore_run_softirqs();
	assert_int_equal(a->reset_count, 1);
	tdt = fake_e1000_reg(E1000_TDT);
	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 7), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 4);
	assert_int_equal(ctxd(a, tdt)->tucso, 50);
	remove_and_check();
}

/* What the device cannot place (here an ICMP-style checksum at offset 2,
 * no pseudo header) is completed in software and sent legacy. */
static void test_tx_csum_fallback_in_software(void **state)
{
	struct e1k_adapter *a = probe_open();
	struct sk_buff *skb = partial_skb(false, false, 57);
	u8 f[256];

	skb->data[ETH_HLEN + 9] = 1;
	skb->csum_offset = 2;
	skb->data[34 + 2] = skb->data[34 + 3] = 0;
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_csum_sw, 1);
	assert_int_equal(a->sw_stats.tx_csum_offload, 0);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 0);
	assert_int_equal(fake_e1000_reg(E1000_TDT), 2);		/* no context */
	assert_false(((struct e1000_tx_desc *)a->tx_ring.desc)[0].cmd & E1000_TXD_CMD_DEXT);
	assert_int_equal(skb_copy_bits(skb, 0, f, (int)skb->len), 0);
	assert_int_equal(ip_compute_csum(f + 34, (int)skb->len - 34), 0);	/* verifies */
	remove_and_check();
}

/* ---- TCP segmentation offload (SDM 3.3.6-3.3.7) ---- */

/* A context, the head and 17 frags, + 64 KB / 4 KB more for pieces split at 4 KB. */
#define TSO_DESC_NEEDED		34
#define TSO_PER_TXD		4096

static u8 tso_payload[65536];

/*
 * A large IPv4/TCP segment as the stack hands it over: Ethernet, IPv4 and
 * TCP with 12 bytes of options linear (hdr_len 66), the payload in frags of
 * at most frag_len bytes, the stack's CHECKSUM_PARTIAL seed (with the
 * length) and lengths in place, gso_size the real MSS.
 */
static struct sk_buff *tso_skb(unsigned int payload, unsigned int frag_len, unsigned int mss)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	unsigned int l4len = 32 + payload;
	__be32 s, d;
	__sum16 seed;
	u8 *p;

	assert_non_null(skb);
	skb_reserve(skb, 64);
	p = skb_put(skb, 66);
	memset(p, 0, 66);
	memcpy(p, mac, ETH_ALEN);
	memcpy(p + 6, "\x52\x54\x00\xaa\xbb\xcc", ETH_ALEN);
	p[12] = 0x08;
	p[14] = 0x45;
	p[16] = (u8)((20 + l4len) >> 8);
	p[17] = (u8)(20 + l4len);
	p[18] = 0x12;				/* IP id 0x1234 */
	p[19] = 0x34;
	p[22] = 64;
	p[23] = 6;
	p[24] = 0xde;				/* a header sum the device must replace */
	memcpy(p + 26, "\x0a\x00\x02\x0f\x0a\x00\x02\x02", 8);
	p[34] = 0x9c;
	p[35] = 0x40;
	p[37] = 80;
	memcpy(p + 38, "\x10\x20\x30\x40", 4);	/* sequence */
	p[46] = 0x80;				/* data offset 8 words */
	p[47] = 0x18;				/* ACK, PSH */
	p[48] = 0xff;
	memcpy(p + 54, "\x01\x01\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x02", 12);
	memcpy(&s, p + 26, 4);
	memcpy(&d, p + 30, 4);
	seed = (__sum16)~csum_tcpudp_magic(s, d, l4len, 6, 0);
	memcpy(p + 50, &seed, 2);
	for (unsigned int i = 0; i < payload; i++)
		tso_payload[i] = (u8)(i * 13 + 7);
	for (unsigned int off = 0; off < payload; off += frag_len) {
		unsigned int n = payload - off < frag_len ? payload - off : frag_len;

		assert_int_equal(skb_add_frag(skb, tso_payload + off, n), 0);
	}
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (u16)(skb_headroom(skb) + 34);
	skb->csum_offset = 16;
	skb_set_transport_header(skb, 34);
	skb_shinfo(skb)->gso_size = (u16)mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	skb_shinfo(skb)->gso_segs = (u16)DIV_ROUND_UP(payload, mss);
	return skb;
}

/*
 * What the 8254x does with a TSO job (SDM 3.3.7.1), written from the SDM and
 * not from the driver: the first hdr_len bytes of the data descriptors are
 * the prototype header; every mss bytes after them become a frame with that
 * header, whose IP length, id, header checksum, TCP sequence number, PSH/FIN
 * (last frame only) and checksum (pseudo-header seed plus the frame's TCP
 * length, then the sum from TUCSS) it fills. Each frame must verify as a
 * receiver checks it, fit the MTU, and carry the next bytes of the payload.
 * Returns the number of frames.
 */
static unsigned int tso_device_frames(struct e1k_adapter *a, unsigned int ctx, unsigned int eop,
				      unsigned int payload)
{
	const struct e1000_context_desc *c = ctxd(a, ctx);
	static u8 job[70000], f[1600];
	unsigned int len = 0, hl = c->hdr_len, mss = c->mss, frames = 0;
	u32 paylen = c->paylen | (u32)(c->dtyp & 0xF) << 16, seq0;
	__be32 s, d;

	for (unsigned int i = ring_next(ctx, a->tx_ring.count);; i = ring_next(i, a->tx_ring.count)) {
		struct e1000_data_desc *dd = datad(a, i);

		assert_int_equal(dd->dtyp, E1000_TXD_DTYP_DATA);
		assert_true(dd->cmd & E1000_TXD_CMD_TSE);
		assert_true(dd->length <= TSO_PER_TXD);
		memcpy(job + len, phys_to_virt(dd->buffer_addr), dd->length);
		len += dd->length;
		assert_int_equal(!!(dd->cmd & E1000_TXD_CMD_EOP), i == eop);
		if (i == eop)
			break;
	}
	assert_int_equal(len, hl + paylen);
	assert_int_equal(paylen, payload);
	memcpy(&seq0, job + 38, 4);
	for (unsigned int off = 0; off < paylen; off += mss, frames++) {
		unsigned int n = paylen - off < mss ? paylen - off : mss, fl = hl + n;
		u16 ipid = (u16)(0x1234 + frames);
		u32 seq = cpu_to_be32(be32_to_cpu(seq0) + off);
		u16 ph;
		__sum16 sum;

		assert_true(fl <= ETH_FRAME_LEN);
		memcpy(f, job, hl);
		memcpy(f + hl, job + hl + off, n);
		f[c->ipcss + 2] = (u8)((fl - c->ipcss) >> 8);
		f[c->ipcss + 3] = (u8)(fl - c->ipcss);
		f[c->ipcss + 4] = (u8)(ipid >> 8);
		f[c->ipcss + 5] = (u8)ipid;
		memcpy(f + c->tucss + 4, &seq, 4);
		if (off + n < paylen)
			f[c->tucss + 13] &= (u8)~0x09;		/* PSH, FIN: last frame only */
		sum = ip_compute_csum(f + c->ipcss, c->ipcse - c->ipcss + 1);
		memcpy(f + c->ipcso, &sum, 2);
		/* The seed has no length (the device adds this frame's) and must be it. */
		ph = (u16)(f[c->tucso] << 8 | f[c->tucso + 1]);
		ph = (u16)(ph + (fl - c->tucss) + ((u32)ph + (fl - c->tucss) > 0xFFFF));
		f[c->tucso] = (u8)(ph >> 8);
		f[c->tucso + 1] = (u8)ph;
		sum = ip_compute_csum(f + c->tucss, (int)(fl - c->tucss));
		memcpy(f + c->tucso, &sum, 2);

		assert_int_equal(ip_compute_csum(f + ETH_HLEN, 20), 0);
		memcpy(&s, f + 26, 4);
		memcpy(&d, f + 30, 4);
		assert_int_equal(csum_tcpudp_magic(s, d, fl - 34, 6,
						   csum_partial(f + 34, (int)(fl - 34), 0)), 0);
		for (unsigned int k = 0; k < n; k++)
			assert_int_equal(f[hl + k], (u8)((off + k) * 13 + 7));
		assert_int_equal(!!(f[47] & 0x08), off + n == paylen);	/* PSH kept at the end */
	}
	return frames;
}

static void test_tso_context_and_data_descriptors(void **state)
{
	struct e1k_adapter *a = probe_open();
	struct sk_buff *skb;
	unsigned int tdt;

	assert_true(a->netdev->features & NETIF_F_TSO);
	assert_false(a->netdev->features & NETIF_F_TSO6);	/* no 8254x driver offers it */
	/* 20000 bytes in two 9000-byte frags and one of 2000: pieces split at 4 KB. */
	skb = tso_skb(20000, 9000, 1448);
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	tdt = fake_e1000_reg(E1000_TDT);
	assert_int_equal(tdt, 1 + 1 + 3 + 3 + 1);	/* context, head, 9000 x2 in 3, 2000 */
	assert_int_equal(ctxd(a, 0)->ipcss, 14);
	assert_int_equal(ctxd(a, 0)->ipcso, 24);
	assert_int_equal(ctxd(a, 0)->ipcse, 33);
	assert_int_equal(ctxd(a, 0)->tucss, 34);
	assert_int_equal(ctxd(a, 0)->tucso, 50);
	assert_int_equal(ctxd(a, 0)->tucse, 0);
	assert_int_equal(ctxd(a, 0)->tucmd, E1000_TUCMD_TSE | E1000_TUCMD_TCP | E1000_TUCMD_IP |
			 E1000_TXD_CMD_DEXT);
	assert_int_equal(ctxd(a, 0)->dtyp, 0);		/* DTYP 0000b, PAYLEN 19:16 = 0 */
	assert_int_equal(ctxd(a, 0)->paylen, 20000);
	assert_int_equal(ctxd(a, 0)->hdr_len, 66);
	assert_int_equal(ctxd(a, 0)->mss, 1448);
	for (unsigned int i = 1; i < tdt; i++) {
		assert_int_equal(datad(a, i)->popts, E1000_TXD_POPTS_TXSM | E1000_TXD_POPTS_IXSM);
		assert_int_equal(datad(a, i)->cmd & ~(E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS),
				 E1000_TXD_CMD_DEXT | E1000_TXD_CMD_TSE | E1000_TXD_CMD_IFCS);
		assert_int_equal(!!(datad(a, i)->cmd & E1000_TXD_CMD_RS), i == tdt - 1);
	}
	assert_int_equal(datad(a, 2)->length, 4096);
	assert_int_equal(datad(a, 4)->length, 9000 - 2 * 4096);
	/* The IP length and header checksum zero; the TCP seed without a length. */
	assert_int_equal(skb->data[16] | skb->data[17] | skb->data[24] | skb->data[25], 0);
	assert_int_equal(tso_device_frames(a, 0, tdt - 1, 20000), 14);
	assert_int_equal(a->sw_stats.tx_tso, 1);

	/* A job the device cannot take (a frame over the MTU): dropped, no descriptor. */
	assert_int_equal(e1k_xmit_frame(tso_skb(3000, 3000, 1455), a->netdev), NETDEV_TX_OK);
	assert_int_equal(fake_e1000_reg(E1000_TDT), tdt);
	assert_int_equal(a->netdev->stats.tx_dropped, 1);

	assert_int_equal(fake_e1000_tx_complete(), tdt);
	assert_true(e1k_clean_tx_irq(a));
	assert_int_equal(a->netdev->stats.tx_packets, 1);
	remove_and_check();
}

/*
 * The device has one context: after a TSO job a checksum frame of the same
 * layout as before must write its context again (a cache hit would leave the
 * device segmenting it). And the first linear non-TSO frame after a TSO job
 * ends with a 4-byte descriptor of its own (Linux's e1000 erratum sentinel).
 */
static void test_tso_then_checksum_rewrites_context(void **state)
{
	struct e1k_adapter *a = probe_open();
	struct e1000_tx_desc *d = a->tx_ring.desc;
	unsigned int tdt;

	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 10), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 1);
	assert_int_equal(e1k_xmit_frame(tso_skb(5000, 5000, 1448), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 2);
	tdt = fake_e1000_reg(E1000_TDT);
	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 10), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 3);
	assert_int_equal(ctxd(a, tdt)->tucmd, E1000_TUCMD_TCP | E1000_TUCMD_IP | E1000_TXD_CMD_DEXT);
	assert_int_equal(ctxd(a, tdt)->tucso, 50);
	assert_false(datad(a, tdt + 1)->cmd & E1000_TXD_CMD_TSE);
	assert_int_equal(fake_e1000_reg(E1000_TDT), tdt + 3);
	/* Same layout again: the cache holds now. */
	assert_int_equal(e1k_xmit_frame(partial_skb(false, true, 10), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->sw_stats.tx_ctx_writes, 3);

	/* A linear frame after a TSO job: 96 + 4 bytes; the one after it whole. */
	assert_int_equal(e1k_xmit_frame(tso_skb(5000, 5000, 1448), a->netdev), NETDEV_TX_OK);
	tdt = fake_e1000_reg(E1000_TDT);
	xmit_one(a);
	assert_int_equal(fake_e1000_reg(E1000_TDT), tdt + 2);
	assert_int_equal(d[tdt].length, 96);
	assert_int_equal(d[tdt + 1].length, 4);
	assert_true(d[tdt + 1].cmd & E1000_TXD_CMD_EOP);
	xmit_one(a);
	assert_int_equal(fake_e1000_reg(E1000_TDT), tdt + 3);
	assert_int_equal(d[tdt + 2].length, 100);
	remove_and_check();
}

/* The queue stops while the worst TSO job (TSO_DESC_NEEDED) would not fit,
 * and such a job is handed back, not dropped, if it comes anyway. */
static void test_tso_queue_stops_for_the_worst_job(void **state)
{
	struct e1k_adapter *a = probe_open();
	struct e1000x_ring *r = &a->tx_ring;
	struct sk_buff *skb;
	unsigned int sent = 0;

	while (!netif_queue_stopped(a->netdev)) {
		assert_true(ring_unused(r->next_to_use, r->next_to_clean, r->count) >=
			    TSO_DESC_NEEDED);
		assert_int_equal(e1k_xmit_frame(tso_skb(20000, 9000, 1448), a->netdev),
				 NETDEV_TX_OK);
		sent++;
		assert_true(sent < 64);
	}
	assert_true(ring_unused(r->next_to_use, r->next_to_clean, r->count) < TSO_DESC_NEEDED);
	/* The worst job: every frag, fifteen of them just over 4 KB (two pieces each). */
	skb = tso_skb(0, 1, 1448);
	for (unsigned int k = 0; k < MAX_SKB_FRAGS; k++)
		assert_int_equal(skb_add_frag(skb, tso_payload, k < 15 ? 4097 : 100), 0);
	assert_true(skb->len <= 0xFFFF);
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_BUSY);
	fake_e1000_tx_complete();
	assert_true(e1k_clean_tx_irq(a));
	assert_false(netif_queue_stopped(a->netdev));
	/* Filled again down to exactly its need, the queue stays open and it fits. */
	while (ring_unused(r->next_to_use, r->next_to_clean, r->count) > TSO_DESC_NEEDED)
		xmit_one(a);
	assert_int_equal(ring_unused(r->next_to_use, r->next_to_clean, r->count), TSO_DESC_NEEDED);
	assert_false(netif_queue_stopped(a->netdev));
	assert_int_equal(e1k_xmit_frame(skb, a->netdev), NETDEV_TX_OK);
	assert_true(netif_queue_stopped(a->netdev));
	assert_int_equal(ring_unused(r->next_to_use, r->next_to_clean, r->count), 0);
	assert_int_equal(a->netdev->stats.tx_dropped, 0);
	remove_and_check();
}

/* e1000.tso=0, the 82544, and a TX ring too small for two worst jobs: no TSO;
 * a GSO skb then reaches the driver only cut (net/core/gso.c), and one that
 * comes anyway is dropped. */
static void test_tso_off(void **state)
{
	struct e1k_adapter *a;

	e1k_param_tso = false;
	a = probe_open();
	e1k_param_tso = true;
	assert_false(a->netdev->features & NETIF_F_TSO);
	assert_true(a->netdev->features & NETIF_F_IP_CSUM);
	assert_int_equal(e1k_xmit_frame(tso_skb(3000, 3000, 1448), a->netdev), NETDEV_TX_OK);
	assert_int_equal(a->netdev->stats.tx_dropped, 1);
	assert_int_equal(fake_e1000_reg(E1000_TDT), 0);
	remove_and_check();

	fake_e1000_pdev.device = E1000_DEV_ID_82544GC_COPPER;
	a = probe_ok();
	fake_e1000_pdev.device = E1000_DEV_ID_82540EM;
	assert_false(a->netdev->features & NETIF_F_TSO);
	fake_e1000_driver->remove(&fake_e1000_pdev);

	e1k_param_tx_ring = 64;
	a = probe_ok();
	e1k_param_tx_ring = E1K_RING;
	assert_false(a->netdev->features & NETIF_F_TSO);
	fake_e1000_driver->remove(&fake_e1000_pdev);
	a = probe_ok();
	assert_true(a->netdev->features & NETIF_F_TSO);
}

static void test_ethtool_ops(void **state)
{
	struct e1k_adapter *a = probe_open();
	const struct ethtool_ops *ops = a->netdev->ethtool_ops;
	struct ethtool_link_ksettings ks = { { SPEED_UNKNOWN, DUPLEX_HALF } };
	struct ethtool_drvinfo info;
	int n = ops->get_sset_count(a->netdev, ETH_SS_STATS);
	u8 names[64 * ETH_GSTRING_LEN];
	u64 vals[64];
	int i;

	ops->get_drvinfo(a->netdev, &info);
	assert_string_equal(info.driver, "e1000");
	assert_string_equal(info.bus_info, "00:03.0");
	assert_int_equal(ops->get_link_ksettings(a->netdev, &ks), 0);
	assert_int_equal(ks.base.speed, 1000);
	assert_int_equal(ks.base.duplex, DUPLEX_FULL);
	assert_true(n > 0 && n <= 64);
	ops->get_strings(a->netdev, ETH_SS_STATS, names);
	fake_e1000_reg_set(E1000_MPC, 5);
	ops->get_ethtool_stats(a->netdev, NULL, vals);
	for (i = 0; i < n; i++) {
		if (strcmp((char *)names + i * ETH_GSTRING_LEN, "rx_missed_errors") == 0)
			break;
	}
	assert_true(i < n);
	assert_int_equal(vals[i], 5);
	remove_and_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_probe_reads_mac_through_eerd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_goes_through_the_io_bar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_checksum_refuses_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dead_eerd_and_stuck_reset_fail_probe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checksum_word_sum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_programs_rings_and_intx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_clean_and_refill_through_napi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_intx_returns_none_when_icr_is_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_descriptors_and_reclaim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicast_hash_and_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_timeout_resets_and_frees_the_unsent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watchdog_finds_a_tx_hang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_stop_fault_bites_once_after_200_frames, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ethtool_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ethtool_nway_pause_and_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_csum_context_descriptor_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_csum_context_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_csum_fallback_in_software, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tso_context_and_data_descriptors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tso_then_checksum_rewrites_context, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tso_queue_stops_for_the_worst_job, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tso_off, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
