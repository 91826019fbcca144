/*
 * The fake 82574's PHY behind MDIC, and the MDIO semaphore in front of it:
 * clause-22 registers with their self-clearing and read-only bits, BMSR's
 * latched-low link bit, a power-down bit that takes the link away,
 * autonegotiation that completes fake_phy_autoneg_ns after a restart (then
 * sets STATUS.LU and raises LSC), MDI-X mode applied at a PHY reset,
 * EXTCNF_CTRL.SWFLAG that firmware may hold, and the NVM auto-read after a
 * MAC reset. Hooked into e1000e_fake.c's register file.
 */
#ifndef TESTS_UNIT_FAKE_E1000E_PHY_FAKE_H
#define TESTS_UNIT_FAKE_E1000E_PHY_FAKE_H

#include <lib/types.h>

/* Knobs (fake_phy_reset() restores the defaults in brackets) */
extern u64 fake_phy_autoneg_ns;		/* restart -> link up [1.5 s] */
extern u64 fake_phy_auto_rd_ns;		/* MAC reset -> EECD.AUTO_RD [2 ms] */
extern bool fake_phy_cable;		/* a partner is there [true] */
extern u16 fake_phy_partner_anar;	/* partner's ANAR [10/100 all + PAUSE] */
extern u16 fake_phy_partner_1000;	/* partner's 1000BASE-T control [1000FD] */
extern unsigned int fake_phy_fw_hold;	/* SWFLAG refusals left; ~0u = forever [0] */
extern bool fake_phy_mdic_stuck;	/* MDIC never sets READY [false] */
extern int fake_phy_error_reg;		/* this register answers MDIC.E [-1] */

/* Observations */
extern unsigned int fake_phy_unowned;	/* MDIC used without SWFLAG held by software */
extern unsigned int fake_phy_swflag_refused;
extern unsigned int fake_phy_autoneg_starts;
extern u64 fake_phy_reset_to_mdio_ns;	/* MAC reset -> first MDIC after it; ~0 if none */

struct fake_phy_op {
	char op;	/* 'R' or 'W' */
	u8 reg;
	u16 val;	/* written, or read back */
};
#define FAKE_PHY_LOG_SIZE 512
extern struct fake_phy_op fake_phy_log[FAKE_PHY_LOG_SIZE];
extern unsigned int fake_phy_log_n;

/* A PHY as a previous driver left it: powered, advertising what ours
 * wants, autonegotiation done, link up at 1000 full. */
void fake_phy_reset(void);
/* A PHY the previous OS powered down at shutdown (no link). */
void fake_phy_power_down(void);
/* QEMU 7.2's PHY at reset (e1000e_phy_reg_init): link up, 1000 half
 * advertised too, BMSR without ANEGCOMPLETE. */
void fake_phy_as_qemu(void);
/* The link partner goes away (cable pulled) or comes back. */
void fake_phy_set_cable(bool present);
/* Moves fake time on and lets the PHY catch up (autoneg completion). */
void fake_phy_advance_ms(unsigned int ms);
/* Index of the first logged op at or after 'from' matching op/reg; -1 if none. */
int fake_phy_find(char op, u8 reg, unsigned int from);

/* Hooks for e1000e_fake.c */
void fake_phy_tick(void);
void fake_phy_mdic_write(u32 v);
void fake_phy_extcnf_write(u32 v);

#endif
