/*
 * The MAC side of the 8254x: reset, the EEPROM through EERD, the station
 * address, the receive filters, the link and the statistics registers.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000/e1000.h>

#define E1K_EEPROM_RELOAD_MS	5	/* the 82540/82545 reload the EEPROM by themselves */

/*
 * The 82540, 82541, 82544, 82545 and 82546 cannot complete the 64-bit
 * (MMIO) write that sets CTRL.RST, as Linux's e1000_reset_hw() notes: it
 * issues that one write through the I/O BAR (IOADDR/IODATA, SDM 13.2).
 * Without an I/O BAR (a test's fake) the MMIO write is the only way.
 */
static void e1k_write_ctrl_reset(struct e1k_adapter *a, u32 ctrl)
{
	if (a->io_base) {
		outl(E1000_CTRL, a->io_base + E1000_IOADDR);
		outl(ctrl, a->io_base + E1000_IODATA);
	} else {
		e1k_wr(a, E1000_CTRL, ctrl);
	}
}

/*
 * Global reset: stop both units and every interrupt first, let DMA in
 * flight land, reset, wait for the EEPROM's settings to reload, and mask
 * again (the reset leaves IMS cleared on hardware; QEMU 7.2 keeps less).
 */
int e1k_reset_hw(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	e1000x_stop_rxtx(&a->hw);	/* masked, both units off, 10 ms as Linux waits */
	e1k_write_ctrl_reset(a, e1k_rd(a, E1000_CTRL) | E1000_CTRL_RST);
	mdelay(E1K_EEPROM_RELOAD_MS);
	if (e1k_rd(a, E1000_CTRL) & E1000_CTRL_RST) {
		pr_err("%s: CTRL.RST did not clear\n", E1K_DRV_NAME);
		return -ETIMEDOUT;
	}
	e1k_wr(a, E1000_IMC, ~0u);
	(void)e1k_rd(a, E1000_ICR);	/* drop causes raised before the reset */
	return 0;
}

/* EERD on the 8254x (SDM 13.4.4): DONE at bit 4, the word address in 15:8. */
const struct e1000x_eerd e1k_eerd = { .done = E1000_EERD_DONE, .addr_shift = E1000_EERD_ADDR_SHIFT };

/*
 * Copper link on the internal PHY: SLU with speed detection lets the MAC
 * follow whatever the PHY negotiated (SDM 8.6). The PHY keeps its own
 * autonegotiation defaults; tuning it is not done (unverified on real parts).
 */
void e1k_setup_link(struct e1k_adapter *a)
{
	e1k_wr(a, E1000_CTRL, (e1k_rd(a, E1000_CTRL) & ~E1000_CTRL_PHY_RST) |
	       E1000_CTRL_SLU | E1000_CTRL_ASDE);
	e1k_setup_fc_regs(a);
}

bool e1k_check_link(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	if (a->fc_pending && (e1k_rd(a, E1000_STATUS) & E1000_STATUS_LU))
		e1k_config_fc_after_link_up(a);
	return e1000x_check_link(a->netdev, e1k_fc_name(a), &a->sw_stats.link_changes);
}

/* The counters clear on read: they accumulate here and fold into netdev->stats. */
void e1k_update_stats(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);
	struct e1k_hw_stats *s = &a->hw_stats;

	s->crcerrs += e1k_rd(a, E1000_CRCERRS);
	s->mpc += e1k_rd(a, E1000_MPC);
	s->colc += e1k_rd(a, E1000_COLC);
	s->gprc += e1k_rd(a, E1000_GPRC);
	s->mprc += e1k_rd(a, E1000_MPRC);
	s->gptc += e1k_rd(a, E1000_GPTC);
	/* The 64-bit octet counters clear when their high half is read: low first. */
	s->gorc += e1k_rd(a, E1000_GORCL);
	s->gorc += (u64)e1k_rd(a, E1000_GORCL + 4) << 32;
	s->gotc += e1k_rd(a, E1000_GOTCL);
	s->gotc += (u64)e1k_rd(a, E1000_GOTCL + 4) << 32;
	s->rnbc += e1k_rd(a, E1000_RNBC);
}

struct net_device_stats *e1k_get_stats(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	struct net_device_stats *st = &netdev->stats;

	if (a->up)
		e1k_update_stats(&a->x);
	st->rx_crc_errors = a->hw_stats.crcerrs;
	st->rx_missed_errors = a->hw_stats.mpc;
	st->collisions = a->hw_stats.colc;
	st->rx_fifo_errors = a->sw_stats.rx_overruns;
	return st;
}
