/* See igb_fake.h. */
#include "igb_fake.h"

#include <stdlib.h>
#include <string.h>
#include <lib/errno.h>
#include <lib/initcall.h>

u8 *fake_igb_bar;
u16 fake_igb_nvm[64];
struct pci_dev fake_igb_pdev;
bool fake_igb_rst_stuck, fake_igb_eerd_dead, fake_igb_rar_blank, fake_igb_queue_stuck;
bool fake_igb_swsm_stuck;
bool fake_igb_manc_blocks_phy_reset, fake_igb_cfg_done_missing, fake_igb_phy_reset_unlocked;
unsigned int fake_igb_phy_resets;
unsigned int fake_igb_irq_types = PCI_IRQ_MSIX | PCI_IRQ_MSI | PCI_IRQ_LEGACY;
unsigned int fake_igb_msix_vectors = 10;
u32 fake_igb_ctrl_at_rst;
unsigned int fake_igb_base_while_enabled;
u16 fake_igb_phy[32];

/* 82576 DS 8.4.2 and 8.2.4, spelled out here: the fake must not share the driver's header. */
#define DS_EERD_START		0x1u
#define DS_EERD_DONE		0x2u
#define DS_EERD_ADDR_SHIFT	2
#define DS_EERD_DATA_SHIFT	16
#define DS_MDIC_OP_WRITE	(1u << 26)
#define DS_MDIC_READY		(1u << 28)
#define DS_SWSM_SMBI		0x1u
#define DS_QUEUE_ENABLE		(1u << 25)
#define DS_STATUS_LU_FD_1000	(0x2u | 0x1u | (2u << 6))
#define DS_STATUS_GIO_MASTER	(1u << 19)
#define DS_CTRL_GIO_DISABLE	(1u << 2)
#define DS_CTRL_RST		(1u << 26)
#define DS_CTRL_PHY_RST		(1u << 31)
#define DS_SWFW_PHY0		(1u << 1)
#define DS_MANC_BLK_PHY_RST	(1u << 18)
#define DS_EEMNGCTL_CFG_DONE01	(3u << 18)	/* ports 0 and 1, as QEMU's model sets them */
#define DS_EECD_AUTO_RD		(1u << 9)
#define NVM_SUM			0xBABA

static u8 rar_mac[ETH_ALEN];

static u32 *reg(u32 off) { return (u32 *)(fake_igb_bar + off); }
u32 fake_igb_reg(u32 off) { return *reg(off); }
void fake_igb_reg_set(u32 off, u32 v) { *reg(off) = v; }

void fake_igb_fix_checksum(void)
{
	u16 sum = 0;

	for (int i = 0; i < 63; i++)
		sum += fake_igb_nvm[i];
	fake_igb_nvm[63] = (u16)(NVM_SUM - sum);
}

/* What CTRL.RST does to the registers the driver depends on. */
static void hw_reset(void)
{
	memset(fake_igb_bar, 0, FAKE_IGB_BAR_SIZE);
	*reg(0x00008) = DS_STATUS_LU_FD_1000;
	*reg(0x00010) = DS_EECD_AUTO_RD;
	*reg(0x01010) = fake_igb_cfg_done_missing ? 0 : DS_EEMNGCTL_CFG_DONE01;
	*reg(0x05820) = fake_igb_manc_blocks_phy_reset ? DS_MANC_BLK_PHY_RST : 0;
	*reg(0x0C028) = DS_QUEUE_ENABLE;	/* RXDCTL0 */
	*reg(0x0E028) = DS_QUEUE_ENABLE;	/* TXDCTL0 */
	if (!fake_igb_rar_blank) {
		*reg(0x05400) = rar_mac[0] | rar_mac[1] << 8 | rar_mac[2] << 16 |
				(u32)rar_mac[3] << 24;
		*reg(0x05404) = rar_mac[4] | rar_mac[5] << 8 | 1u << 31;
	}
}

void fake_igb_reset(const u8 *mac)
{
	fake_igb_teardown();
	fake_igb_bar = calloc(1, FAKE_IGB_BAR_SIZE);
	memcpy(rar_mac, mac, ETH_ALEN);
	memset(fake_igb_nvm, 0, sizeof(fake_igb_nvm));
	for (int i = 0; i < 3; i++)
		fake_igb_nvm[i] = mac[2 * i] | (mac[2 * i + 1] << 8);
	fake_igb_nvm[10] = 0x1234;
	fake_igb_fix_checksum();
	fake_igb_rst_stuck = fake_igb_eerd_dead = fake_igb_rar_blank = false;
	fake_igb_queue_stuck = fake_igb_swsm_stuck = false;
	fake_igb_manc_blocks_phy_reset = fake_igb_cfg_done_missing = false;
	fake_igb_phy_reset_unlocked = false;
	fake_igb_phy_resets = 0;
	fake_igb_irq_types = PCI_IRQ_MSIX | PCI_IRQ_MSI | PCI_IRQ_LEGACY;
	fake_igb_msix_vectors = 10;
	fake_igb_ctrl_at_rst = 0;
	fake_igb_base_while_enabled = 0;
	memset(fake_igb_phy, 0, sizeof(fake_igb_phy));
	fake_igb_phy[2] = 0x02A8;	/* PHYSID1/2, as QEMU's model answers */
	fake_igb_phy[3] = 0x0391;
	hw_reset();
	memset(&fake_igb_pdev, 0, sizeof(fake_igb_pdev));
	fake_igb_pdev.devfn = PCI_DEVFN(3, 0);
	fake_nic_reset();
	fake_igb_pdev.vendor = 0x8086;
	fake_igb_pdev.device = 0x10C9;
	fake_igb_pdev.resource[0] = (struct resource){ 0xFEBA0000, FAKE_IGB_BAR_SIZE,
						       IORESOURCE_MEM };
}

void fake_igb_teardown(void)
{
	free(fake_igb_bar);
	fake_igb_bar = NULL;
}

/* DS 8.19 and RQDPC (8.10.11): clear on read. */
static bool is_stat(u32 off)
{
	return (off >= 0x04000 && off < 0x04200) || (off >= 0x0C000 && off < 0x0C400 &&
						      (off & 0x3F) == 0x30);
}

static u32 reg_read(u32 off)
{
	u32 v = *reg(off);

	switch (off) {
	case 0x00000:		/* CTRL */
		return fake_igb_rst_stuck ? v | DS_CTRL_RST : v;
	case 0x00008:		/* STATUS: the master runs unless disabled */
		return (*reg(0) & DS_CTRL_GIO_DISABLE) ? v : v | DS_STATUS_GIO_MASTER;
	case 0x000C0:		/* ICR clears on read */
		*reg(off) = 0;
		return v;
	case 0x05B50:		/* SWSM: the read that finds SMBI clear sets it */
		*reg(off) = v | DS_SWSM_SMBI;
		return fake_igb_swsm_stuck ? v | DS_SWSM_SMBI : v;
	case 0x0C028:
	case 0x0E028:
		return fake_igb_queue_stuck ? v & ~DS_QUEUE_ENABLE : v;
	default:
		if (is_stat(off))
			*reg(off) = 0;
		return v;
	}
}

static void reg_write(u32 off, u32 v)
{
	switch (off) {
	case 0x00000:
		if (v & DS_CTRL_RST) {
			fake_igb_ctrl_at_rst = v;
			hw_reset();
			return;
		}
		if ((v & DS_CTRL_PHY_RST) && !(*reg(off) & DS_CTRL_PHY_RST)) {
			fake_igb_phy_resets++;
			if (!(*reg(0x05B5C) & DS_SWFW_PHY0))
				fake_igb_phy_reset_unlocked = true;
		}
		*reg(off) = v;
		return;
	case 0x00014: {		/* EERD */
		u32 word = (v >> DS_EERD_ADDR_SHIFT) & 0x3FFF;

		if (!(v & DS_EERD_START) || fake_igb_eerd_dead || word >= 64) {
			*reg(off) = v & ~DS_EERD_DONE;
			return;
		}
		*reg(off) = ((u32)fake_igb_nvm[word] << DS_EERD_DATA_SHIFT) |
			    (word << DS_EERD_ADDR_SHIFT) | DS_EERD_DONE;
		return;
	}
	case 0x00020: {		/* MDIC: completes at once */
		u32 r = (v >> 16) & 0x1F;

		if (v & DS_MDIC_OP_WRITE)
			fake_igb_phy[r] = (u16)v;
		*reg(off) = (v & ~0xFFFFu) | fake_igb_phy[r] | DS_MDIC_READY;
		return;
	}
	case 0x000D0:		/* IMS */
		*reg(off) |= v;
		return;
	case 0x000D8:		/* IMC */
		*reg(0x000D0) &= ~v;
		return;
	case 0x01524:		/* EIMS */
		*reg(off) |= v;
		return;
	case 0x01528:		/* EIMC */
		*reg(0x01524) &= ~v;
		return;
	case 0x0C000:		/* RDBAL0 */
		if (*reg(0x0C028) & DS_QUEUE_ENABLE)
			fake_igb_base_while_enabled++;
		*reg(off) = v;
		return;
	case 0x0E000:		/* TDBAL0 */
		if (*reg(0x0E028) & DS_QUEUE_ENABLE)
			fake_igb_base_while_enabled++;
		*reg(off) = v;
		return;
	default:
		*reg(off) = v;
	}
}

bool fake_mmio_read(const volatile void *addr, int size, u64 *val)
{
	u32 off;

	if (!fake_nic_in_bar(fake_igb_bar, FAKE_IGB_BAR_SIZE, addr, &off))
		return false;
	*val = reg_read(off);
	return true;
}

bool fake_mmio_write(volatile void *addr, int size, u64 val)
{
	u32 off;

	if (!fake_nic_in_bar(fake_igb_bar, FAKE_IGB_BAR_SIZE, addr, &off))
		return false;
	reg_write(off, (u32)val);
	return true;
}

u32 fake_port_read(u16 port, int size) { return ~0u; }
void fake_port_write(u16 port, int size, u32 val) {}

static void *ring(u32 bal)
{
	return (void *)(uintptr_t)(((u64)*reg(bal + 4) << 32) | *reg(bal));
}

/* The advanced write-back (DS 7.1.5.2): status/error dword at byte 8, length at 12. */
bool fake_igb_rx_queue(unsigned int q, const void *frame, u16 len, u32 staterr)
{
	return fake_igb_rx_hashed(q, frame, len, staterr, 0, 0);
}

/* DS 7.1.5.2: the RSS type in pkt_info 3:0 (bytes 0-1), the hash in bytes 4-7. */
bool fake_igb_rx_hashed(unsigned int q, const void *frame, u16 len, u32 staterr,
			u32 rss_hash, u16 rss_type)
{
	u32 base = 0x0C000 + 0x40 * q;
	u8 *d = ring(base);
	u32 count = *reg(base + 0x08) / 16, head = *reg(base + 0x10);
	u64 addr;

	if (!(*reg(0x00100) & 0x2) || !count || head == *reg(base + 0x18))
		return false;
	memcpy(&addr, d + 16 * head, 8);
	memcpy((void *)(uintptr_t)addr, frame, len);
	memset(d + 16 * head, 0, 16);
	memcpy(d + 16 * head, &rss_type, 2);
	memcpy(d + 16 * head + 4, &rss_hash, 4);
	staterr |= 0x1;		/* DD */
	memcpy(d + 16 * head + 8, &staterr, 4);
	memcpy(d + 16 * head + 12, &len, 2);
	*reg(base + 0x10) = (head + 1) % count;
	return true;
}

bool fake_igb_rx(const void *frame, u16 len, u32 staterr)
{
	return fake_igb_rx_queue(0, frame, len, staterr);
}

/* DS 7.2.2.3: DTYP/DCMD in the third dword; DD at bit 0 of the fourth. */
unsigned int fake_igb_tx_complete_queue(unsigned int q)
{
	u32 base = 0x0E000 + 0x40 * q;
	u8 *d = ring(base);
	u32 count = *reg(base + 0x08) / 16, head = *reg(base + 0x10), n = 0;

	while (count && head != *reg(base + 0x18)) {
		u32 cmd;

		memcpy(&cmd, d + 16 * head + 8, 4);
		if (cmd & (1u << 27)) {		/* RS */
			u32 dd = 1;

			memcpy(d + 16 * head + 12, &dd, 4);
		}
		head = (head + 1) % count;
		n++;
	}
	*reg(base + 0x10) = head;
	return n;
}

unsigned int fake_igb_tx_complete(void)
{
	return fake_igb_tx_complete_queue(0);
}

/* ---- the platform ---- */

/* No test.fault= in these tests. */
bool test_fault_is(const char *name)
{
	return false;
}

/* The RSS key's source: fixed here, so a test can recognise it in RSSRK. */
u32 get_random_u32(void)
{
	return 0x6d5a6d5a;
}

void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen)
{
	return bar == 0 ? fake_igb_bar : NULL;
}
void pci_iounmap(struct pci_dev *dev, void *addr) {}
void pci_set_master(struct pci_dev *dev) {}
void pci_clear_master(struct pci_dev *dev) {}

int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  unsigned int flags)
{
	static const unsigned int order[] = { PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_LEGACY };

	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++) {
		if (!(flags & order[i] & fake_igb_irq_types))
			continue;
		if (order[i] == PCI_IRQ_MSIX && fake_igb_msix_vectors < min_vecs)
			continue;
		dev->nr_irqs = order[i] == PCI_IRQ_MSIX ? min(max_vecs, fake_igb_msix_vectors) : 1;
		for (unsigned int v = 0; v < dev->nr_irqs; v++)
			dev->irqs[v] = FAKE_IGB_FIRST_IRQ + (int)v;
		return (int)dev->nr_irqs;
	}
	return -ENOSPC;
}
int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	return nr < dev->nr_irqs ? dev->irqs[nr] : -EINVAL;
}
void pci_free_irq_vectors(struct pci_dev *dev) { dev->nr_irqs = 0; }

int fake_igb_run_module_init(void)
{
	return fake_nic_run_initcall("igb_init_module");
}
