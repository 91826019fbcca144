/*
 * The e1000e PHY side (drivers/net/e1000e/phy.c and its calls from reset
 * and open) against the fake PHY behind MDIC (fake/e1000e_phy_fake.c):
 * the reset-to-link register sequence and its waits, a PHY left powered
 * down, autonegotiation restarted only when needed, MDIC timeouts and
 * errors, the MDIO semaphore held by firmware, pause resolution for every
 * advertisement pair (IEEE 802.3 Table 28B-3), and the ethtool command.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <net/core/netdevice.h>
#include "capture_console.h"
#include "netcore_fake.h"
#include "e1000e_test_util.h"
#include "e1000e_phy_fake.h"

#define AN_FULL_PAUSE	(ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM)
#define OUR_ANAR	(ADVERTISE_CSMA | ADVERTISE_ALL_10_100 | AN_FULL_PAUSE)

static int setup(void **state)
{
	register_console(&capture_console);
	capture_clear();
	return 0;
}

/* A failed test leaves its adapter behind: remove it so the next one starts clean. */
static int teardown(void **state)
{
	unregister_console(&capture_console);
	if (fake_e1000e_driver && pci_get_drvdata(&fake_e1000e_pdev))
		fake_e1000e_driver->remove(&fake_e1000e_pdev);
	fake_phy_mdic_stuck = false;
	return 0;
}

static bool printed(const char *s) { return strstr(capture_buf, s) != NULL; }

static int run(const char *cmd)
{
	char line[SHELL_LINE_MAX];

	strcpy(line, cmd);
	return shell_execute(line);
}

/* e1000e_test_probe() without resetting the fake first. */
static struct e1000_adapter *probe_as_is(void)
{
	static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
							     E1000_DEV_ID_82574L) };

	if (!fake_e1000e_driver)
		assert_int_equal(fake_e1000e_run_module_init(), 0);
	assert_int_equal(fake_e1000e_driver->probe(&fake_e1000e_pdev, &id), 0);
	return pci_get_drvdata(&fake_e1000e_pdev);
}

struct op { char op; u8 reg; u16 val; bool any_val; };
#define R(r, v)	{ 'R', r, v, false }
#define W(r, v)	{ 'W', r, v, false }
#define RX(r)	{ 'R', r, 0, true }

static void assert_ops(unsigned int from, const struct op *want, unsigned int n)
{
	assert_int_equal(fake_phy_log_n - from, n);
	for (unsigned int i = 0; i < n; i++) {
		const struct fake_phy_op *got = &fake_phy_log[from + i];

		if (got->op != want[i].op || got->reg != want[i].reg ||
		    (!want[i].any_val && got->val != want[i].val))
			fail_msg("PHY op %u: got %c reg %u val %#x, want %c reg %u val %#x", i,
				 got->op, got->reg, got->val, want[i].op, want[i].reg, want[i].val);
	}
}

/*
 * Reset to link against a PHY a previous OS left advertising no pause: the
 * exact PHY operations after the reset, the waits before them, the MAC's
 * PAUSE registers, and the resolution once the renegotiation ends.
 */
static void test_reset_to_link_sequence(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	const u16 bmcr = BMCR_ANENABLE | BMCR_FULLDPLX | BMCR_SPEED1000;
	unsigned int from;
	u64 t0;

	fake_e1000e_phy[MII_ADVERTISE] = ADVERTISE_CSMA | ADVERTISE_ALL_10_100;
	from = fake_phy_log_n;
	t0 = fake_now_ns;
	e1000e_test_open(a, 64, 64);

	/* Drain 10 ms + NVM auto-read (2 ms in the fake) + 25 ms before the PHY. */
	assert_true(fake_now_ns - t0 >= 37 * NSEC_PER_MSEC);
	assert_true(fake_phy_reset_to_mdio_ns >= fake_phy_auto_rd_ns + 25 * NSEC_PER_MSEC);
	assert_int_equal(fake_reg(E1000_PBA), E1000_PBA_RX_82574);

	const struct op want[] = {
		R(MII_BMCR, bmcr),					/* powered: no write */
		W(E1000_PHY_PAGE_SELECT, 0),
		R(E1000_PHY_COPPER_CTRL1, E1000_PHY_CTRL1_MDIX_AUTO),	/* already auto */
		R(MII_ADVERTISE, ADVERTISE_CSMA | ADVERTISE_ALL_10_100),
		W(MII_ADVERTISE, OUR_ANAR),				/* pause added */
		R(MII_CTRL1000, ADVERTISE_1000FULL),			/* already right */
		RX(MII_BMSR), RX(MII_BMSR),
		R(MII_BMCR, bmcr),
		W(MII_BMCR, bmcr | BMCR_ANRESTART),
	};
	assert_ops(from, want, ARRAY_SIZE(want));
	assert_true(printed("restarting autonegotiation (pause advertisement changed)"));
	assert_int_equal(fake_phy_unowned, 0);
	assert_false(fake_reg(E1000_EXTCNF_CTRL) & E1000_EXTCNF_CTRL_SWFLAG);

	/* The MAC's PAUSE registers: 802.3x values, marks from the 32 KB FIFO. */
	assert_int_equal(fake_reg(E1000_FCAL), 0x00C28001);
	assert_int_equal(fake_reg(E1000_FCAH), 0x0100);
	assert_int_equal(fake_reg(E1000_FCT), 0x8808);
	assert_int_equal(fake_reg(E1000_FCTTV), 0x0680);
	assert_int_equal(fake_reg(E1000_FCRTH), 29488);	/* 32768 * 9 / 10, 8-byte aligned */
	assert_int_equal(fake_reg(E1000_FCRTL), 29480 | E1000_FCRTL_XONE);

	/* Link comes when the negotiation ends; pause resolved then. */
	assert_false(netif_carrier_ok(a->netdev));
	fake_phy_advance_ms(1500);
	from = fake_phy_log_n;
	assert_true(e1000_check_link(&a->x));
	const struct op fc[] = { RX(MII_BMSR), R(MII_ADVERTISE, OUR_ANAR), RX(MII_LPA) };
	assert_ops(from, fc, ARRAY_SIZE(fc));
	assert_int_equal(fake_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE),
			 E1000_CTRL_RFCE | E1000_CTRL_TFCE);
	assert_true(printed("eth0: link up, 1000 Mbps full duplex, flow control rx/tx"));
	assert_int_equal(fake_phy_unowned, 0);
	e1000e_test_remove(a);
}

/*
 * QEMU 7.2's PHY: it offers 1000 half, which we drop, but the link runs at
 * 1000 full and the pause bits are ours: no restart (it would cost the link
 * for 500 ms right after boot). Never negotiated, so the requested pause applies.
 */
static void test_qemu_phy_keeps_its_link(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	unsigned int from;

	fake_phy_as_qemu();
	from = fake_phy_log_n;
	e1000e_test_open(a, 64, 64);
	const struct op want[] = {
		R(MII_BMCR, BMCR_ANENABLE | BMCR_FULLDPLX | BMCR_SPEED1000),
		W(E1000_PHY_PAGE_SELECT, 0),
		R(E1000_PHY_COPPER_CTRL1, E1000_PHY_CTRL1_MDIX_AUTO),
		R(MII_ADVERTISE, OUR_ANAR),
		R(MII_CTRL1000, 0x0F00),
		W(MII_CTRL1000, 0x0E00),		/* no 1000 half */
		RX(MII_BMSR), RX(MII_BMSR),
		RX(MII_BMSR),				/* link up: negotiation not complete */
	};
	assert_ops(from, want, ARRAY_SIZE(want));
	assert_int_equal(fake_phy_autoneg_starts, 0);
	assert_true(netif_carrier_ok(a->netdev));
	assert_true(printed("eth0: link up, 1000 Mbps full duplex, flow control rx/tx"));
	e1000e_test_remove(a);
}

/* A link at 1000 half (no longer offered) is renegotiated. */
static void test_restart_when_link_mode_no_longer_advertised(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);

	fake_e1000e_phy[MII_CTRL1000] = ADVERTISE_1000HALF | ADVERTISE_1000FULL;
	fake_reg_set(E1000_STATUS, fake_reg(E1000_STATUS) & ~E1000_STATUS_FD);
	e1000e_test_open(a, 64, 64);
	assert_true(printed("restarting autonegotiation (link mode no longer advertised)"));
	assert_int_equal(fake_phy_autoneg_starts, 1);
	e1000e_test_remove(a);
}

/* Link up and nothing to change: no restart (QEMU-NOTES: it costs the link). */
static void test_no_restart_when_link_up_and_unchanged(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);

	e1000e_test_open(a, 64, 64);
	assert_int_equal(fake_phy_autoneg_starts, 0);
	assert_int_equal(fake_phy_find('W', MII_BMCR, 0), -1);
	assert_true(netif_carrier_ok(a->netdev));
	e1000e_test_remove(a);
}

static void test_autoneg_restarted_when_link_absent(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	int w;

	fake_phy_set_cable(false);
	e1000e_test_open(a, 64, 64);
	w = fake_phy_find('W', MII_BMCR, 0);
	assert_true(w >= 0);
	assert_true(fake_phy_log[w].val & BMCR_ANRESTART);
	assert_true(printed("restarting autonegotiation (no link)"));
	assert_false(netif_carrier_ok(a->netdev));
	fake_phy_set_cable(true);	/* the PHY negotiates by itself once a partner appears */
	fake_phy_advance_ms(1500);
	assert_true(e1000_check_link(&a->x));
	e1000e_test_remove(a);
}

/* The previous OS powered the PHY down at shutdown: open powers it up, stop down again. */
static void test_phy_power_up_from_powered_down(void **state)
{
	struct e1000_adapter *a;
	unsigned int from;

	netcore_test_reset(1024);
	fake_e1000e_reset();
	fake_phy_power_down();
	a = probe_as_is();
	assert_true(printed("PHY id 0141:0cb1, link down, powered down"));
	from = fake_phy_log_n;
	e1000e_test_open(a, 64, 64);
	assert_int_equal(fake_phy_log[from].op, 'R');
	assert_int_equal(fake_phy_log[from].reg, MII_BMCR);
	assert_true(fake_phy_log[from].val & BMCR_PDOWN);
	assert_int_equal(fake_phy_log[from + 1].op, 'W');
	assert_int_equal(fake_phy_log[from + 1].reg, MII_BMCR);
	assert_false(fake_phy_log[from + 1].val & BMCR_PDOWN);
	assert_true(printed("PHY was powered down; powering it up"));
	assert_true(printed("restarting autonegotiation (no link)"));
	fake_phy_advance_ms(1500);
	assert_true(e1000_check_link(&a->x));

	dev_close(a->netdev);		/* no WoL, no BMC: the link goes down with us */
	assert_true(fake_e1000e_phy[MII_BMCR] & BMCR_PDOWN);
	assert_false(fake_reg(E1000_STATUS) & E1000_STATUS_LU);
	e1000e_test_remove(a);
}

static void test_phy_left_up_for_a_bmc(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);

	fake_e1000e_nvm[E1000_NVM_INIT_CTRL2] = 0x2000;	/* manageability mode 1 */
	e1000e_test_open(a, 64, 64);
	dev_close(a->netdev);
	assert_false(fake_e1000e_phy[MII_BMCR] & BMCR_PDOWN);
	e1000e_test_remove(a);
}

/* A PHY left in forced MDI gets auto crossover, committed by a PHY reset. */
static void test_mdix_auto_committed_by_phy_reset(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	int w;

	fake_e1000e_phy[E1000_PHY_COPPER_CTRL1] = E1000_PHY_CTRL1_MDI;
	e1000e_test_open(a, 64, 64);
	assert_int_equal(fake_e1000e_phy[E1000_PHY_COPPER_CTRL1] & E1000_PHY_CTRL1_MDIX_MASK,
			 E1000_PHY_CTRL1_MDIX_AUTO);
	w = fake_phy_find('W', E1000_PHY_COPPER_CTRL1, 0);
	assert_true(w >= 0);
	w = fake_phy_find('W', MII_BMCR, w);
	assert_true(w >= 0 && (fake_phy_log[w].val & BMCR_RESET));
	e1000e_test_remove(a);
}

static void test_mdic_timeout_is_bounded_and_reported(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	u64 t0 = fake_now_ns;
	u16 v = 0x1234;

	fake_phy_mdic_stuck = true;
	assert_int_equal(e1000_read_phy(a, MII_BMSR, &v), -ETIMEDOUT);
	assert_int_equal(v, 0x1234);
	assert_true(fake_now_ns - t0 <= 25 * NSEC_PER_MSEC);
	assert_true(fake_now_ns - t0 >= 20 * NSEC_PER_MSEC);
	assert_true(printed("MDIO busy: PHY register 1 read not done after 20000 us"));
	assert_false(fake_reg(E1000_EXTCNF_CTRL) & E1000_EXTCNF_CTRL_SWFLAG);	/* released */
	/* Open goes on without the PHY: the MAC's link status still counts. */
	e1000e_test_open(a, 64, 64);
	assert_true(printed("PHY setup incomplete"));
	assert_true(netif_carrier_ok(a->netdev));
	fake_phy_mdic_stuck = false;
	e1000e_test_remove(a);
}

static void test_mdic_error_bit(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	u16 v;

	fake_phy_error_reg = MII_CTRL1000;
	assert_int_equal(e1000_write_phy(a, MII_CTRL1000, ADVERTISE_1000FULL), -EIO);
	assert_true(printed("PHY register 9 write failed (MDIC error bit)"));
	assert_int_equal(e1000_read_phy(a, MII_CTRL1000, &v), -EIO);
	/* A register QEMU does not let us write answers the same way. */
	fake_phy_error_reg = -1;
	assert_int_equal(e1000_write_phy(a, MII_BMSR, 0), -EIO);
	assert_int_equal(e1000_read_phy(a, MII_PHYSID1, &v), 0);
	assert_int_equal(v, 0x0141);
	e1000e_test_remove(a);
}

static void test_semaphore_held_by_firmware(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);
	unsigned int mdic_writes = fake_reg_writes(E1000_MDIC);
	u64 t0 = fake_now_ns;
	u16 v;

	fake_phy_fw_hold = ~0u;
	assert_int_equal(e1000_read_phy(a, MII_PHYSID1, &v), -EBUSY);
	assert_int_equal(fake_reg_writes(E1000_MDIC), mdic_writes);	/* never touched MDIO */
	assert_int_equal(fake_phy_swflag_refused, 10);
	assert_true(fake_now_ns - t0 >= 18 * NSEC_PER_MSEC && fake_now_ns - t0 <= 30 * NSEC_PER_MSEC);
	assert_true(printed("firmware holds the PHY (EXTCNF_CTRL.SWFLAG not granted in 20 ms)"));

	/* Firmware lets go after three tries: the access then goes through. */
	fake_phy_fw_hold = 3;
	fake_phy_swflag_refused = 0;
	assert_int_equal(e1000_read_phy(a, MII_PHYSID1, &v), 0);
	assert_int_equal(v, 0x0141);
	assert_int_equal(fake_phy_swflag_refused, 3);
	assert_false(fake_reg(E1000_EXTCNF_CTRL) & E1000_EXTCNF_CTRL_SWFLAG);
	assert_int_equal(fake_phy_unowned, 0);
	e1000e_test_remove(a);
}

/*
 * IEEE 802.3 Table 28B-3, written out from the standard (local PAUSE,
 * local ASM_DIR, partner PAUSE, partner ASM_DIR -> rx, tx), all 16 rows.
 */
static void test_fc_resolution_table(void **state)
{
	static const struct { bool lp, la, pp, pa, rx, tx; } t[] = {
		{ 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 1, 0, 0 }, { 0, 0, 1, 0, 0, 0 }, { 0, 0, 1, 1, 0, 0 },
		{ 0, 1, 0, 0, 0, 0 }, { 0, 1, 0, 1, 0, 0 }, { 0, 1, 1, 0, 0, 0 }, { 0, 1, 1, 1, 0, 1 },
		{ 1, 0, 0, 0, 0, 0 }, { 1, 0, 0, 1, 0, 0 }, { 1, 0, 1, 0, 1, 1 }, { 1, 0, 1, 1, 1, 1 },
		{ 1, 1, 0, 0, 0, 0 }, { 1, 1, 0, 1, 1, 0 }, { 1, 1, 1, 0, 1, 1 }, { 1, 1, 1, 1, 1, 1 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++) {
		u16 l = (t[i].lp ? ADVERTISE_PAUSE_CAP : 0) | (t[i].la ? ADVERTISE_PAUSE_ASYM : 0);
		u16 p = (t[i].pp ? ADVERTISE_PAUSE_CAP : 0) | (t[i].pa ? ADVERTISE_PAUSE_ASYM : 0);
		bool rx, tx;

		e1000_fc_resolve(l | ADVERTISE_ALL_10_100, p | ADVERTISE_ALL_10_100, true, true, &rx, &tx);
		if (rx != t[i].rx || tx != t[i].tx)
			fail_msg("row %u: got rx %d tx %d", i, rx, tx);
	}
}

/* What was asked for limits the result: rx-only is advertised as PAUSE+ASM_DIR. */
static void test_fc_resolution_respects_request(void **state)
{
	bool rx, tx;

	e1000_fc_resolve(AN_FULL_PAUSE, ADVERTISE_PAUSE_CAP, true, false, &rx, &tx);
	assert_true(rx);
	assert_false(tx);
	e1000_fc_resolve(ADVERTISE_PAUSE_ASYM, AN_FULL_PAUSE, false, true, &rx, &tx);
	assert_false(rx);
	assert_true(tx);
	e1000_fc_resolve(0, AN_FULL_PAUSE, false, false, &rx, &tx);
	assert_false(rx || tx);
}

static void test_fc_watermarks(void **state)
{
	u32 l, h;

	e1000_fc_watermarks(20, true, &l, &h);		/* QEMU's and the reset default */
	assert_int_equal(h, (20480 * 9 / 10) & 0xFFF8);
	assert_int_equal(l, (h - 8) | E1000_FCRTL_XONE);
	e1000_fc_watermarks(2, true, &l, &h);		/* a tiny FIFO: one frame below the top */
	assert_int_equal(h, (2048 - 1518) & 0xFFF8);
	e1000_fc_watermarks(32, false, &l, &h);		/* no transmit pause: no thresholds */
	assert_int_equal(h, 0);
	assert_int_equal(l, 0);
}

/* End to end: a partner that only sends PAUSE (ASM_DIR alone) -> we obey, never send. */
static void test_link_up_applies_partner_pause(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);

	fake_phy_partner_anar = ADVERTISE_CSMA | ADVERTISE_ALL_10_100 | ADVERTISE_PAUSE_ASYM;
	fake_phy_set_cable(false);
	e1000e_test_open(a, 64, 64);
	fake_phy_set_cable(true);
	fake_phy_advance_ms(1500);
	assert_true(e1000_check_link(&a->x));
	assert_int_equal(fake_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE), E1000_CTRL_RFCE);
	assert_true(printed("flow control rx\n"));
	e1000e_test_remove(a);
}

/*
 * A renegotiation the carrier never saw (QEMU's is 500 ms, shorter than the
 * watchdog's period) is still resolved; with MDIO gone it is not retried.
 */
static void test_pause_resolved_after_unseen_renegotiation(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);

	e1000e_test_open(a, 64, 64);
	fake_phy_partner_anar = ADVERTISE_CSMA | ADVERTISE_ALL_10_100;	/* no pause */
	assert_int_equal(e1000_phy_restart_autoneg(&a->x), 0);
	fake_phy_advance_ms(1500);
	assert_true(netif_carrier_ok(a->netdev));	/* never seen down */
	assert_true(e1000_check_link(&a->x));
	assert_int_equal(fake_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE), 0);
	assert_false(a->fc_pending);

	assert_int_equal(e1000_phy_restart_autoneg(&a->x), 0);
	fake_phy_advance_ms(1500);
	fake_phy_fw_hold = ~0u;
	e1000_check_link(&a->x);
	assert_int_equal(fake_phy_swflag_refused, 10);	/* one attempt ... */
	e1000_check_link(&a->x);
	assert_int_equal(fake_phy_swflag_refused, 10);	/* ... not one per watchdog tick */
	fake_phy_fw_hold = 0;
	e1000e_test_remove(a);
}

static void test_ethtool_shows_phy_and_restarts(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(1024);

	e1000e_test_open(a, 64, 64);
	capture_clear();
	assert_int_equal(run("ethtool eth0"), 0);
	assert_true(printed("Auto-negotiation: on (complete)"));
	assert_true(printed("Advertised link modes: 10baseT/Half 10baseT/Full 100baseT/Half "
			    "100baseT/Full 1000baseT/Full\n"));
	assert_true(printed("Advertised pause frame use: Symmetric Receive-only"));
	assert_true(printed("Link partner advertised link modes: 10baseT/Half 10baseT/Full "
			    "100baseT/Half 100baseT/Full 1000baseT/Full\n"));
	assert_true(printed("Link partner advertised pause frame use: Symmetric\n"));
	assert_true(printed("Flow control: rx on tx on (requested rx on tx on)"));
	assert_true(printed("MDI-X: off (auto)"));

	capture_clear();
	assert_int_equal(run("ethtool -r eth0"), 0);
	assert_int_equal(fake_phy_autoneg_starts, 1);
	assert_true(printed("eth0: link down"));
	fake_phy_advance_ms(1500);
	assert_true(e1000_check_link(&a->x));
	assert_true(printed("eth0: link up"));

	capture_clear();
	assert_int_equal(run("ethtool -A eth0 rx off tx off"), 0);
	assert_int_equal(fake_e1000e_phy[MII_ADVERTISE] & AN_FULL_PAUSE, 0);
	assert_int_equal(fake_reg(E1000_FCRTH), 0);
	fake_phy_advance_ms(1500);
	e1000_check_link(&a->x);	/* the restart dropped the link: the edge re-resolves */
	assert_int_equal(fake_reg(E1000_CTRL) & (E1000_CTRL_RFCE | E1000_CTRL_TFCE), 0);
	assert_int_equal(run("ethtool -A eth0 rx maybe"), -EINVAL);
	assert_int_equal(fake_phy_unowned, 0);

	/* The rest of the ops table, through net/core's commands. */
	capture_clear();
	assert_int_equal(run("ethtool -i eth0"), 0);
	assert_true(printed("driver: e1000e\n"));
	assert_int_equal(run("ethtool -S eth0"), 0);
	assert_true(printed("NIC statistics:\n     rx_packets: 0\n     tx_packets: 0\n"));
	assert_true(printed("     multicast: 0\n     hw_crcerrs: 0\n"));
	assert_true(printed("     hw_iac: 0\n     rx_alloc_failed: 0\n"));
	assert_true(printed("     non_napi_rx: 0\n"));
	assert_int_equal(a->reset_count, 0);
	assert_int_equal(run("reset eth0"), 0);
	assert_int_equal(a->reset_count, 1);
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_to_link_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qemu_phy_keeps_its_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_when_link_mode_no_longer_advertised, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_restart_when_link_up_and_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_autoneg_restarted_when_link_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phy_power_up_from_powered_down, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phy_left_up_for_a_bmc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mdix_auto_committed_by_phy_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mdic_timeout_is_bounded_and_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mdic_error_bit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_semaphore_held_by_firmware, setup, teardown),
		cmocka_unit_test(test_fc_resolution_table),
		cmocka_unit_test(test_fc_resolution_respects_request),
		cmocka_unit_test(test_fc_watermarks),
		cmocka_unit_test_setup_teardown(test_link_up_applies_partner_pause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause_resolved_after_unseen_renegotiation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ethtool_shows_phy_and_restarts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
