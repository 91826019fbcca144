/* See e1000_fake.h. */
#include "e1000_fake.h"

#include <stdlib.h>
#include <string.h>
#include <lib/errno.h>
#include <lib/initcall.h>

u8 *fake_e1000_bar;
u16 fake_e1000_eeprom[64];
struct pci_dev fake_e1000_pdev;
bool fake_e1000_rst_stuck, fake_e1000_eerd_dead, fake_e1000_io_bar;
unsigned int fake_e1000_io_writes, fake_e1000_mmio_rst_writes;
const char *fake_e1000_fault;
static u32 io_addr;
/* EERD as the SDM (13.4.4) lays it out, not from the driver's header: a
 * driver with the 82574's layout must fail against this fake. */
#define SDM_EERD_START		0x1u
#define SDM_EERD_DONE		0x10u
#define SDM_EERD_ADDR_SHIFT	8
#define SDM_EERD_DATA_SHIFT	16

static u32 *reg(u32 off) { return (u32 *)(fake_e1000_bar + off); }
u32 fake_e1000_reg(u32 off) { return *reg(off); }
void fake_e1000_reg_set(u32 off, u32 v) { *reg(off) = v; }

void fake_e1000_fix_checksum(void)
{
	u16 sum = 0;

	for (int i = 0; i < 63; i++)
		sum += fake_e1000_eeprom[i];
	fake_e1000_eeprom[63] = (u16)(E1000_EEPROM_SUM - sum);
}

void fake_e1000_reset(const u8 *mac)
{
	fake_e1000_teardown();
	fake_e1000_bar = calloc(1, FAKE_E1000_BAR_SIZE);
	memset(fake_e1000_eeprom, 0, sizeof(fake_e1000_eeprom));
	for (int i = 0; i < 3; i++)
		fake_e1000_eeprom[i] = mac[2 * i] | (mac[2 * i + 1] << 8);
	fake_e1000_eeprom[10] = 0x1234;		/* something besides the address */
	fake_e1000_fix_checksum();
	*reg(E1000_STATUS) = E1000_STATUS_LU | E1000_STATUS_FD | (2u << E1000_STATUS_SPEED_SHIFT);
	fake_e1000_rst_stuck = fake_e1000_eerd_dead = false;
	fake_e1000_io_writes = fake_e1000_mmio_rst_writes = 0;
	memset(fake_e1000_phy, 0, sizeof(fake_e1000_phy));
	fake_e1000_phy[MII_BMCR] = BMCR_ANENABLE;
	fake_e1000_phy[MII_BMSR] = BMSR_LSTATUS | BMSR_ANEGCOMPLETE;
	fake_e1000_phy[MII_ADVERTISE] = ADVERTISE_CSMA | ADVERTISE_ALL_10_100;
	fake_e1000_phy[MII_LPA] = ADVERTISE_CSMA | ADVERTISE_ALL_10_100 | ADVERTISE_PAUSE_CAP;
	fake_e1000_an_restarts = 0;
	*reg(E1000_PBA) = 48;	/* the 82540EM's 48 KB for RX */
	memset(&fake_e1000_pdev, 0, sizeof(fake_e1000_pdev));
	fake_e1000_pdev.devfn = PCI_DEVFN(3, 0);	/* QEMU's first free slot on pc */
	fake_nic_reset();
	fake_e1000_pdev.vendor = E1000_VENDOR_ID_INTEL;
	fake_e1000_pdev.device = E1000_DEV_ID_82540EM;
	fake_e1000_pdev.resource[0] = (struct resource){ 0xFEBC0000, FAKE_E1000_BAR_SIZE,
							 IORESOURCE_MEM };
	if (fake_e1000_io_bar)
		fake_e1000_pdev.resource[1] = (struct resource){ FAKE_E1000_IO_BASE, 64,
								 IORESOURCE_IO };
}

void fake_e1000_teardown(void)
{
	free(fake_e1000_bar);
	fake_e1000_bar = NULL;
}

static bool in_bar(const volatile void *addr, u32 *off)
{
	return fake_nic_in_bar(fake_e1000_bar, FAKE_E1000_BAR_SIZE, addr, off);
}

static bool is_stat(u32 off) { return off >= E1000_CRCERRS && off < 0x04100; }

static u32 reg_read(u32 off)
{
	u32 v = *reg(off);

	if (off == E1000_ICR)
		*reg(off) = 0;		/* the 8254x clears ICR on every read */
	else if (off == E1000_CTRL && fake_e1000_rst_stuck)
		v |= E1000_CTRL_RST;
	else if (is_stat(off))
		*reg(off) = 0;
	return v;
}

/*
 * The internal PHY behind MDIC (SDM 13.4.7): 32 clause-22 registers at
 * address 1, each frame done at once (READY); another address sets ERROR.
 * BMCR.ANRESTART self-clears and counts; autonegotiation completes at once.
 */
u16 fake_e1000_phy[32];
unsigned int fake_e1000_an_restarts;

static void mdic_write(u32 v)
{
	u32 regno = (v >> 16) & 0x1F, phy = (v >> 21) & 0x1F;
	u16 data = (u16)v;

	if (phy != 1) {
		*reg(E1000_MDIC) = v | E1000_MDIC_READY | E1000_MDIC_ERROR;
		return;
	}
	if (v & E1000_MDIC_OP_WRITE) {
		if (regno == MII_BMCR && (data & BMCR_ANRESTART)) {
			fake_e1000_an_restarts++;
			data &= (u16)~BMCR_ANRESTART;
			fake_e1000_phy[MII_BMSR] |= BMSR_ANEGCOMPLETE;
		}
		fake_e1000_phy[regno] = data;
	} else {
		data = fake_e1000_phy[regno];
	}
	*reg(E1000_MDIC) = (v & ~0xFFFFu) | data | E1000_MDIC_READY;
}

static void reg_write(u32 off, u32 v)
{
	switch (off) {
	case E1000_CTRL:
		*reg(off) = v & ~E1000_CTRL_RST;	/* the reset completes at once */
		if (v & E1000_CTRL_RST)
			*reg(E1000_IMS) = 0;
		return;
	case E1000_EERD: {
		u32 word = (v >> SDM_EERD_ADDR_SHIFT) & 0xFF;

		if (!(v & SDM_EERD_START) || fake_e1000_eerd_dead || word >= 64) {
			*reg(off) = v & ~SDM_EERD_DONE;
			return;
		}
		*reg(off) = ((u32)fake_e1000_eeprom[word] << SDM_EERD_DATA_SHIFT) |
			    (word << SDM_EERD_ADDR_SHIFT) | SDM_EERD_DONE;
		return;
	}
	case E1000_MDIC:
		mdic_write(v);
		return;
	case E1000_IMS:
		*reg(off) |= v;
		return;
	case E1000_IMC:
		*reg(E1000_IMS) &= ~v;
		return;
	case E1000_ICS:
		*reg(E1000_ICR) |= v;
		return;
	default:
		*reg(off) = v;
	}
}

bool fake_mmio_read(const volatile void *addr, int size, u64 *val)
{
	u32 off;

	if (!in_bar(addr, &off))
		return false;
	*val = reg_read(off);
	return true;
}

bool fake_mmio_write(volatile void *addr, int size, u64 val)
{
	u32 off;

	if (!in_bar(addr, &off))
		return false;
	if (off == E1000_CTRL && (val & E1000_CTRL_RST))
		fake_e1000_mmio_rst_writes++;
	reg_write(off, (u32)val);
	return true;
}

/* IOADDR selects a register, IODATA reads or writes it (SDM 13.2). */
u32 fake_port_read(u16 port, int size)
{
	if (port == FAKE_E1000_IO_BASE + E1000_IODATA && io_addr < FAKE_E1000_BAR_SIZE)
		return reg_read(io_addr);
	return port == FAKE_E1000_IO_BASE ? io_addr : ~0u;
}

void fake_port_write(u16 port, int size, u32 val)
{
	if (port == FAKE_E1000_IO_BASE + E1000_IOADDR) {
		io_addr = val;
	} else if (port == FAKE_E1000_IO_BASE + E1000_IODATA && io_addr < FAKE_E1000_BAR_SIZE) {
		fake_e1000_io_writes++;
		reg_write(io_addr, val);
	}
}

static void *ring(u32 bal)
{
	return (void *)(uintptr_t)(((u64)*reg(bal + 4) << 32) | *reg(bal));
}

bool fake_e1000_rx(const void *frame, u16 len, u8 status, u8 errors)
{
	struct e1000_rx_desc *d = ring(E1000_RDBAL);
	u32 count = *reg(E1000_RDLEN) / sizeof(*d), head = *reg(E1000_RDH);

	if (!(*reg(E1000_RCTL) & E1000_RCTL_EN) || !count || head == *reg(E1000_RDT))
		return false;
	memcpy((void *)(uintptr_t)d[head].buffer_addr, frame, len);
	d[head].length = len;
	d[head].errors = errors;
	d[head].status = status | E1000_RXD_STAT_DD;
	*reg(E1000_RDH) = (head + 1) % count;
	*reg(E1000_ICR) |= E1000_ICR_RXT0;
	return true;
}

unsigned int fake_e1000_tx_complete(void)
{
	struct e1000_tx_desc *d = ring(E1000_TDBAL);
	u32 count = *reg(E1000_TDLEN) / sizeof(*d), head = *reg(E1000_TDH), n = 0;

	while (count && head != *reg(E1000_TDT)) {
		if (d[head].cmd & E1000_TXD_CMD_RS)
			d[head].status |= E1000_TXD_STAT_DD;
		head = (head + 1) % count;
		n++;
	}
	*reg(E1000_TDH) = head;
	if (n)
		*reg(E1000_ICR) |= E1000_ICR_TXDW;
	return n;
}

/* ---- the platform ---- */

bool test_fault_is(const char *name)
{
	return fake_e1000_fault && strcmp(fake_e1000_fault, name) == 0;
}

void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen)
{
	return bar == 0 ? fake_e1000_bar : NULL;
}
void pci_iounmap(struct pci_dev *dev, void *addr) {}
void pci_set_master(struct pci_dev *dev) {}
void pci_clear_master(struct pci_dev *dev) {}

/* The 82540EM has INTx only: anything else is refused. */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  unsigned int flags)
{
	if (!(flags & PCI_IRQ_LEGACY))
		return -ENOSPC;
	dev->nr_irqs = 1;
	dev->irqs[0] = FAKE_E1000_IRQ;
	return 1;
}
int pci_irq_vector(struct pci_dev *dev, unsigned int nr) { return dev->irqs[nr]; }
void pci_free_irq_vectors(struct pci_dev *dev) { dev->nr_irqs = 0; }

int fake_e1000_run_module_init(void)
{
	return fake_nic_run_initcall("e1k_init_module");
}
