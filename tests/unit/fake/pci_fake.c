/* See pci_fake.h. */
#include "pci_fake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/io.h>
#include <drivers/pci/pci.h>

struct acpi_info acpi_info;

static struct fake_pci_fn *fns[256][256];
static u8 *ecam_mem;
static size_t ecam_size;

#define MAX_REGIONS 16
static struct region {
	u64 phys;
	size_t len;
	u8 *mem;
	struct fake_pci_fn *owner;
	int bar;
} regions[MAX_REGIONS];

int fake_pci_absent_reads, fake_pci_port_accesses, fake_pci_ecam_accesses;
int fake_ioremap_outstanding, fake_msix_unsafe_writes;
static u32 conf1_addr;

void fake_pci_reset(void)
{
	pci_destroy_devices();
	for (int b = 0; b < 256; b++)
		for (int d = 0; d < 256; d++) {
			free(fns[b][d]);
			fns[b][d] = NULL;
		}
	for (int i = 0; i < MAX_REGIONS; i++)
		free(regions[i].mem);
	memset(regions, 0, sizeof(regions));
	free(ecam_mem);
	ecam_mem = NULL;
	ecam_size = 0;
	memset(&acpi_info, 0, sizeof(acpi_info));
	fake_pci_absent_reads = fake_pci_port_accesses = fake_pci_ecam_accesses = 0;
	fake_ioremap_outstanding = fake_msix_unsafe_writes = 0;
	conf1_addr = 0;
	fake_irq_reset();
	fake_console_clear();
	console_loglevel = 7;
	pci_ecam_setup(NULL, 0, 0);
	pci_set_ops(&pci_type1_ops);
}

u8 fake_cfg8(struct fake_pci_fn *f, u16 off) { return f->cfg[off]; }
u16 fake_cfg16(struct fake_pci_fn *f, u16 off) { return (u16)(f->cfg[off] | f->cfg[off + 1] << 8); }
u32 fake_cfg32(struct fake_pci_fn *f, u16 off)
{
	return (u32)fake_cfg16(f, off) | (u32)fake_cfg16(f, off + 2) << 16;
}

void fake_cfg_put16(struct fake_pci_fn *f, u16 off, u16 v)
{
	f->cfg[off] = (u8)v;
	f->cfg[off + 1] = (u8)(v >> 8);
}

void fake_cfg_put32(struct fake_pci_fn *f, u16 off, u32 v)
{
	fake_cfg_put16(f, off, (u16)v);
	fake_cfg_put16(f, off + 2, (u16)(v >> 16));
}

static void put_wmask32(struct fake_pci_fn *f, u16 off, u32 m)
{
	for (int i = 0; i < 4; i++)
		f->wmask[off + i] = (u8)(m >> (8 * i));
}

struct fake_pci_fn *fake_pci_add(u8 bus, u8 slot, u8 fn, u16 vendor, u16 device,
				 u32 class, u8 hdr_type)
{
	struct fake_pci_fn *f = calloc(1, sizeof(*f));
	u8 devfn = PCI_DEVFN(slot, fn);

	free(fns[bus][devfn]);
	fns[bus][devfn] = f;
	fake_cfg_put16(f, PCI_VENDOR_ID, vendor);
	fake_cfg_put16(f, PCI_DEVICE_ID, device);
	fake_cfg_put32(f, PCI_CLASS_REVISION, class << 8);
	f->cfg[PCI_HEADER_TYPE] = hdr_type;
	/* Writable: COMMAND, interrupt line, bridge bus numbers, capability bodies. */
	f->wmask[PCI_COMMAND] = 0xff;
	f->wmask[PCI_COMMAND + 1] = 0xff;
	f->wmask[PCI_INTERRUPT_LINE] = 0xff;
	if ((hdr_type & 0x7f) == PCI_HEADER_TYPE_BRIDGE)
		memset(&f->wmask[PCI_PRIMARY_BUS], 0xff, 3);
	memset(&f->wmask[0x40], 0xff, sizeof(f->wmask) - 0x40);
	return f;
}

struct fake_pci_fn *fake_pci_fn_at(u8 bus, u8 devfn) { return fns[bus][devfn]; }

void fake_pci_set_bar(struct fake_pci_fn *f, int bar, enum fake_bar_kind kind,
		      u64 addr, u64 size)
{
	u16 off = (u16)(PCI_BASE_ADDRESS_0 + 4 * bar);
	u64 mask = ~(size - 1);

	f->bar_size[bar] = size;
	switch (kind) {
	case FAKE_BAR_IO:	/* a 16-bit decoder: upper half reads back 0 */
		fake_cfg_put32(f, off, (u32)addr | PCI_BASE_ADDRESS_SPACE_IO);
		put_wmask32(f, off, (u32)mask & 0xfffc);
		break;
	case FAKE_BAR_MEM32:
		fake_cfg_put32(f, off, (u32)addr);
		put_wmask32(f, off, (u32)mask & ~0xfu);
		break;
	case FAKE_BAR_MEM64:
	case FAKE_BAR_MEM64_PREF:
		fake_cfg_put32(f, off, (u32)addr | PCI_BASE_ADDRESS_MEM_TYPE_64 |
			       (kind == FAKE_BAR_MEM64_PREF ? PCI_BASE_ADDRESS_MEM_PREFETCH : 0));
		put_wmask32(f, off, (u32)mask & ~0xfu);
		fake_cfg_put32(f, off + 4, (u32)(addr >> 32));
		put_wmask32(f, off + 4, (u32)(mask >> 32));
		break;
	}
}

void fake_pci_set_bridge(struct fake_pci_fn *f, u8 primary, u8 secondary, u8 subordinate)
{
	f->cfg[PCI_PRIMARY_BUS] = primary;
	f->cfg[PCI_SECONDARY_BUS] = secondary;
	f->cfg[PCI_SUBORDINATE_BUS] = subordinate;
}

void fake_pci_set_irq(struct fake_pci_fn *f, u8 pin, u8 line)
{
	f->cfg[PCI_INTERRUPT_PIN] = pin;
	f->cfg[PCI_INTERRUPT_LINE] = line;
}

void fake_pci_add_cap(struct fake_pci_fn *f, u8 pos, u8 id, u8 len)
{
	f->cfg[pos] = id;
	f->cfg[pos + 1] = 0;
	f->wmask[pos] = f->wmask[pos + 1] = 0;
	if (f->last_cap)
		f->cfg[f->last_cap + 1] = pos;
	else
		f->cfg[PCI_CAPABILITY_LIST] = pos;
	f->last_cap = pos;
	fake_cfg_put16(f, PCI_STATUS, fake_cfg16(f, PCI_STATUS) | PCI_STATUS_CAP_LIST);
	(void)len;
}

void fake_pci_set_cap_next(struct fake_pci_fn *f, u8 pos, u8 next) { f->cfg[pos + 1] = next; }

void fake_pci_add_pm(struct fake_pci_fn *f, u8 pos, u8 state, bool no_soft_reset)
{
	fake_pci_add_cap(f, pos, PCI_CAP_ID_PM, 8);
	fake_cfg_put16(f, pos + PCI_PM_PMC, 0x0003);
	f->wmask[pos + PCI_PM_PMC] = f->wmask[pos + PCI_PM_PMC + 1] = 0;
	fake_cfg_put16(f, pos + PCI_PM_CTRL, state | (no_soft_reset ? PCI_PM_CTRL_NO_SOFT_RESET : 0));
	f->wmask[pos + PCI_PM_CTRL] = PCI_PM_CTRL_STATE_MASK;
	f->wmask[pos + PCI_PM_CTRL + 1] = 0x01;		/* PME_En; PME_Status is W1C, below */
	f->pm_cap = pos;
}

extern u64 fake_now_ns;	/* arch_fake.c: moved by udelay()/mdelay() */

/* What a PMCSR write does besides storing the writable bits. */
static void fake_pm_write(struct fake_pci_fn *f, u16 v, u16 before)
{
	u16 after;

	f->pm_writes++;
	f->pm_last_write = v;
	if (v & PCI_PM_CTRL_PME_STATUS)		/* write one to clear */
		before &= ~PCI_PM_CTRL_PME_STATUS;
	if (f->pm_stuck)
		v = (v & ~PCI_PM_CTRL_STATE_MASK) | (before & PCI_PM_CTRL_STATE_MASK);
	after = (u16)((before & ~0x0103) | (v & 0x0103));
	fake_cfg_put16(f, f->pm_cap + PCI_PM_CTRL, after);
	if ((before & PCI_PM_CTRL_STATE_MASK) == PCI_D3hot &&
	    (after & PCI_PM_CTRL_STATE_MASK) == PCI_D0) {
		f->pm_d0_at_ns = fake_now_ns;
		if (!(before & PCI_PM_CTRL_NO_SOFT_RESET)) {
			/* Hardwired bits (a BAR's type) survive a reset; the rest reads 0. */
			for (int i = PCI_BASE_ADDRESS_0; i < PCI_BASE_ADDRESS_0 + 24; i++)
				f->cfg[i] &= (u8)~f->wmask[i];
			fake_cfg_put16(f, PCI_COMMAND, 0);
			f->cfg[PCI_INTERRUPT_LINE] = 0;
		}
	}
}

void fake_pci_add_msi(struct fake_pci_fn *f, u8 pos, bool is64, bool maskbit)
{
	/* Multiple message capable: 4 vectors (QMASK 010), so the limit to 1 shows. */
	u16 ctrl = 0x0004 | (is64 ? PCI_MSI_FLAGS_64BIT : 0) | (maskbit ? PCI_MSI_FLAGS_MASKBIT : 0);

	fake_pci_add_cap(f, pos, PCI_CAP_ID_MSI, 24);
	fake_cfg_put16(f, pos + PCI_MSI_FLAGS, ctrl);
	f->wmask[pos + PCI_MSI_FLAGS] = PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE;
	f->wmask[pos + PCI_MSI_FLAGS + 1] = 0;
}

void fake_pci_add_msix(struct fake_pci_fn *f, u8 pos, u16 table_size, u8 bir,
		       u32 table_off, u8 pba_bir, u32 pba_off)
{
	fake_pci_add_cap(f, pos, PCI_CAP_ID_MSIX, 12);
	fake_cfg_put16(f, pos + PCI_MSIX_FLAGS, (u16)(table_size - 1));
	f->wmask[pos + PCI_MSIX_FLAGS] = 0;
	f->wmask[pos + PCI_MSIX_FLAGS + 1] = 0xc0;	/* enable, function mask */
	fake_cfg_put32(f, pos + PCI_MSIX_TABLE, table_off | bir);
	fake_cfg_put32(f, pos + PCI_MSIX_PBA, pba_off | pba_bir);
	put_wmask32(f, pos + PCI_MSIX_TABLE, 0);
	put_wmask32(f, pos + PCI_MSIX_PBA, 0);
}

u8 *fake_pci_back_bar(struct fake_pci_fn *f, int bar)
{
	u64 addr = fake_cfg32(f, (u16)(PCI_BASE_ADDRESS_0 + 4 * bar)) & ~0xfull;

	if ((fake_cfg32(f, (u16)(PCI_BASE_ADDRESS_0 + 4 * bar)) & 6) == 4)
		addr |= (u64)fake_cfg32(f, (u16)(PCI_BASE_ADDRESS_0 + 4 * bar + 4)) << 32;
	for (int i = 0; i < MAX_REGIONS; i++) {
		if (!regions[i].mem) {
			regions[i] = (struct region){ addr, f->bar_size[bar],
						      calloc(1, f->bar_size[bar]), f, bar };
			return regions[i].mem;
		}
	}
	abort();
}

void fake_pci_enable_mcfg(u8 end_bus)
{
	acpi_info.have_mcfg = true;
	acpi_info.nr_mcfg = 1;
	acpi_info.mcfg[0] = (struct acpi_mcfg_region){ FAKE_ECAM_PHYS, 0, 0, end_bus };
}

/* ---- the config space model ---- */

static u32 cfg_read(u8 bus, u8 devfn, u16 off, int size)
{
	struct fake_pci_fn *f = fns[bus][devfn];
	u32 v = 0;

	if (!f) {
		fake_pci_absent_reads++;
		return size == 4 ? ~0u : (1u << (8 * size)) - 1;
	}
	if (f->pm_d0_at_ns && fake_now_ns - f->pm_d0_at_ns < 10 * NSEC_PER_MSEC)
		f->pm_early_reads++;
	for (int i = 0; i < size; i++)
		v |= (u32)f->cfg[off + i] << (8 * i);
	return v;
}

static void cfg_write(u8 bus, u8 devfn, u16 off, int size, u32 v)
{
	struct fake_pci_fn *f = fns[bus][devfn];

	if (!f)
		return;
	if (off >= PCI_BASE_ADDRESS_0 && off < PCI_BASE_ADDRESS_0 + 24 &&
	    (fake_cfg16(f, PCI_COMMAND) & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)))
		f->bar_writes_decode_on++;
	if (f->pm_cap && off == f->pm_cap + PCI_PM_CTRL && size == 2) {
		fake_pm_write(f, (u16)v, fake_cfg16(f, off));
		return;
	}
	for (int i = 0; i < size; i++) {
		u8 m = f->wmask[off + i], b = (u8)(v >> (8 * i));

		f->cfg[off + i] = (u8)((f->cfg[off + i] & ~m) | (b & m));
	}
}

/* Type 1: the address latch at 0xCF8, data at 0xCFC-0xCFF. */
u32 fake_port_read(u16 port, int size)
{
	if (port == 0xcf8)
		return conf1_addr;
	if (port < 0xcfc || port > 0xcff)
		return ~0u;
	fake_pci_port_accesses++;
	if (!(conf1_addr & 0x80000000u))
		return ~0u;
	return cfg_read((u8)(conf1_addr >> 16), (u8)(conf1_addr >> 8),
			(u16)((conf1_addr & 0xfc) + (port - 0xcfc)), size);
}

void fake_port_write(u16 port, int size, u32 val)
{
	fake_pci_port_accesses++;
	if (port == 0xcf8 && size == 4)
		conf1_addr = val;
	else if (port >= 0xcfc && port <= 0xcff && (conf1_addr & 0x80000000u))
		cfg_write((u8)(conf1_addr >> 16), (u8)(conf1_addr >> 8),
			  (u16)((conf1_addr & 0xfc) + (port - 0xcfc)), size, val);
}

/* ---- MMIO: the ECAM window and BAR-backed buffers ---- */

static bool in_ecam(const volatile void *a, size_t *off)
{
	const u8 *p = (const u8 *)(uintptr_t)a;

	if (!ecam_mem || p < ecam_mem || p >= ecam_mem + ecam_size)
		return false;
	*off = (size_t)(p - ecam_mem);
	return true;
}

bool fake_mmio_read(const volatile void *addr, int size, u64 *val)
{
	size_t off;

	if (!in_ecam(addr, &off))
		return false;
	fake_pci_ecam_accesses++;
	*val = cfg_read((u8)(off >> 20), (u8)(off >> 12), (u16)(off & 0xfff), size);
	return true;
}

/* 6.8.2: an entry's address/data may change only while it cannot fire. */
static void check_msix_write(const struct region *r, size_t off)
{
	struct fake_pci_fn *f = r->owner;
	u8 pos = 0;

	/* Masked and bounded as drivers/pci walks it: a looping list is data. */
	for (unsigned int p = f->cfg[PCI_CAPABILITY_LIST] & 0xfc, n = 0; p && n < 48;
	     p = f->cfg[p + 1] & 0xfc, n++)
		if (f->cfg[p] == PCI_CAP_ID_MSIX) {
			pos = p;
			break;
		}
	if (!pos || (fake_cfg32(f, pos + PCI_MSIX_TABLE) & 7) != (u32)r->bar)
		return;
	u32 toff = fake_cfg32(f, pos + PCI_MSIX_TABLE) & ~7u;
	u16 ctrl = fake_cfg16(f, pos + PCI_MSIX_FLAGS);
	size_t n = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1u;

	if (off < toff || off >= toff + n * 16 || (off - toff) % 16 == 12)
		return;
	u32 vctl;

	memcpy(&vctl, r->mem + toff + (off - toff) / 16 * 16 + 12, 4);
	if ((ctrl & PCI_MSIX_FLAGS_ENABLE) && !(ctrl & PCI_MSIX_FLAGS_MASKALL) && !(vctl & 1))
		fake_msix_unsafe_writes++;
}

bool fake_mmio_write(volatile void *addr, int size, u64 val)
{
	const u8 *p = (const u8 *)(uintptr_t)addr;
	size_t off;

	if (in_ecam(addr, &off)) {
		fake_pci_ecam_accesses++;
		cfg_write((u8)(off >> 20), (u8)(off >> 12), (u16)(off & 0xfff), size, (u32)val);
		return true;
	}
	for (int i = 0; i < MAX_REGIONS; i++)
		if (regions[i].mem && p >= regions[i].mem && p < regions[i].mem + regions[i].len)
			check_msix_write(&regions[i], (size_t)(p - regions[i].mem));
	return false;	/* the buffer itself stores it */
}

void *ioremap(phys_addr_t phys, size_t size)
{
	if (phys == FAKE_ECAM_PHYS && !ecam_mem && size <= (size_t)256 << 20) {
		ecam_mem = calloc(1, size);	/* never touched: the hooks intercept */
		ecam_size = size;
		fake_ioremap_outstanding++;
		return ecam_mem;
	}
	for (int i = 0; i < MAX_REGIONS; i++) {
		struct region *r = &regions[i];

		if (r->mem && phys >= r->phys && phys + size <= r->phys + r->len) {
			fake_ioremap_outstanding++;
			return r->mem + (phys - r->phys);
		}
	}
	fprintf(stderr, "fake ioremap: nothing at %#llx+%#zx\n", (unsigned long long)phys, size);
	return NULL;
}

void iounmap(void *addr)
{
	if (addr)
		fake_ioremap_outstanding--;
}

/* ---- console capture ---- */

char fake_console[65536];

static void capture_write(struct console *con, const char *s, size_t len)
{
	size_t used = strlen(fake_console);

	if (used + len < sizeof(fake_console)) {
		memcpy(fake_console + used, s, len);
		fake_console[used + len] = '\0';
	}
	if (getenv("PCI_TEST_VERBOSE") && fwrite(s, 1, len, stderr) != len)
		return;
}

static struct console capture_console = { .name = "capture", .write = capture_write };

void fake_console_clear(void)
{
	static bool registered;

	if (!registered) {
		register_console(&capture_console);
		registered = true;
	}
	fake_console[0] = '\0';
}

bool fake_console_has(const char *needle) { return strstr(fake_console, needle) != NULL; }

int fake_console_count(const char *needle)
{
	int n = 0;

	for (const char *p = strstr(fake_console, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}
