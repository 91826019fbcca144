/*
 * The MAC side: reset, the NVM (each a bounded poll), the receive address
 * and multicast filters, and the link state. The PHY is phy.c's.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000e/e1000.h>

/* Waits up to 'usecs' for (reg & mask) == want; real hardware takes us to ms. */
static int poll_reg(struct e1000_adapter *a, u32 reg, u32 mask, u32 want, unsigned int usecs)
{
	for (unsigned int waited = 0; waited <= usecs; waited += 10) {
		if ((er32(a, reg) & mask) == want)
			return 0;
		udelay(10);
	}
	return -ETIMEDOUT;
}

/*
 * Global reset (82574 DS 4.6 "Software Reset"): stop both DMA engines and
 * mask everything first, because QEMU's CTRL.RST stops nothing and resets
 * almost nothing, while real hardware restores every default. Afterwards
 * nothing is assumed: the caller reprograms all it relies on.
 */
int e1000_reset_hw(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);
	int swflag, ret;
	u32 ctrl;

	e1000x_stop_rxtx(&a->hw);	/* in-flight DMA drains: Linux's 82571-family wait */

	ew32(a, E1000_CTRL, er32(a, E1000_CTRL) | E1000_CTRL_GIO_MASTER_DISABLE);
	if (poll_reg(a, E1000_STATUS, E1000_STATUS_GIO_MASTER_ENABLE, 0, 10000))
		pr_warn("%s: DMA master still active before reset; resetting anyway\n", DRV_NAME);

	/* The packet-buffer split only takes effect at a reset (SDM PBA). */
	ew32(a, E1000_PBA, E1000_PBA_RX_82574);
	/*
	 * Hold the MDIO semaphore across the reset, as Linux does on the
	 * 82573/82574/82583: firmware must not be mid-way through a PHY access
	 * when the MAC resets, and ownership returns to firmware afterwards.
	 */
	swflag = e1000_acquire_swflag(a);
	ew32(a, E1000_CTRL, er32(a, E1000_CTRL) | E1000_CTRL_RST);
	udelay(20);	/* no register access right after RST (DS 4.6.1) */
	ret = poll_reg(a, E1000_CTRL, E1000_CTRL_RST, 0, 10000);
	if (!swflag)
		e1000_release_swflag(a);
	if (ret) {
		pr_err("%s: reset did not complete within 10 ms\n", DRV_NAME);
		return -ETIMEDOUT;
	}
	/*
	 * The NVM auto-read reloads the MAC address, then the PHY loads its
	 * own configuration from the NVM: Linux waits 25 ms more on the
	 * 82573/82574/82583 before touching NVM or PHY.
	 */
	if (poll_reg(a, E1000_EECD, E1000_EECD_AUTO_RD, E1000_EECD_AUTO_RD, 10000))
		pr_warn("%s: NVM auto-read not done after reset\n", DRV_NAME);
	mdelay(25);

	ew32(a, E1000_IMC, ~0u);
	(void)er32(a, E1000_ICR);

	/* Link follows the PHY's autonegotiation; nothing forced. */
	ctrl = er32(a, E1000_CTRL);
	ctrl &= ~(E1000_CTRL_GIO_MASTER_DISABLE | E1000_CTRL_FRCSPD | E1000_CTRL_FRCDPX |
		  E1000_CTRL_PHY_RST | E1000_CTRL_VME);
	ctrl |= E1000_CTRL_SLU | E1000_CTRL_ASDE;
	ew32(a, E1000_CTRL, ctrl);
	ew32(a, E1000_CTRL_EXT, er32(a, E1000_CTRL_EXT) | E1000_CTRL_EXT_DRV_LOAD);
	e1e_flush(a);
	return 0;
}

int e1000_read_nvm(struct e1000_adapter *a, u16 word, u16 *data)
{
	return e1000x_read_nvm(&a->hw, &e1000_eerd, word, data);
}

/* Receive address 0 as the NVM loaded it; the NVM itself when RAL/RAH are empty. */
int e1000_read_mac_addr(struct e1000_adapter *a, u8 *mac)
{
	u32 ral = er32(a, E1000_RAL(0)), rah = er32(a, E1000_RAH(0));

	if (rah & E1000_RAH_AV) {
		for (int i = 0; i < 4; i++)
			mac[i] = ral >> (8 * i);
		mac[4] = rah;
		mac[5] = rah >> 8;
		return 0;
	}
	if (e1000x_read_mac_nvm(&a->hw, &e1000_eerd, mac)) {
		pr_err("%s: the NVM does not answer; no MAC address\n", DRV_NAME);
		return -EIO;
	}
	return 0;
}

/* Registers the model stores and real 82574s need (see docs/e1000e-qemu.md). */
static void rmw32(struct e1000_adapter *a, u32 reg, u32 clear, u32 set)
{
	ew32(a, reg, (er32(a, reg) & ~clear) | set);
}

/*
 * The bits Linux's e1000_initialize_hw_bits_82571() and e1000_init_hw_82571()
 * set for the 82574 after every reset (a reset restores their defaults).
 * Most are undocumented in the public datasheet; Linux carries them as
 * errata workarounds, so a real card gets them too. docs/e1000e.md lists
 * each with its source. QEMU stores or ignores all of them.
 */
void e1000_initialize_hw_bits_82574(struct e1000_adapter *a)
{
	u32 txdctl;

	/* TXDCTL bit 22 on both queues, and queue 0 writing back every
	 * descriptor (WTHRESH 1); queue 1 gets the same value because Linux's
	 * configure_tx names a mismatch between the two an erratum. */
	txdctl = er32(a, E1000_TXDCTL(0)) & ~E1000_TXDCTL_WTHRESH_MASK;
	txdctl |= E1000_TXDCTL_COUNT_DESC | E1000_TXDCTL_FULL_TX_DESC_WB;
	ew32(a, E1000_TXDCTL(0), txdctl);
	ew32(a, E1000_TXDCTL(1), txdctl);
	rmw32(a, E1000_TARC(0), E1000_TARC0_82574_CLEAR, E1000_TARC0_82574_SET);
	rmw32(a, E1000_CTRL, E1000_CTRL_82574_BIT29, 0);
	rmw32(a, E1000_CTRL_EXT, E1000_CTRL_EXT_82574_BIT23, E1000_CTRL_EXT_82574_BIT22);
	/* GCR bit 22 and GCR2 bit 0: Linux's errata workaround for unreliable
	 * PCIe completions (worst with ASPM on) that end in TX timeouts;
	 * L1 without L0s is what Linux's init_hw adds for this family. */
	rmw32(a, E1000_GCR, 0, E1000_GCR_82574_ERRATA | E1000_GCR_L1_ACT_WITHOUT_L0S_RX);
	rmw32(a, E1000_GCR2, 0, E1000_GCR2_82574_ERRATA);
}

void e1000_configure_hw_misc(struct e1000_adapter *a)
{
	e1000_initialize_hw_bits_82574(a);
	for (int i = 1; i < E1000_RAR_ENTRIES; i++) {
		ew32(a, E1000_RAH(i), 0);
		ew32(a, E1000_RAL(i), 0);
	}
}

/*
 * Reads link state into the carrier; logs changes. Returns link up. Pause
 * is resolved when the link comes up, and again after a renegotiation
 * under a steady carrier (fc_pending).
 */
bool e1000_check_link(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);

	if ((er32(a, E1000_STATUS) & E1000_STATUS_LU) &&
	    (!netif_carrier_ok(a->netdev) || a->fc_pending))
		e1000_config_fc_after_link_up(a);
	return e1000x_check_link(a->netdev, e1000_fc_name(a), &a->sw_stats.link_changes);
}
