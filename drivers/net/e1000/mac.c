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

#define E1K_RST_WAIT_MS		10	/* units quiet before the reset (Linux: 10 ms) */
#define E1K_EEPROM_RELOAD_MS	5	/* the 82540/82545 reload the EEPROM by themselves */
#define E1K_EERD_TRIES		1000	/* x 5 us: a word takes a few us on real parts */

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
int e1k_reset_hw(struct e1k_adapter *a)
{
	e1k_wr(a, E1000_IMC, ~0u);
	e1k_wr(a, E1000_RCTL, 0);
	e1k_wr(a, E1000_TCTL, E1000_TCTL_PSP);
	e1k_flush(a);
	mdelay(E1K_RST_WAIT_MS);
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

int e1k_read_eeprom(struct e1k_adapter *a, u16 word, u16 *data)
{
	u32 v;

	e1k_wr(a, E1000_EERD, ((u32)word << E1000_EERD_ADDR_SHIFT) | E1000_EERD_START);
	for (int i = 0; i < E1K_EERD_TRIES; i++) {
		v = e1k_rd(a, E1000_EERD);
		if (v & E1000_EERD_DONE) {
			*data = (u16)(v >> E1000_EERD_DATA_SHIFT);
			return 0;
		}
		udelay(5);
	}
	pr_err("%s: EEPROM word %u: EERD never reported DONE\n", E1K_DRV_NAME, word);
	return -ETIMEDOUT;
}

/* Words 0x00-0x3F add up to 0xBABA (word 0x3F is chosen to make it so). */
int e1k_validate_eeprom_checksum(struct e1k_adapter *a, u16 *sum)
{
	u16 total = 0, w;

	for (u16 i = 0; i < E1000_EEPROM_WORDS; i++) {
		int ret = e1k_read_eeprom(a, i, &w);

		if (ret)
			return ret;
		total += w;
	}
	*sum = total;
	return total == E1000_EEPROM_SUM ? 0 : -EIO;
}

/* The address is EEPROM words 0-2, low byte first (SDM 5.6.1). */
int e1k_read_mac_addr(struct e1k_adapter *a, u8 *mac)
{
	for (u16 i = 0; i < 3; i++) {
		u16 w;
		int ret = e1k_read_eeprom(a, i, &w);

		if (ret)
			return ret;
		mac[2 * i] = w & 0xFF;
		mac[2 * i + 1] = w >> 8;
	}
	return 0;
}

void e1k_rar_set(struct e1k_adapter *a, const u8 *addr, int index)
{
	u32 lo = addr[0] | (addr[1] << 8) | (addr[2] << 16) | ((u32)addr[3] << 24);
	u32 hi = addr[4] | (addr[5] << 8) | E1000_RAH_AV;

	/* AV last: the filter never matches half of an old and half of a new address. */
	e1k_wr(a, E1000_RAH(index), 0);
	e1k_wr(a, E1000_RAL(index), lo);
	e1k_wr(a, E1000_RAH(index), hi);
}

/* RCTL.MO = 0: the hash is destination address bits 47:36 (SDM 13.5.1). */
u32 e1k_hash_mc_addr(const u8 *addr)
{
	return ((addr[4] >> 4) | ((u32)addr[5] << 4)) & 0xFFF;
}

void e1k_set_rx_mode(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	u32 mta[E1000_MTA_SIZE] = { 0 };
	u32 rctl = e1k_rd(a, E1000_RCTL) & ~(E1000_RCTL_UPE | E1000_RCTL_MPE);
	struct netdev_hw_addr *ha;

	if (netdev->flags & IFF_PROMISC)
		rctl |= E1000_RCTL_UPE | E1000_RCTL_MPE;
	else if (netdev->flags & IFF_ALLMULTI)
		rctl |= E1000_RCTL_MPE;
	list_for_each_entry(ha, &netdev->mc_list, list) {
		u32 h = e1k_hash_mc_addr(ha->addr);

		mta[h >> 5] |= BIT(h & 31);
	}
	for (int i = 0; i < E1000_MTA_SIZE; i++)
		e1k_wr(a, E1000_MTA + 4 * i, mta[i]);
	e1k_wr(a, E1000_RCTL, rctl);
}

/*
 * Copper link on the internal PHY: SLU with speed detection lets the MAC
 * follow whatever the PHY negotiated (SDM 8.6). The PHY keeps its own
 * autonegotiation defaults; tuning it is not done (unverified on real parts).
 */
void e1k_setup_link(struct e1k_adapter *a)
{
	e1k_wr(a, E1000_CTRL, (e1k_rd(a, E1000_CTRL) & ~E1000_CTRL_PHY_RST) |
	       E1000_CTRL_SLU | E1000_CTRL_ASDE);
}

bool e1k_check_link(struct e1k_adapter *a)
{
	static const unsigned int speeds[] = { 10, 100, 1000, 1000 };
	struct net_device *netdev = a->netdev;
	u32 status = e1k_rd(a, E1000_STATUS);
	bool up = status & E1000_STATUS_LU;

	if (up && !netif_carrier_ok(netdev)) {
		pr_info("%s: link up, %u Mbps %s duplex\n", netdev->name,
			speeds[(status & E1000_STATUS_SPEED_MASK) >> E1000_STATUS_SPEED_SHIFT],
			(status & E1000_STATUS_FD) ? "full" : "half");
		a->sw_stats.link_changes++;
		netif_carrier_on(netdev);
	} else if (!up && netif_carrier_ok(netdev)) {
		pr_info("%s: link down\n", netdev->name);
		a->sw_stats.link_changes++;
		netif_carrier_off(netdev);
	}
	return up;
}

/* The counters clear on read: they accumulate here and fold into netdev->stats. */
void e1k_update_stats(struct e1k_adapter *a)
{
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
		e1k_update_stats(a);
	st->rx_crc_errors = a->hw_stats.crcerrs;
	st->rx_missed_errors = a->hw_stats.mpc;
	st->collisions = a->hw_stats.colc;
	st->rx_fifo_errors = a->sw_stats.rx_overruns;
	return st;
}
