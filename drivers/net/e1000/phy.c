/*
 * The 8254x's internal PHY through MDIC (SDM 13.4.7; no semaphore on these
 * parts), for what ethtool asks: restarting autonegotiation (-r) and the
 * PAUSE advertisement (-A), with the MAC's flow-control registers and the
 * resolution after link up (IEEE 802.3 Annex 28B, net/core/mii.h). The
 * 8254x MAC does not resolve pause itself on copper: software reads the
 * PHY's result and sets CTRL.RFCE/TFCE, as Linux's e1000 does.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <drivers/net/e1000/e1000.h>

/* One MDIO frame is 64 bits at 2.5 MHz, about 26 us: 10 ms is a wide but bounded margin. */
#define E1K_MDIC_TIMEOUT_US	10000
#define E1K_MDIC_POLL_US	10
#define E1K_MAX_FRAME		1536	/* a full frame, rounded up */

static int e1k_mdic(struct e1k_adapter *a, u32 op, u32 reg, u16 *data)
{
	u32 mdic = op | (reg << E1000_MDIC_REG_SHIFT) | (E1000_PHY_ADDR << E1000_MDIC_PHY_SHIFT) |
		   *data;

	e1k_wr(a, E1000_MDIC, mdic);
	for (unsigned int waited = 0; !((mdic = e1k_rd(a, E1000_MDIC)) & E1000_MDIC_READY);
	     waited += E1K_MDIC_POLL_US) {
		if (waited >= E1K_MDIC_TIMEOUT_US) {
			pr_err("%s: MDIC not ready after %u us (PHY register %u)\n",
			       a->netdev->name, E1K_MDIC_TIMEOUT_US, reg);
			return -ETIMEDOUT;
		}
		udelay(E1K_MDIC_POLL_US);
	}
	if (mdic & E1000_MDIC_ERROR) {
		pr_err("%s: PHY register %u: MDIC error\n", a->netdev->name, reg);
		return -EIO;
	}
	*data = mdic & E1000_MDIC_DATA_MASK;
	return 0;
}

int e1k_read_phy(struct e1k_adapter *a, u32 reg, u16 *val)
{
	*val = 0;
	return e1k_mdic(a, E1000_MDIC_OP_READ, reg, val);
}

int e1k_write_phy(struct e1k_adapter *a, u32 reg, u16 val)
{
	return e1k_mdic(a, E1000_MDIC_OP_WRITE, reg, &val);
}

/* BMCR.ANRESTART self-clears; the link drops until the new negotiation ends. */
int e1k_phy_restart_autoneg(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);
	u16 bmcr;
	int ret = e1k_read_phy(a, MII_BMCR, &bmcr);

	if (!ret)
		ret = e1k_write_phy(a, MII_BMCR, (bmcr & ~BMCR_PDOWN) | BMCR_ANENABLE | BMCR_ANRESTART);
	if (!ret)
		a->fc_pending = true;	/* the new result is read at the next link up */
	return ret;
}

/* Who PAUSE frames are, how long ours ask for, and when the RX buffer sends them:
 * XOFF with room for two full frames left, XON one frame lower. */
void e1k_setup_fc_regs(struct e1k_adapter *a)
{
	u32 rx = (e1k_rd(a, E1000_PBA) & E1000_PBA_RX_MASK) * 1024, high = 0, low = 0;

	e1k_wr(a, E1000_FCAL, E1000_FCAL_8023X);
	e1k_wr(a, E1000_FCAH, E1000_FCAH_8023X);
	e1k_wr(a, E1000_FCT, E1000_FCT_8023X);
	e1k_wr(a, E1000_FCTTV, E1000_FC_PAUSE_TIME);
	if (a->fc_req_tx && rx > 4 * E1K_MAX_FRAME) {
		high = (rx - 2 * E1K_MAX_FRAME) & ~7u;	/* 8-byte units (SDM 13.4.23) */
		low = (high - E1K_MAX_FRAME) | E1000_FCRTL_XONE;
	}
	e1k_wr(a, E1000_FCRTL, low);
	e1k_wr(a, E1000_FCRTH, high);
	a->fc_pending = true;	/* a reset cleared CTRL.RFCE/TFCE */
}

/* ethtool -A: what is advertised only counts after a new negotiation. */
int e1k_set_pauseparam(struct e1000x_adapter *x, bool rx, bool tx)
{
	struct e1k_adapter *a = e1k_adapter(x);
	/* rx alone cannot be said: both bits, and tx is masked at resolution. */
	u16 want = rx ? ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM : tx ? ADVERTISE_PAUSE_ASYM : 0;
	u16 anar;
	int ret;

	a->fc_req_rx = rx;
	a->fc_req_tx = tx;
	e1k_setup_fc_regs(a);
	ret = e1k_read_phy(a, MII_ADVERTISE, &anar);
	if (!ret)
		ret = e1k_write_phy(a, MII_ADVERTISE,
				    (anar & ~(ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM)) | want);
	return ret ? ret : e1k_phy_restart_autoneg(x);
}

/*
 * On link up: CTRL.RFCE/TFCE from what both sides advertised, limited to
 * what was asked for; none on half duplex (PAUSE is full duplex only,
 * 802.3 Annex 31B.1). Waits (fc_pending stays) until autoneg completes.
 */
void e1k_config_fc_after_link_up(struct e1k_adapter *a)
{
	u32 ctrl = e1k_rd(a, E1000_CTRL) & ~(E1000_CTRL_RFCE | E1000_CTRL_TFCE);
	u16 bmsr, anar, lpa;
	u8 fc = 0;

	if ((a->fc_req_rx || a->fc_req_tx) && (e1k_rd(a, E1000_STATUS) & E1000_STATUS_FD)) {
		if (e1k_read_phy(a, MII_BMSR, &bmsr) || !(bmsr & BMSR_ANEGCOMPLETE) ||
		    e1k_read_phy(a, MII_ADVERTISE, &anar) || e1k_read_phy(a, MII_LPA, &lpa))
			return;
		fc = mii_resolve_flowctrl_fdx(anar, lpa);
	}
	if ((fc & FLOW_CTRL_RX) && a->fc_req_rx)
		ctrl |= E1000_CTRL_RFCE;
	if ((fc & FLOW_CTRL_TX) && a->fc_req_tx)
		ctrl |= E1000_CTRL_TFCE;
	e1k_wr(a, E1000_CTRL, ctrl);
	a->fc_pending = false;
}

const char *e1k_fc_name(struct e1k_adapter *a)
{
	u32 ctrl = e1k_rd(a, E1000_CTRL);
	bool rx = ctrl & E1000_CTRL_RFCE, tx = ctrl & E1000_CTRL_TFCE;

	return rx && tx ? "rx/tx" : rx ? "rx" : tx ? "tx" : "none";
}
