/*
 * The 82574's internal PHY, reached through MDIC: the software/firmware
 * MDIO semaphore, register reads and writes with bounded waits, power up
 * and down, the autonegotiation advertisement and its restart, MDI/MDI-X,
 * and flow control (the MAC's PAUSE registers and the pause resolution
 * that follows autonegotiation).
 *
 * Sources: 82574 DS ch. 10 "MDIC", "EXTCNF_CTRL", the flow-control
 * registers and "PHY Registers"; IEEE 802.3 clause 22 (registers 0-10),
 * 28.2 / Annex 28B (advertisement, pause resolution), Annex 31B (PAUSE).
 * docs/e1000e.md lists the Linux behaviours followed here.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <drivers/net/e1000e/e1000.h>

/*
 * Firmware (a BMC on server boards) shares the MDIO bus and takes
 * EXTCNF_CTRL.SWFLAG itself; the flag reads back set only for its owner.
 * Linux tries 10 times 2-4 ms apart; the same bound here.
 */
#define E1000_SWFLAG_TRIES	10
#define E1000_SWFLAG_WAIT_MS	2
/* One MDIO frame is 64 bits at 2.5 MHz MDC, about 26 us: 20 ms is a
 * thousandfold margin, yet bounded. */
#define E1000_MDIC_TIMEOUT_US	20000
#define E1000_MDIC_POLL_US	10

int e1000_acquire_swflag(struct e1000_adapter *a)
{
	for (int i = 0; i < E1000_SWFLAG_TRIES; i++) {
		ew32(a, E1000_EXTCNF_CTRL, er32(a, E1000_EXTCNF_CTRL) | E1000_EXTCNF_CTRL_SWFLAG);
		if (er32(a, E1000_EXTCNF_CTRL) & E1000_EXTCNF_CTRL_SWFLAG)
			return 0;
		mdelay(E1000_SWFLAG_WAIT_MS);
	}
	pr_err("%s: firmware holds the PHY (EXTCNF_CTRL.SWFLAG not granted in %u ms); PHY access skipped\n",
	       DRV_NAME, E1000_SWFLAG_TRIES * E1000_SWFLAG_WAIT_MS);
	return -EBUSY;
}

void e1000_release_swflag(struct e1000_adapter *a)
{
	ew32(a, E1000_EXTCNF_CTRL, er32(a, E1000_EXTCNF_CTRL) & ~E1000_EXTCNF_CTRL_SWFLAG);
}

/* One MDIC transaction; the caller owns the semaphore. */
static int mdic_xfer(struct e1000_adapter *a, u32 op, u32 reg, u16 *data)
{
	u32 mdic = op | (reg << E1000_MDIC_REG_SHIFT) |
		   (E1000_82574_PHY_ADDR << E1000_MDIC_PHY_SHIFT) | *data;
	unsigned int waited;

	ew32(a, E1000_MDIC, mdic);
	for (waited = 0;; waited += E1000_MDIC_POLL_US) {
		mdic = er32(a, E1000_MDIC);
		if (mdic & E1000_MDIC_READY)
			break;
		if (waited >= E1000_MDIC_TIMEOUT_US) {
			pr_err("%s: MDIO busy: PHY register %u %s not done after %u us\n", DRV_NAME,
			       reg, op == E1000_MDIC_OP_READ ? "read" : "write", E1000_MDIC_TIMEOUT_US);
			return -ETIMEDOUT;
		}
		udelay(E1000_MDIC_POLL_US);
	}
	if (mdic & E1000_MDIC_ERROR) {
		pr_err("%s: PHY register %u %s failed (MDIC error bit)\n", DRV_NAME, reg,
		       op == E1000_MDIC_OP_READ ? "read" : "write");
		return -EIO;
	}
	*data = mdic & E1000_MDIC_DATA_MASK;
	return 0;
}

int e1000_read_phy(struct e1000_adapter *a, u32 reg, u16 *val)
{
	u16 data = 0;
	int ret = e1000_acquire_swflag(a);

	if (ret)
		return ret;
	ret = mdic_xfer(a, E1000_MDIC_OP_READ, reg, &data);
	e1000_release_swflag(a);
	if (!ret)
		*val = data;
	return ret;
}

int e1000_write_phy(struct e1000_adapter *a, u32 reg, u16 val)
{
	int ret = e1000_acquire_swflag(a);

	if (ret)
		return ret;
	ret = mdic_xfer(a, E1000_MDIC_OP_WRITE, reg, &val);
	e1000_release_swflag(a);
	return ret;
}

/* Read-modify-write; *old (if asked) is what was there, *changed whether a write was needed. */
static int phy_update_old(struct e1000_adapter *a, u32 reg, u16 clear, u16 set, bool *changed,
			  u16 *old)
{
	u16 was, val;
	int ret = e1000_read_phy(a, reg, &was);

	if (ret)
		return ret;
	val = (was & ~clear) | set;
	*changed = val != was;
	if (old)
		*old = was;
	return *changed ? e1000_write_phy(a, reg, val) : 0;
}

static int phy_update(struct e1000_adapter *a, u32 reg, u16 clear, u16 set, bool *changed)
{
	return phy_update_old(a, reg, clear, set, changed, NULL);
}

/*
 * Linux powers the PHY down at shutdown when Wake-on-LAN is off, and the
 * bit survives a warm reboot into us: without this the link never comes.
 * Returns 1 if it was down, 0 if it was up.
 */
int e1000_phy_power_up(struct e1000_adapter *a)
{
	bool changed;
	int ret = phy_update(a, MII_BMCR, BMCR_PDOWN, 0, &changed);

	if (ret)
		return ret;
	if (changed)
		pr_info("%s: PHY was powered down; powering it up\n", a->netdev->name);
	return changed;
}

/* A BMC may use the port while we are down (NVM word 0x0F MNGM, MANC): Linux leaves its PHY on. */
static bool e1000_mng_uses_phy(struct e1000_adapter *a)
{
	u16 ctrl2;

	if (er32(a, E1000_MANC) & E1000_MANC_BLK_PHY_RST_ON_IDE)
		return true;
	return e1000_read_nvm(a, E1000_NVM_INIT_CTRL2, &ctrl2) == 0 &&
	       (ctrl2 & E1000_NVM_INIT_CTRL2_MNGM);
}

/* ndo_stop/remove: the link goes down with us unless firmware needs it. */
void e1000_phy_power_down(struct e1000_adapter *a)
{
	bool changed;

	if (e1000_mng_uses_phy(a))
		return;
	phy_update(a, MII_BMCR, 0, BMCR_PDOWN, &changed);
}

/* Pause bits for the requested mode (IEEE 802.3 Annex 28B.2, Table 28B-2 read backwards). */
static u16 fc_advertisement(bool rx, bool tx)
{
	if (rx)		/* receive-only cannot be said alone: both bits, tx masked later */
		return ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM;
	return tx ? ADVERTISE_PAUSE_ASYM : 0;
}

/*
 * Every 10/100 mode, 1000 full, and pause per the flow-control setting.
 * Returns E1000_ADV_* bits for what changed (0: nothing), or an error.
 */
int e1000_phy_setup_autoneg(struct e1000_adapter *a)
{
	u16 pause = ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM, old_anar;
	u16 anar = ADVERTISE_CSMA | ADVERTISE_ALL_10_100 | fc_advertisement(a->fc_req_rx, a->fc_req_tx);
	bool c1, c2;
	int ret, what = 0;

	ret = phy_update_old(a, MII_ADVERTISE, ADVERTISE_ALL_10_100 | pause | 0x1F, anar, &c1,
			     &old_anar);
	if (ret)
		return ret;
	ret = phy_update(a, MII_CTRL1000, ADVERTISE_1000HALF | ADVERTISE_1000FULL,
			 ADVERTISE_1000FULL, &c2);
	if (ret)
		return ret;
	if ((old_anar ^ anar) & pause)
		what |= E1000_ADV_PAUSE;
	if (((old_anar ^ anar) & (ADVERTISE_ALL_10_100 | 0x1F)) || c2)
		what |= E1000_ADV_MODES;
	return what;
}

/* Is the mode the link runs at among those advertised now? All but 1000 half are. */
static bool link_mode_advertised(struct e1000_adapter *a)
{
	u32 status = er32(a, E1000_STATUS), speed = status & E1000_STATUS_SPEED_MASK;

	return speed == E1000_STATUS_SPEED_10 || speed == E1000_STATUS_SPEED_100 ||
	       (status & E1000_STATUS_FD);
}

/* BMCR.ANRESTART self-clears; the link drops until the new negotiation ends. */
int e1000_phy_restart_autoneg(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);
	u16 bmcr;
	int ret = e1000_read_phy(a, MII_BMCR, &bmcr);

	if (ret)
		return ret;
	bmcr &= ~BMCR_PDOWN;
	ret = e1000_write_phy(a, MII_BMCR, bmcr | BMCR_ANENABLE | BMCR_ANRESTART);
	/* The link may never be seen down (QEMU: 500 ms), so say pause needs resolving. */
	if (!ret)
		a->fc_pending = true;
	return ret;
}

/* BMSR's link bit latches low (802.3 22.2.4.2.13): the second read is now. */
static int phy_link_up(struct e1000_adapter *a, bool *up)
{
	u16 bmsr;
	int ret = e1000_read_phy(a, MII_BMSR, &bmsr);

	if (!ret)
		ret = e1000_read_phy(a, MII_BMSR, &bmsr);
	*up = !ret && (bmsr & BMSR_LSTATUS);
	return ret;
}

/* Automatic crossover; the M88-style PHY applies a new mode at a software reset. */
static int phy_setup_mdix(struct e1000_adapter *a, bool *reset)
{
	bool changed;
	u16 bmcr;
	int ret;

	/* Registers 16/17 are page 0's: a previous driver may have left another page. */
	ret = e1000_write_phy(a, E1000_PHY_PAGE_SELECT, 0);
	if (!ret)
		ret = phy_update(a, E1000_PHY_COPPER_CTRL1, E1000_PHY_CTRL1_MDIX_MASK,
				 E1000_PHY_CTRL1_MDIX_AUTO, &changed);
	*reset = false;
	if (ret || !changed)
		return ret;
	ret = e1000_read_phy(a, MII_BMCR, &bmcr);
	if (!ret)
		ret = e1000_write_phy(a, MII_BMCR, bmcr | BMCR_RESET);
	*reset = !ret;
	return ret;
}

/*
 * The receive FIFO's thresholds (Linux's rule): XOFF when a full frame or
 * a tenth of the FIFO is left, XON 8 bytes lower. Only with transmit pause.
 */
void e1000_fc_watermarks(u32 pba, bool tx_pause, u32 *fcrtl, u32 *fcrth)
{
	u32 rx = (pba & E1000_PBA_RX_MASK) * 1024, hwm = rx * 9 / 10;

	if (rx - E1000_MAX_FRAME_FCS < hwm)
		hwm = rx - E1000_MAX_FRAME_FCS;
	*fcrth = tx_pause ? (hwm & E1000_FCRTH_RTH) : 0;
	*fcrtl = tx_pause ? ((*fcrth - 8) | E1000_FCRTL_XONE) : 0;
}

/* The MAC side of 802.3x: who PAUSE frames are, how long ours ask, when to send them. */
void e1000_setup_fc_regs(struct e1000_adapter *a)
{
	u32 fcrtl, fcrth;

	ew32(a, E1000_FCAL, E1000_FCAL_8023X);
	ew32(a, E1000_FCAH, E1000_FCAH_8023X);
	ew32(a, E1000_FCT, E1000_FCT_8023X);
	ew32(a, E1000_FCTTV, E1000_FC_PAUSE_TIME);
	e1000_fc_watermarks(er32(a, E1000_PBA), a->fc_req_tx, &fcrtl, &fcrth);
	/* Low before high: a high mark below the old low one would be nonsense. */
	ew32(a, E1000_FCRTL, fcrtl);
	ew32(a, E1000_FCRTH, fcrth);
}

/*
 * After a reset (e1000_reset_hw has waited for the NVM auto-read and the
 * PHY's configuration): PHY on, page 0, automatic MDI-X, the advertisement,
 * PAUSE registers; autonegotiation restarts only when the link is absent
 * or something changed, because a restart costs the link for seconds on
 * hardware (half a second in QEMU). A PHY out of reach is reported and the
 * MAC's own link status still used.
 */
int e1000_setup_link(struct e1000_adapter *a)
{
	bool was_reset, up;
	int powered, adv, ret;

	e1000_setup_fc_regs(a);
	powered = e1000_phy_power_up(a);
	if (powered < 0)
		goto err;
	ret = phy_setup_mdix(a, &was_reset);
	if (ret)
		goto err;
	adv = e1000_phy_setup_autoneg(a);
	if (adv < 0)
		goto err;
	ret = phy_link_up(a, &up);
	if (ret)
		goto err;
	/*
	 * A PHY just powered up has no link yet: "no link" covers it. A link
	 * that is up keeps going unless the new advertisement matters to it:
	 * other pause bits (the resolution would read a word the partner never
	 * saw) or a mode we no longer offer. QEMU's PHY offers 1000 half too;
	 * dropping that alone is not worth the link (QEMU-NOTES).
	 */
	if (up && !(adv & E1000_ADV_PAUSE) && link_mode_advertised(a) && !was_reset)
		return 0;
	pr_info("%s: restarting autonegotiation (%s)\n", a->netdev->name,
		!up ? "no link" : (adv & E1000_ADV_PAUSE) ? "pause advertisement changed" :
		was_reset ? "PHY was reset" : "link mode no longer advertised");
	ret = e1000_phy_restart_autoneg(&a->x);
	if (ret)
		goto err;
	return 0;
err:
	pr_warn("%s: PHY setup incomplete; link as the PHY has it\n", a->netdev->name);
	return -EIO;
}

/*
 * The pause both sides advertised (net/core/mii.h, IEEE 802.3 Annex 28B),
 * limited to what was asked for (rx-only is advertised as PAUSE+ASM_DIR).
 */
void e1000_fc_resolve(u16 local, u16 partner, bool req_rx, bool req_tx, bool *rx, bool *tx)
{
	u8 fc = mii_resolve_flowctrl_fdx(local, partner);

	*rx = (fc & FLOW_CTRL_RX) && req_rx;
	*tx = (fc & FLOW_CTRL_TX) && req_tx;
}

/*
 * On link up: CTRL.RFCE/TFCE from the negotiated result. PAUSE is a full
 * duplex feature (802.3 Annex 31B.1); without a finished negotiation the
 * partner is unknown and the requested mode applies, as Linux does.
 * Returns true when nothing is left to wait for (resolved, or no PHY to ask).
 */
bool e1000_config_fc_after_link_up(struct e1000_adapter *a)
{
	u32 ctrl = er32(a, E1000_CTRL) & ~(E1000_CTRL_RFCE | E1000_CTRL_TFCE);
	bool rx = a->fc_req_rx, tx = a->fc_req_tx, known = false;
	u16 bmsr, anar, lpa;

	if (!(er32(a, E1000_STATUS) & E1000_STATUS_FD)) {
		rx = tx = false;
		known = true;
	} else if (e1000_read_phy(a, MII_BMSR, &bmsr)) {
		known = true;	/* MDIO out of reach: do not retry (and log) every watchdog tick */
	} else if ((bmsr & BMSR_ANEGCOMPLETE) && !e1000_read_phy(a, MII_ADVERTISE, &anar) &&
		   !e1000_read_phy(a, MII_LPA, &lpa)) {
		e1000_fc_resolve(anar, lpa, a->fc_req_rx, a->fc_req_tx, &rx, &tx);
		known = true;
	}
	if (rx)
		ctrl |= E1000_CTRL_RFCE;
	if (tx)
		ctrl |= E1000_CTRL_TFCE;
	ew32(a, E1000_CTRL, ctrl);
	if (known)
		a->fc_pending = false;
	return known;
}

const char *e1000_fc_name(struct e1000_adapter *a)
{
	u32 ctrl = er32(a, E1000_CTRL);
	bool rx = ctrl & E1000_CTRL_RFCE, tx = ctrl & E1000_CTRL_TFCE;

	return rx && tx ? "rx/tx" : rx ? "rx" : tx ? "tx" : "none";
}

/* ethtool -A: a new pause advertisement only counts after renegotiation. */
int e1000_set_pauseparam(struct e1000x_adapter *x, bool rx, bool tx)
{
	struct e1000_adapter *a = e1000e_adapter(x);
	int ret;

	a->fc_req_rx = rx;
	a->fc_req_tx = tx;
	e1000_setup_fc_regs(a);
	ret = e1000_phy_setup_autoneg(a);
	if (ret < 0)
		return ret;
	return e1000_phy_restart_autoneg(x);
}

int e1000_get_phy_info(struct e1000_adapter *a, struct e1000_phy_info *p)
{
	static const u8 regs[] = { MII_BMCR, MII_BMSR, MII_ADVERTISE, MII_LPA, MII_CTRL1000,
				   MII_STAT1000, E1000_PHY_COPPER_CTRL1, E1000_PHY_COPPER_STAT1 };
	u16 *out[] = { &p->bmcr, &p->bmsr, &p->anar, &p->lpa, &p->ctrl1000, &p->stat1000,
		       &p->copper_ctrl1, &p->copper_stat1 };

	for (unsigned int i = 0; i < ARRAY_SIZE(regs); i++) {
		int ret = e1000_read_phy(a, regs[i], out[i]);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The PHY's identity at probe: proves MDIO works and names the PHY in the
 * log, as real boards differ. A PHY left powered down is said so here;
 * open powers it up.
 */
void e1000_log_phy(struct e1000_adapter *a)
{
	u16 id1, id2, bmcr, bmsr;

	if (e1000_read_phy(a, MII_PHYSID1, &id1) || e1000_read_phy(a, MII_PHYSID2, &id2) ||
	    e1000_read_phy(a, MII_BMCR, &bmcr) || e1000_read_phy(a, MII_BMSR, &bmsr) ||
	    e1000_read_phy(a, MII_BMSR, &bmsr)) {
		pr_warn("%s: PHY not answering on MDIO; relying on the MAC's link status\n", DRV_NAME);
		return;
	}
	pr_info("%s: PHY id %04x:%04x, link %s%s\n", DRV_NAME, id1, id2,
		(bmsr & BMSR_LSTATUS) ? "up" : "down",
		(bmcr & BMCR_PDOWN) ? ", powered down" : "");
}
