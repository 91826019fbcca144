/* See e1000e_fake.h. Register behaviour follows docs/e1000e-qemu.md. */
#include "e1000e_fake.h"
#include "e1000e_phy_fake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/testfault.h>

u8 *fake_e1000e_bar;
u8 fake_e1000e_mac[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
u16 fake_e1000e_nvm[64];
u16 fake_e1000e_phy[32];
struct pci_dev fake_e1000e_pdev;

bool fake_e1000e_msix_mode, fake_e1000e_rst_stuck;
unsigned int fake_e1000e_irq_types = PCI_IRQ_ALL_TYPES;
const char *fake_e1000e_fault;

unsigned int fake_e1000e_ro_writes, fake_e1000e_wo_reads, fake_e1000e_resets;
int fake_e1000e_iomap_live;
int fake_e1000e_aspm_disabled;
bool fake_e1000e_bus_master;
unsigned int fake_e1000e_writebacks_to_freed;

extern u64 fake_now_ns;		/* arch_fake.c: udelay()/mdelay() move it */
static bool rx_dma_live, tx_dma_live;	/* see fake_e1000e_writebacks_to_freed */
#define NR_EVENTS 64
static struct { const char *what; u64 ns; } events[NR_EVENTS];
static int nr_events;

static void dma_free_hook(void *vaddr);

static void event(const char *what)
{
	if (nr_events < NR_EVENTS)
		events[nr_events++] = (typeof(events[0])){ what, fake_now_ns };
}

int fake_e1000e_event_after(const char *what, int from)
{
	for (int i = from < 0 ? 0 : from; i < nr_events; i++) {
		if (strcmp(events[i].what, what) == 0)
			return i;
	}
	return -1;
}

u64 fake_e1000e_event_ns(int index) { return events[index].ns; }
void fake_e1000e_clear_events(void) { nr_events = 0; }

static unsigned int write_count[FAKE_E1000E_BAR_SIZE / 4];
#define WLOG_SIZE 8192
static struct { u32 off, val; } wlog[WLOG_SIZE];
static unsigned int wlog_n;

static u32 *reg(u32 off) { return (u32 *)(fake_e1000e_bar + off); }
u32 fake_reg(u32 off) { return *reg(off); }
void fake_reg_set(u32 off, u32 v) { *reg(off) = v; }
unsigned int fake_reg_writes(u32 off) { return write_count[off / 4]; }

void fake_reg_clear_writes(void)
{
	memset(write_count, 0, sizeof(write_count));
	wlog_n = 0;
}

u32 fake_reg_written(u32 off, unsigned int n)
{
	for (unsigned int i = wlog_n; i-- > 0;) {
		if (wlog[i].off == off && n-- == 0)
			return wlog[i].val;
	}
	return ~0u;
}

static void load_rar0(void)
{
	const u8 *m = fake_e1000e_mac;

	*reg(E1000_RAL(0)) = m[0] | m[1] << 8 | m[2] << 16 | (u32)m[3] << 24;
	*reg(E1000_RAH(0)) = m[4] | m[5] << 8 | E1000_RAH_AV;
}

void fake_e1000e_reset(void)
{
	u16 sum = 0;

	if (!fake_e1000e_bar)
		fake_e1000e_bar = malloc(FAKE_E1000E_BAR_SIZE);
	memset(fake_e1000e_bar, 0, FAKE_E1000E_BAR_SIZE);
	fake_reg_clear_writes();
	fake_e1000e_msix_mode = fake_e1000e_rst_stuck = false;
	fake_e1000e_irq_types = PCI_IRQ_ALL_TYPES;
	fake_e1000e_fault = NULL;
	fake_e1000e_ro_writes = fake_e1000e_wo_reads = fake_e1000e_resets = 0;
	fake_e1000e_aspm_disabled = 0;
	fake_e1000e_bus_master = false;
	fake_e1000e_writebacks_to_freed = 0;
	rx_dma_live = tx_dma_live = false;
	nr_events = 0;
	fake_nic_reset();
	fake_nic_dma_free_hook = dma_free_hook;

	/* QEMU's e1000e_mac_reg_init values the driver may look at. */
	*reg(E1000_CTRL) = E1000_CTRL_FD | E1000_CTRL_SLU | E1000_CTRL_SPD_1000;
	*reg(E1000_STATUS) = E1000_STATUS_LU | E1000_STATUS_FD | E1000_STATUS_SPEED_1000;
	*reg(E1000_EECD) = E1000_EECD_PRES | E1000_EECD_AUTO_RD;
	*reg(E1000_EERD) = E1000_NVM_RW_REG_DONE;
	*reg(E1000_RXCSUM) = E1000_RXCSUM_IPOFL | E1000_RXCSUM_TUOFL;
	*reg(E1000_TARC(0)) = 3 | E1000_TARC_ENABLE;
	load_rar0();

	memset(fake_e1000e_nvm, 0, sizeof(fake_e1000e_nvm));
	for (int w = 0; w < 3; w++)
		fake_e1000e_nvm[w] = fake_e1000e_mac[2 * w] | fake_e1000e_mac[2 * w + 1] << 8;
	for (int w = 0; w < E1000_NVM_CHECKSUM_REG; w++)
		sum += fake_e1000e_nvm[w];
	fake_e1000e_nvm[E1000_NVM_CHECKSUM_REG] = (u16)(E1000_NVM_SUM - sum);

	fake_phy_reset();	/* e1000e_phy_fake.c: registers, link, semaphore */

	memset(&fake_e1000e_pdev, 0, sizeof(fake_e1000e_pdev));
	fake_e1000e_pdev.vendor = E1000_VENDOR_ID_INTEL;
	fake_e1000e_pdev.device = E1000_DEV_ID_82574L;
	fake_e1000e_pdev.resource[0].start = 0xfeb80000;
	fake_e1000e_pdev.resource[0].len = FAKE_E1000E_BAR_SIZE;
	fake_e1000e_pdev.resource[0].flags = IORESOURCE_MEM;
}

void fake_e1000e_teardown(void)
{
	free(fake_e1000e_bar);
	fake_e1000e_bar = NULL;
}

/* ---- register side effects ---- */

static bool in_bar(const volatile void *addr, u32 *off)
{
	return fake_nic_in_bar(fake_e1000e_bar, FAKE_E1000E_BAR_SIZE, addr, off);
}

static bool is_stat(u32 off) { return off >= E1000_CRCERRS && off <= E1000_IAC; }
static bool is_stat_low(u32 off)
{
	return off == E1000_GORCL || off == E1000_GOTCL || off == E1000_TORL || off == E1000_TOTL;
}
static bool is_stat_high(u32 off) { return is_stat_low(off - 4); }

bool fake_mmio_read(const volatile void *addr, int size, u64 *val)
{
	u32 off, v;

	if (!in_bar(addr, &off))
		return false;
	fake_phy_tick();	/* autoneg and the NVM auto-read finish in fake time */
	v = *reg(off);
	if (off == E1000_ICR) {
		if (!fake_e1000e_msix_mode)
			*reg(off) = 0;
	} else if (off == E1000_IMC) {
		fake_e1000e_wo_reads++;
	} else if (off == E1000_CTRL && fake_e1000e_rst_stuck) {
		v |= E1000_CTRL_RST;
	} else if (is_stat(off) && !is_stat_low(off)) {
		/* Clear on read; the high half of a pair clears both (read low first). */
		*reg(off) = 0;
		if (is_stat_high(off))
			*reg(off - 4) = 0;
	}
	*val = v;
	return true;
}

static void eerd_write(u32 v)
{
	u32 word = (v >> E1000_NVM_RW_ADDR_SHIFT) & 0x3FFF;

	if (!(v & E1000_NVM_RW_REG_START))
		return;
	if (word >= 64) {	/* QEMU: no such word, DONE never comes */
		*reg(E1000_EERD) = v & ~E1000_NVM_RW_REG_DONE;
		return;
	}
	*reg(E1000_EERD) = ((u32)fake_e1000e_nvm[word] << E1000_NVM_RW_REG_DATA) |
			   (word << E1000_NVM_RW_ADDR_SHIFT) | E1000_NVM_RW_REG_DONE;
}

bool fake_mmio_write(volatile void *addr, int size, u64 val)
{
	u32 off, v = (u32)val;

	if (!in_bar(addr, &off))
		return false;
	write_count[off / 4]++;
	if (wlog_n < WLOG_SIZE) {
		wlog[wlog_n].off = off;
		wlog[wlog_n++].val = v;
	}
	switch (off) {
	case E1000_CTRL:
		if (v & E1000_CTRL_RST) {
			fake_e1000e_resets++;
			load_rar0();	/* QEMU reloads the permanent address */
			rx_dma_live = tx_dma_live = false;	/* a reset ends all DMA */
			event("reset");
		}
		*reg(off) = v & ~E1000_CTRL_RST;
		return true;
	case E1000_IMS:
		*reg(E1000_IMS) |= v;
		return true;
	case E1000_IMC:
		*reg(E1000_IMS) &= ~v;
		return true;
	case E1000_ICR:
		*reg(E1000_ICR) &= ~v;
		return true;
	case E1000_ICS:
		*reg(E1000_ICR) |= v | E1000_ICR_INT_ASSERTED;
		return true;
	case E1000_EERD:
		eerd_write(v);
		return true;
	case E1000_MDIC:
		fake_phy_mdic_write(v);
		return true;
	case E1000_EXTCNF_CTRL:
		fake_phy_extcnf_write(v);
		return true;
	default:
		break;
	}
	if (is_stat(off)) {
		fake_e1000e_ro_writes++;
		return true;
	}
	if (off == E1000_RCTL || off == E1000_TCTL) {
		u32 en = off == E1000_RCTL ? E1000_RCTL_EN : E1000_TCTL_EN;
		bool *live = off == E1000_RCTL ? &rx_dma_live : &tx_dma_live;

		if (v & en)
			*live = true;
		else if (*reg(off) & en)
			event(off == E1000_RCTL ? "rx_off" : "tx_off");
	}
	*reg(off) = v;
	return true;
}

/* ---- device side of the rings ---- */

static void *ring_base(u32 bal, u32 bah)
{
	return phys_to_virt((phys_addr_t)fake_reg(bal) | (phys_addr_t)fake_reg(bah) << 32);
}

bool fake_e1000e_rx(const void *frame, u16 len, u8 status, u8 errors)
{
	struct e1000_rx_desc *ring = ring_base(E1000_RDBAL(0), E1000_RDBAH(0));
	u32 count = fake_reg(E1000_RDLEN(0)) / sizeof(*ring);
	u32 head = fake_reg(E1000_RDH(0)), tail = fake_reg(E1000_RDT(0));
	struct e1000_rx_desc *d;

	if (!count || head == tail || tail >= count)
		return false;	/* no buffer: QEMU raises RXO and waits */
	d = &ring[head];
	if (frame && len)
		memcpy(phys_to_virt(d->buffer_addr), frame, len);
	d->length = len;
	d->csum = 0;
	d->errors = errors;
	d->special = 0;
	__atomic_store_n(&d->status, status | E1000_RXD_STAT_DD, __ATOMIC_RELEASE);
	fake_reg_set(E1000_RDH(0), (head + 1) % count);
	return true;
}

unsigned int fake_e1000e_tx_complete(void)
{
	struct e1000_data_desc *ring = ring_base(E1000_TDBAL(0), E1000_TDBAH(0));
	u32 count = fake_reg(E1000_TDLEN(0)) / sizeof(*ring);
	u32 head = fake_reg(E1000_TDH(0)), tail = fake_reg(E1000_TDT(0));
	unsigned int n = 0;

	if (!count || tail >= count)
		return 0;
	while (head != tail) {
		if (ring[head].lower & E1000_TXD_CMD_RS)
			ring[head].upper |= E1000_TXD_STAT_DD;
		head = (head + 1) % count;
		n++;
	}
	fake_reg_set(E1000_TDH(0), head);
	return n;
}

/* ---- the platform ---- */

void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen)
{
	if (bar != 0 || !fake_e1000e_bar)
		return NULL;
	fake_e1000e_iomap_live++;
	return fake_e1000e_bar;
}

void pci_iounmap(struct pci_dev *dev, void *addr)
{
	if (addr)
		fake_e1000e_iomap_live--;
}

void pci_set_master(struct pci_dev *dev) { fake_e1000e_bus_master = true; }

void pci_clear_master(struct pci_dev *dev)
{
	fake_e1000e_bus_master = false;
	rx_dma_live = tx_dma_live = false;	/* no memory writes without it */
}

int pci_disable_link_state(struct pci_dev *dev, int state)
{
	fake_e1000e_aspm_disabled |= state;
	return 0;
}

int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  unsigned int flags)
{
	static const unsigned int order[] = { PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_LEGACY };

	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++) {
		if (!(flags & order[i] & fake_e1000e_irq_types))
			continue;
		dev->nr_irqs = order[i] == PCI_IRQ_MSIX ? max_vecs : 1;
		dev->irq_mode = order[i] == PCI_IRQ_MSIX ? PCI_IRQ_MODE_MSIX :
				order[i] == PCI_IRQ_MSI ? PCI_IRQ_MODE_MSI : PCI_IRQ_MODE_INTX;
		for (unsigned int v = 0; v < dev->nr_irqs; v++)
			dev->irqs[v] = FAKE_E1000E_FIRST_IRQ + (int)v;
		return (int)dev->nr_irqs;
	}
	return -ENOSPC;
}

int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	return nr < dev->nr_irqs ? dev->irqs[nr] : -EINVAL;
}

void pci_free_irq_vectors(struct pci_dev *dev)
{
	dev->nr_irqs = 0;
	dev->irq_mode = PCI_IRQ_MODE_NONE;
}

bool test_fault_is(const char *name)
{
	return fake_e1000e_fault && strcmp(fake_e1000e_fault, name) == 0;
}

/* Descriptors in [head, tail) of the ring at base, if vaddr is that ring. */
static unsigned int owned_descs(const void *vaddr, u32 bal, u32 len, u32 head, u32 tail)
{
	u32 count = fake_reg(len) / E1000_DESC_SIZE;
	u32 h = fake_reg(head), t = fake_reg(tail);

	if (!count || vaddr != ring_base(bal, bal + 4) || h >= count || t >= count)
		return 0;
	return (t + count - h) % count;
}

/* Called by the shared fake's dma_free_coherent() before it frees vaddr. */
static void dma_free_hook(void *vaddr)
{
	bool rx;

	if (!fake_e1000e_bar)
		return;
	rx = vaddr == ring_base(E1000_RDBAL(0), E1000_RDBAH(0));
	if (rx || vaddr == ring_base(E1000_TDBAL(0), E1000_TDBAH(0)))
		event(rx ? "free_rx_ring" : "free_tx_ring");
	/* The driver frees a ring's buffers just before the ring itself. */
	if (rx_dma_live)
		fake_e1000e_writebacks_to_freed += owned_descs(vaddr, E1000_RDBAL(0),
			E1000_RDLEN(0), E1000_RDH(0), E1000_RDT(0));
	if (tx_dma_live)
		fake_e1000e_writebacks_to_freed += owned_descs(vaddr, E1000_TDBAL(0),
			E1000_TDLEN(0), E1000_TDH(0), E1000_TDT(0));
}

int fake_e1000e_run_module_init(void)
{
	return fake_nic_run_initcall("e1000e_init_module");
}
