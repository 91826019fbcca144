/*
 * The internal PHY through MDIC (DS 8.2.4), guarded by the software/firmware
 * semaphore this family uses (DS 4.7.1 "Shared resources"): SWSM.SMBI
 * between software agents, SWSM.SWESMBI and then the resource's bit in
 * SW_FW_SYNC between software and the manageability firmware, which may
 * talk to the same PHY.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <drivers/net/igb/igb.h>

#define SWSM_SMBI		BIT(0)
#define SWSM_SWESMBI		BIT(1)
#define SWFW_PHY0_SM		BIT(1)	/* software's bit; firmware's is 16 higher */
#define SWFW_FW_SHIFT		16
#define MDIC_REG_SHIFT		16
#define MDIC_PHY_SHIFT		21
#define MDIC_OP_WRITE		(1u << 26)
#define MDIC_OP_READ		(2u << 26)
#define MDIC_READY		BIT(28)
#define MDIC_ERROR		BIT(30)
#define IGB_PHY_ADDR		1	/* the internal PHY (DS 8.2.4) */
#define SEM_TRIES		200	/* x 50 us: Linux's bound for the semaphore */
#define SEM_STEP_US		50
#define MDIC_TRIES		192	/* x 10 us: a frame on MDIO takes ~64 us */
#define MDIC_STEP_US		10

/* PHY reset: the assert and settle times of Linux's
 * e1000_phy_hw_reset_generic() (igb's on the 82576), and its bound on the
 * configuration load from the NVM afterwards (e1000_get_cfg_done_82575()). */
#define PHY_RST_ASSERT_US	100
#define PHY_RST_SETTLE_US	150
#define PHY_CFG_TIMEOUT_MS	100
#define MANC_BLK_PHY_RST_ON_IDE	BIT(18)
#define EEMNGCTL_CFG_DONE0	BIT(18)	/* port 0; port n is bit 18 + n */

#define MII_BMCR		0x00
#define MII_PHYSID1		0x02
#define MII_PHYSID2		0x03
#define BMCR_ANRESTART		BIT(9)
#define BMCR_ANENABLE		BIT(12)

static void igb_put_hw_semaphore(struct igb_adapter *a)
{
	igb_wr(a, E1000_SWSM, igb_rd(a, E1000_SWSM) & ~(SWSM_SMBI | SWSM_SWESMBI));
}

/* SWSM.SMBI (set by the read that finds it clear), then SWESMBI confirmed. */
static int igb_get_hw_semaphore(struct igb_adapter *a)
{
	int i;

	for (i = 0; i < SEM_TRIES && (igb_rd(a, E1000_SWSM) & SWSM_SMBI); i++)
		udelay(SEM_STEP_US);
	if (i == SEM_TRIES)
		return -EBUSY;
	for (i = 0; i < SEM_TRIES; i++) {
		igb_wr(a, E1000_SWSM, igb_rd(a, E1000_SWSM) | SWSM_SWESMBI);
		if (igb_rd(a, E1000_SWSM) & SWSM_SWESMBI)
			return 0;
		udelay(SEM_STEP_US);
	}
	igb_put_hw_semaphore(a);
	return -EBUSY;
}

int igb_acquire_phy(struct igb_adapter *a)
{
	for (int i = 0; i < SEM_TRIES; i++) {
		u32 sync;

		if (igb_get_hw_semaphore(a))
			return -EBUSY;
		sync = igb_rd(a, E1000_SW_FW_SYNC);
		if (!(sync & (SWFW_PHY0_SM | SWFW_PHY0_SM << SWFW_FW_SHIFT))) {
			igb_wr(a, E1000_SW_FW_SYNC, sync | SWFW_PHY0_SM);
			igb_put_hw_semaphore(a);
			return 0;
		}
		igb_put_hw_semaphore(a);	/* firmware holds the PHY: let it finish */
		udelay(SEM_STEP_US * 100);
	}
	return -EBUSY;
}

/*
 * Our SW_FW_SYNC bit must go even if SWSM stays busy (a hung agent):
 * holding it would lock firmware out of the PHY for good, so after the
 * bounded wait it is cleared without the semaphore, and said so.
 */
void igb_release_phy(struct igb_adapter *a)
{
	bool locked = igb_get_hw_semaphore(a) == 0;

	if (!locked)
		pr_warn("%s: SWSM busy; releasing the PHY without it\n", a->netdev->name);
	igb_wr(a, E1000_SW_FW_SYNC, igb_rd(a, E1000_SW_FW_SYNC) & ~SWFW_PHY0_SM);
	if (locked)
		igb_put_hw_semaphore(a);
}

/* One MDIC transaction, the semaphore already held. */
static int igb_mdic(struct igb_adapter *a, u32 op, u32 reg, u16 *data)
{
	u32 v = op | reg << MDIC_REG_SHIFT | IGB_PHY_ADDR << MDIC_PHY_SHIFT |
		(op == MDIC_OP_WRITE ? *data : 0);

	igb_wr(a, E1000_MDIC, v);
	for (int i = 0; i < MDIC_TRIES; i++) {
		udelay(MDIC_STEP_US);
		v = igb_rd(a, E1000_MDIC);
		if (v & MDIC_READY) {
			if (v & MDIC_ERROR)
				return -EIO;
			*data = (u16)v;
			return 0;
		}
	}
	return -ETIMEDOUT;
}

int igb_read_phy(struct igb_adapter *a, u32 reg, u16 *data)
{
	int ret = igb_acquire_phy(a);

	if (ret)
		return ret;
	ret = igb_mdic(a, MDIC_OP_READ, reg, data);
	igb_release_phy(a);
	return ret;
}

int igb_write_phy(struct igb_adapter *a, u32 reg, u16 data)
{
	int ret = igb_acquire_phy(a);

	if (ret)
		return ret;
	ret = igb_mdic(a, MDIC_OP_WRITE, reg, &data);
	igb_release_phy(a);
	return ret;
}

/*
 * PHY reset at probe, before the PHY is read, as Linux's igb does it when
 * it sets up the PHY: unless the manageability firmware blocks it
 * (MANC.BLK_PHY_RST_ON_IDE: firmware is using the link), CTRL.PHY_RST is
 * held for 100 us under the PHY semaphore (firmware may be mid-MDIO), then
 * 150 us to settle; the PHY then loads its configuration from the NVM,
 * which the part reports in EEMNGCTL.CFG_DONE for this port. A timeout
 * there is logged and not fatal, as in Linux: a part without that NVM
 * section never sets the bit. QEMU's model sets CFG_DONE at reset and
 * only notes the PHY reset in STATUS.PHYRA. Returns 0, or -EBUSY when the
 * semaphore could not be had (the PHY is then left as it is).
 */
int igb_phy_hw_reset(struct igb_adapter *a)
{
	unsigned int port = (igb_rd(a, E1000_STATUS) >> E1000_STATUS_FUNC_SHIFT) &
			    E1000_STATUS_FUNC_MASK;
	u32 ctrl, done = EEMNGCTL_CFG_DONE0 << port;
	int ret;

	if (igb_rd(a, E1000_MANC) & MANC_BLK_PHY_RST_ON_IDE) {
		pr_info("%s: PHY reset blocked by manageability firmware; left as it is\n",
			IGB_DRV_NAME);
		return 0;
	}
	ret = igb_acquire_phy(a);
	if (ret) {
		pr_warn("%s: PHY semaphore busy; PHY not reset\n", IGB_DRV_NAME);
		return ret;
	}
	ctrl = igb_rd(a, E1000_CTRL);
	igb_wr(a, E1000_CTRL, ctrl | E1000_CTRL_PHY_RST);
	igb_flush(a);
	udelay(PHY_RST_ASSERT_US);
	igb_wr(a, E1000_CTRL, ctrl & ~E1000_CTRL_PHY_RST);
	igb_flush(a);
	udelay(PHY_RST_SETTLE_US);
	igb_release_phy(a);
	for (unsigned int ms = 0; !(igb_rd(a, E1000_EEMNGCTL) & done); ms++) {
		if (ms == PHY_CFG_TIMEOUT_MS) {
			pr_info("%s: PHY configuration not reported done (EEMNGCTL); going on\n",
				IGB_DRV_NAME);
			break;
		}
		mdelay(1);
	}
	return 0;
}

u32 igb_read_phy_id(struct igb_adapter *a)
{
	u16 hi = 0, lo = 0;

	if (igb_read_phy(a, MII_PHYSID1, &hi) || igb_read_phy(a, MII_PHYSID2, &lo))
		return 0;
	return (u32)hi << 16 | lo;
}

/* Autonegotiation on and restarted now (ethtool -r). */
int igb_phy_restart_autoneg(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);
	u16 bmcr;
	int ret = igb_read_phy(a, MII_BMCR, &bmcr);

	if (!ret)
		ret = igb_write_phy(a, MII_BMCR, bmcr | BMCR_ANENABLE | BMCR_ANRESTART);
	return ret;
}

/*
 * Autonegotiation on, and restarted unless the link is already up: a
 * restart costs the link for a while (about 500 ms in QEMU's model, which
 * after a MAC reset reports no link until one has run).
 */
int igb_phy_setup_autoneg(struct igb_adapter *a)
{
	int ret;

	if (igb_rd(a, E1000_STATUS) & E1000_STATUS_LU)
		return 0;
	ret = igb_phy_restart_autoneg(&a->x);
	if (ret)
		pr_warn("%s: PHY autonegotiation restart failed (%d)\n", a->netdev->name, ret);
	return ret;
}
