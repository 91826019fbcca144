/* See e1000e_phy_fake.h. PHY behaviour per IEEE 802.3 clause 22 and QEMU 7.2's model. */
#include "e1000e_fake.h"
#include "e1000e_phy_fake.h"

#include <string.h>
#include <lib/ktime.h>

extern u64 fake_now_ns;		/* arch_fake.c: udelay()/mdelay() move it */

u64 fake_phy_autoneg_ns, fake_phy_auto_rd_ns;
bool fake_phy_cable, fake_phy_mdic_stuck;
u16 fake_phy_partner_anar, fake_phy_partner_1000;
unsigned int fake_phy_fw_hold;
int fake_phy_error_reg;

unsigned int fake_phy_unowned, fake_phy_swflag_refused, fake_phy_autoneg_starts;
u64 fake_phy_reset_to_mdio_ns;
struct fake_phy_op fake_phy_log[FAKE_PHY_LOG_SIZE];
unsigned int fake_phy_log_n;

static u64 autoneg_done_at;	/* 0: no negotiation running */
static u64 auto_rd_at;		/* 0: NVM auto-read done */
static u64 mac_reset_at;
static unsigned int resets_seen;
static bool bmsr_latched_low, mdio_since_reset;

#define PHY fake_e1000e_phy
#define PHY_LINK_BITS	(E1000_PHY_STAT1_LINK | E1000_PHY_STAT1_RESOLVED | E1000_PHY_STAT1_FDX | \
			 (2u << E1000_PHY_STAT1_SPEED_SHIFT))

static void mac_link(bool up, bool fd, u32 speed)
{
	u32 st = fake_reg(E1000_STATUS) & ~(E1000_STATUS_LU | E1000_STATUS_FD | E1000_STATUS_SPEED_MASK);

	if (up)
		st |= E1000_STATUS_LU | (fd ? E1000_STATUS_FD : 0) | speed;
	fake_reg_set(E1000_STATUS, st);
}

static void link_down(void)
{
	if (PHY[MII_BMSR] & BMSR_LSTATUS)
		bmsr_latched_low = true;
	PHY[MII_BMSR] &= ~(BMSR_LSTATUS | BMSR_ANEGCOMPLETE);
	PHY[MII_LPA] = 0;
	PHY[MII_STAT1000] = 0;
	PHY[E1000_PHY_COPPER_STAT1] = 0;
	mac_link(false, false, 0);
}

static void autoneg_start(void)
{
	link_down();
	fake_phy_autoneg_starts++;
	autoneg_done_at = fake_phy_cable ? fake_now_ns + fake_phy_autoneg_ns : 0;
}

/* The best mode both ends advertise (802.3 Annex 28B.3 priority). */
static void autoneg_complete(void)
{
	u16 both = PHY[MII_ADVERTISE] & fake_phy_partner_anar;
	bool gig = (PHY[MII_CTRL1000] & ADVERTISE_1000FULL) && (fake_phy_partner_1000 & ADVERTISE_1000FULL);
	u32 speed = gig ? E1000_STATUS_SPEED_1000 :
		    (both & (ADVERTISE_100FULL | ADVERTISE_100HALF)) ? E1000_STATUS_SPEED_100 :
		    E1000_STATUS_SPEED_10;
	bool fd = gig || (both & ADVERTISE_100FULL) ||
		  (!(both & ADVERTISE_100HALF) && (both & ADVERTISE_10FULL));

	autoneg_done_at = 0;
	if (!gig && !(both & ADVERTISE_ALL_10_100))
		return;		/* nothing in common: no link */
	PHY[MII_LPA] = fake_phy_partner_anar | LPA_LPACK;
	/* STAT1000's partner bits sit two above CTRL1000's advertisement bits. */
	PHY[MII_STAT1000] = (fake_phy_partner_1000 & (ADVERTISE_1000HALF | ADVERTISE_1000FULL)) << 2;
	PHY[MII_BMSR] |= BMSR_LSTATUS | BMSR_ANEGCOMPLETE;
	PHY[E1000_PHY_COPPER_STAT1] = E1000_PHY_STAT1_LINK | E1000_PHY_STAT1_RESOLVED |
		(fd ? E1000_PHY_STAT1_FDX : 0) | ((speed >> E1000_STATUS_SPEED_SHIFT) << E1000_PHY_STAT1_SPEED_SHIFT);
	mac_link(true, fd, speed);
	fake_reg_set(E1000_ICR, fake_reg(E1000_ICR) | E1000_ICR_LSC | E1000_ICR_INT_ASSERTED);
}

void fake_phy_reset(void)
{
	fake_phy_autoneg_ns = 1500 * NSEC_PER_MSEC;
	fake_phy_auto_rd_ns = 2 * NSEC_PER_MSEC;
	fake_phy_cable = true;
	fake_phy_partner_anar = ADVERTISE_CSMA | ADVERTISE_ALL_10_100 | ADVERTISE_PAUSE_CAP;
	fake_phy_partner_1000 = ADVERTISE_1000FULL;
	fake_phy_fw_hold = 0;
	fake_phy_mdic_stuck = false;
	fake_phy_error_reg = -1;
	fake_phy_unowned = fake_phy_swflag_refused = fake_phy_autoneg_starts = 0;
	fake_phy_reset_to_mdio_ns = ~0ull;
	fake_phy_log_n = 0;
	autoneg_done_at = auto_rd_at = mac_reset_at = 0;
	resets_seen = fake_e1000e_resets;
	bmsr_latched_low = mdio_since_reset = false;

	memset(PHY, 0, sizeof(PHY));
	PHY[MII_BMCR] = BMCR_ANENABLE | BMCR_FULLDPLX | BMCR_SPEED1000;
	PHY[MII_PHYSID1] = 0x0141;
	PHY[MII_PHYSID2] = 0x0CB1;
	PHY[MII_ADVERTISE] = ADVERTISE_CSMA | ADVERTISE_ALL_10_100 |
			     ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM;
	PHY[MII_CTRL1000] = ADVERTISE_1000FULL;
	PHY[E1000_PHY_COPPER_CTRL1] = E1000_PHY_CTRL1_MDIX_AUTO;
	autoneg_complete();
	fake_reg_set(E1000_ICR, 0);
}

void fake_phy_power_down(void)
{
	PHY[MII_BMCR] |= BMCR_PDOWN;
	link_down();
	bmsr_latched_low = false;
	autoneg_done_at = 0;
}

void fake_phy_as_qemu(void)
{
	PHY[MII_BMSR] &= ~BMSR_ANEGCOMPLETE;
	PHY[MII_CTRL1000] = 0x0F00;	/* 1000 half and full, port type, master */
	PHY[MII_LPA] = 0x07E0;		/* no ACK: nothing was negotiated */
	PHY[MII_STAT1000] = 0x3C00;
}

void fake_phy_set_cable(bool present)
{
	fake_phy_cable = present;
	if (!present) {
		link_down();
		autoneg_done_at = 0;
	} else if (!(PHY[MII_BMCR] & BMCR_PDOWN) && (PHY[MII_BMCR] & BMCR_ANENABLE)) {
		autoneg_start();	/* an enabled PHY negotiates when a partner appears */
	}
}

void fake_phy_tick(void)
{
	if (fake_e1000e_resets != resets_seen) {	/* CTRL.RST since we last looked */
		resets_seen = fake_e1000e_resets;
		mac_reset_at = fake_now_ns;
		mdio_since_reset = false;
		auto_rd_at = fake_now_ns + fake_phy_auto_rd_ns;
		fake_reg_set(E1000_EECD, fake_reg(E1000_EECD) & ~E1000_EECD_AUTO_RD);
		/* Ownership of the MDIO bus returns to firmware at a reset. */
		fake_reg_set(E1000_EXTCNF_CTRL, fake_reg(E1000_EXTCNF_CTRL) & ~E1000_EXTCNF_CTRL_SWFLAG);
	}
	if (auto_rd_at && fake_now_ns >= auto_rd_at) {
		auto_rd_at = 0;
		fake_reg_set(E1000_EECD, fake_reg(E1000_EECD) | E1000_EECD_AUTO_RD);
	}
	if (autoneg_done_at && fake_now_ns >= autoneg_done_at)
		autoneg_complete();
}

void fake_phy_advance_ms(unsigned int ms)
{
	fake_now_ns += ms * NSEC_PER_MSEC;
	fake_phy_tick();
}

void fake_phy_extcnf_write(u32 v)
{
	fake_phy_tick();
	if ((v & E1000_EXTCNF_CTRL_SWFLAG) && fake_phy_fw_hold) {
		if (fake_phy_fw_hold != ~0u)
			fake_phy_fw_hold--;
		fake_phy_swflag_refused++;
		v &= ~E1000_EXTCNF_CTRL_SWFLAG;		/* the flag does not latch */
	}
	fake_reg_set(E1000_EXTCNF_CTRL, v);
}

static void log_op(char op, u8 r, u16 val)
{
	if (fake_phy_log_n < FAKE_PHY_LOG_SIZE)
		fake_phy_log[fake_phy_log_n++] = (struct fake_phy_op){ op, r, val };
}

static bool read_only(u32 r)
{
	return r == MII_BMSR || r == MII_PHYSID1 || r == MII_PHYSID2 || r == MII_LPA ||
	       r == MII_STAT1000 || r == E1000_PHY_COPPER_STAT1;
}

static void bmcr_write(u16 val)
{
	u16 old = PHY[MII_BMCR];

	PHY[MII_BMCR] = val & ~(BMCR_RESET | BMCR_ANRESTART);	/* self-clearing */
	if (val & BMCR_PDOWN) {
		link_down();
		autoneg_done_at = 0;
		return;
	}
	if (!(val & BMCR_ANENABLE))
		return;
	/* Out of power-down, after a software reset or on request: negotiate. */
	if ((old & BMCR_PDOWN) || (val & (BMCR_RESET | BMCR_ANRESTART)))
		autoneg_start();
}

void fake_phy_mdic_write(u32 v)
{
	u32 phy = (v >> E1000_MDIC_PHY_SHIFT) & 0x1F, r = (v >> E1000_MDIC_REG_SHIFT) & 0x1F;
	u16 data = v & E1000_MDIC_DATA_MASK;

	fake_phy_tick();
	if (!(fake_reg(E1000_EXTCNF_CTRL) & E1000_EXTCNF_CTRL_SWFLAG))
		fake_phy_unowned++;
	if (!mdio_since_reset && mac_reset_at) {
		mdio_since_reset = true;
		if (fake_phy_reset_to_mdio_ns == ~0ull || fake_now_ns - mac_reset_at < fake_phy_reset_to_mdio_ns)
			fake_phy_reset_to_mdio_ns = fake_now_ns - mac_reset_at;
	}
	v &= ~(E1000_MDIC_READY | E1000_MDIC_ERROR);
	if (fake_phy_mdic_stuck) {
		fake_reg_set(E1000_MDIC, v);
		return;
	}
	if (phy != E1000_82574_PHY_ADDR || (int)r == fake_phy_error_reg) {
		v |= E1000_MDIC_ERROR;
	} else if (v & E1000_MDIC_OP_READ) {
		data = PHY[r];
		if (r == MII_BMSR && bmsr_latched_low) {
			data &= ~BMSR_LSTATUS;
			bmsr_latched_low = false;
		}
		v = (v & ~E1000_MDIC_DATA_MASK) | data;
		log_op('R', r, data);
	} else if (v & E1000_MDIC_OP_WRITE) {
		log_op('W', r, data);
		if (read_only(r))
			v |= E1000_MDIC_ERROR;	/* as QEMU answers a write it cannot do */
		else if (r == MII_BMCR)
			bmcr_write(data);
		else
			PHY[r] = data;
	}
	fake_reg_set(E1000_MDIC, v | E1000_MDIC_READY);
}

int fake_phy_find(char op, u8 reg, unsigned int from)
{
	for (unsigned int i = from; i < fake_phy_log_n; i++) {
		if (fake_phy_log[i].op == op && fake_phy_log[i].reg == reg)
			return (int)i;
	}
	return -1;
}
