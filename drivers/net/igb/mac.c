/*
 * The MAC side of the 82576: the reset sequence, the NVM through EERD (this
 * family's layout), the station address, link and the statistics registers.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <drivers/net/igb/igb.h>

#define IGB_MASTER_DISABLE_US	800	/* DS 5.2.3.3: pending requests finish well within */
#define IGB_RESET_SETTLE_MS	1	/* DS 4.2.1.6.1: wait 1 ms after CTRL.RST */
#define IGB_RESET_DONE_MS	10	/* CTRL.RST self-clears; give it this long */
#define IGB_AUTO_RD_MS		10	/* EECD.AUTO_RD: NVM auto-read after reset */
#define IGB_POLL_US		10

/* EERD on the 82576 (DS 8.4.2): START bit 0, DONE bit 1, word address 15:2. */
const struct e1000x_eerd igb_eerd = { .done = E1000_EERD_DONE,
				      .addr_shift = E1000_EERD_ADDR_SHIFT };

/* Polls reg until (value & mask) == want, for at most us microseconds. */
static bool igb_poll_reg(struct igb_adapter *a, u32 reg, u32 mask, u32 want, unsigned int us)
{
	for (unsigned int waited = 0;; waited += IGB_POLL_US) {
		if ((igb_rd(a, reg) & mask) == want)
			return true;
		if (waited >= us)
			return false;
		udelay(IGB_POLL_US);
	}
}

/*
 * DS 4.2.1.6.1 / 5.2.3.3: before a software reset the driver stops the
 * device's DMA (GIO master disable) and waits for STATUS.GIO_MASTER_ENABLE
 * to clear, so no write lands in memory mid-reset. On a timeout Linux goes
 * on with the reset regardless (the reset ends DMA too); so does this.
 */
static void igb_disable_pcie_master(struct igb_adapter *a)
{
	igb_wr(a, E1000_CTRL, igb_rd(a, E1000_CTRL) | E1000_CTRL_GIO_MASTER_DISABLE);
	if (!igb_poll_reg(a, E1000_STATUS, E1000_STATUS_GIO_MASTER_ENABLE, 0,
			  IGB_MASTER_DISABLE_US))
		pr_warn("%s: GIO master still enabled; resetting anyway\n", IGB_DRV_NAME);
}

/*
 * Global reset: every interrupt masked, both units off with 10 ms for DMA
 * in flight (e1000x_stop_rxtx), the master disabled, CTRL.RST, then the
 * NVM auto-read (EECD.AUTO_RD). QEMU's model never sets AUTO_RD
 * (docs/igb.md), and Linux does not fail the reset on it either: without
 * an NVM the part still comes up, so a timeout is only logged.
 */
int igb_reset_hw(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	e1000x_stop_rxtx(&a->hw);
	igb_disable_pcie_master(a);
	igb_wr(a, E1000_CTRL, igb_rd(a, E1000_CTRL) | E1000_CTRL_RST);
	mdelay(IGB_RESET_SETTLE_MS);
	if (!igb_poll_reg(a, E1000_CTRL, E1000_CTRL_RST, 0, IGB_RESET_DONE_MS * 1000)) {
		pr_err("%s: CTRL.RST did not clear\n", IGB_DRV_NAME);
		return -ETIMEDOUT;
	}
	if (!igb_poll_reg(a, E1000_EECD, E1000_EECD_AUTO_RD, E1000_EECD_AUTO_RD,
			  IGB_AUTO_RD_MS * 1000))
		pr_debug("%s: EECD.AUTO_RD not set after reset\n", IGB_DRV_NAME);
	/* The reset leaves every cause masked on hardware; say so anyway. */
	igb_wr(a, E1000_IMC, ~0u);
	igb_wr(a, E1000_EIMC, ~0u);
	(void)igb_rd(a, E1000_ICR);
	/* DS 8.2.3: DRV_LOAD tells firmware a driver owns the port now. */
	igb_wr(a, E1000_CTRL_EXT, igb_rd(a, E1000_CTRL_EXT) | E1000_CTRL_EXT_DRV_LOAD);
	return 0;
}

/*
 * After a reset the part has loaded RAR0 from the NVM itself (DS 8.10.6;
 * on a dual-port 82576 each port's own address), so RAR0 is read first, as
 * Linux's igb does. A RAR0 without AV or with an unusable address (no NVM,
 * a blank one) falls back to NVM words 0-2 through EERD.
 */
int igb_read_mac_addr(struct igb_adapter *a)
{
	u32 ral = igb_rd(a, E1000_RAL(0)), rah = igb_rd(a, E1000_RAH(0));
	u8 mac[ETH_ALEN] = { ral, ral >> 8, ral >> 16, ral >> 24, rah, rah >> 8 };

	a->mac_from_nvm = false;
	if ((rah & E1000_RAH_AV) && is_valid_ether_addr(mac)) {
		memcpy(a->perm_addr, mac, ETH_ALEN);
		return 0;
	}
	a->mac_from_nvm = true;
	return e1000x_read_mac_nvm(&a->hw, &igb_eerd, a->perm_addr);
}

/*
 * Copper link on the internal PHY: SLU lets the MAC follow what the PHY
 * negotiated (DS 3.5.3; the 82576 resolves speed by itself), and the PHY
 * autonegotiates (phy.c). Nothing else of the PHY is tuned.
 */
void igb_setup_link(struct igb_adapter *a)
{
	igb_wr(a, E1000_CTRL, (igb_rd(a, E1000_CTRL) & ~E1000_CTRL_PHY_RST) | E1000_CTRL_SLU);
	igb_phy_setup_autoneg(a);
}

bool igb_check_link(struct e1000x_adapter *x)
{
	return e1000x_check_link(x->netdev, NULL, &igb_adapter(x)->sw_stats.link_changes);
}

/*
 * RXDCTL/TXDCTL.ENABLE (DS 4.5.9, 4.5.10): software sets or clears it and
 * then must see the bit read back the same before it touches the queue
 * again: the hardware finishes descriptor fetches first.
 */
int igb_wait_queue_enable(struct igb_adapter *a, u32 reg, bool on)
{
	u32 v = igb_rd(a, reg);

	v = on ? v | E1000_XDCTL_QUEUE_ENABLE : v & ~E1000_XDCTL_QUEUE_ENABLE;
	igb_wr(a, reg, v);
	if (igb_poll_reg(a, reg, E1000_XDCTL_QUEUE_ENABLE, on ? E1000_XDCTL_QUEUE_ENABLE : 0,
			 IGB_QUEUE_ENABLE_MS * 1000))
		return 0;
	pr_err("%s: queue control %#x did not %s\n", a->netdev->name, reg,
	       on ? "enable" : "disable");
	return -ETIMEDOUT;
}

void igb_update_stats(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);
	struct igb_hw_stats *s = &a->hw_stats;

	s->crcerrs += igb_rd(a, E1000_CRCERRS);
	s->mpc += igb_rd(a, E1000_MPC);
	s->gprc += igb_rd(a, E1000_GPRC);
	s->gptc += igb_rd(a, E1000_GPTC);
	/* The octet pairs clear when their high half is read: low first (DS 8.19.27). */
	s->gorc += igb_rd(a, E1000_GORCL);
	s->gorc += (u64)igb_rd(a, E1000_GORCL + 4) << 32;
	s->gotc += igb_rd(a, E1000_GOTCL);
	s->gotc += (u64)igb_rd(a, E1000_GOTCL + 4) << 32;
	s->rnbc += igb_rd(a, E1000_RNBC);
	s->colc += igb_rd(a, E1000_COLC);
	s->bprc += igb_rd(a, E1000_BPRC);
	s->mprc += igb_rd(a, E1000_MPRC);
	s->ruc += igb_rd(a, E1000_RUC);
	s->roc += igb_rd(a, E1000_ROC);
	/* With SRRCTL.DROP_EN a queue without descriptors drops here, not in MPC. */
	for (unsigned int n = 0; n < a->num_queues; n++)
		a->q[n].rx_drops += igb_rd(a, E1000_RQDPC(n));
}

struct net_device_stats *igb_get_stats(struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);
	struct net_device_stats *st = &netdev->stats;

	if (a->up)
		igb_update_stats(&a->x);
	st->rx_crc_errors = a->hw_stats.crcerrs;
	st->rx_missed_errors = a->hw_stats.mpc;
	st->rx_length_errors = a->hw_stats.ruc + a->hw_stats.roc;
	st->collisions = a->hw_stats.colc;
	st->rx_fifo_errors = a->sw_stats.rx_overruns;
	for (unsigned int n = 0; n < IGB_MAX_QUEUES; n++)
		st->rx_fifo_errors += a->q[n].rx_drops;
	return st;
}
