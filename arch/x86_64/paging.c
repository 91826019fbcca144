/*
 * Final page tables. RAM is identity mapped (virtual == physical, so a
 * buffer's address is also its DMA address), with 2 MiB pages where a whole
 * 2 MiB is RAM and 4 KiB pages elsewhere. The kernel image gets per-section
 * permissions: text read-only and executable, everything else no-execute,
 * rodata read-only, and the page under the boot stack unmapped. Page 0 stays
 * unmapped so NULL dereferences fault. MMIO is mapped on demand by ioremap()
 * at its physical address, uncached.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <lib/spinlock.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/paging.h>
#include <boot/bootinfo.h>

/* Page-table entry bits, SDM vol. 3, 4.5 (4-level paging). */
#define PTE_P		BIT_ULL(0)
#define PTE_W		BIT_ULL(1)
#define PTE_PWT		BIT_ULL(3)
#define PTE_PCD		BIT_ULL(4)
#define PTE_PS		BIT_ULL(7)
#define PTE_NX		BIT_ULL(63)
#define PTE_ADDR	0x000FFFFFFFFFF000ULL

#define SIZE_2M		(2ULL << 20)
#define SIZE_4K		4096ULL

extern char __kernel_start[], __text_start[], __text_end[], __rodata_end[],
	__kernel_end[];

static u64 *pml4;
static u64 nx_bit;
static DEFINE_SPINLOCK(paging_lock);

static u64 *alloc_table(void)
{
	u64 *t = alloc_pages(__GFP_ZERO, 0);

	if (!t)
		panic("paging: out of memory for page tables");
	return t;
}

/* Returns the entry for vaddr at 'level' (1 = PTE, 2 = PDE), creating tables above it. */
static u64 *walk(u64 vaddr, int level)
{
	u64 *table = pml4;

	for (int l = 4; l > level; l--) {
		u64 *e = &table[(vaddr >> (12 + 9 * (l - 1))) & 511];

		if (!(*e & PTE_P))
			*e = virt_to_phys(alloc_table()) | PTE_P | PTE_W;
		else if (*e & PTE_PS)
			panic("paging: %#llx is inside a large page", (unsigned long long)vaddr);
		table = phys_to_virt(*e & PTE_ADDR);
	}
	return &table[(vaddr >> (12 + 9 * (level - 1))) & 511];
}

static void map_4k(u64 addr, u64 flags)
{
	*walk(addr, 1) = (addr & PTE_ADDR) | flags;
}

/* Identity maps [start, end) with 'flags', 2 MiB pages wherever alignment allows. */
static void map_range(u64 start, u64 end, u64 flags)
{
	u64 a = ALIGN_DOWN(start, SIZE_4K);

	while (a < end) {
		if (IS_ALIGNED(a, SIZE_2M) && a + SIZE_2M <= end) {
			*walk(a, 2) = a | flags | PTE_PS;
			a += SIZE_2M;
		} else {
			map_4k(a, flags);
			a += SIZE_4K;
		}
	}
}

static u64 section_flags(u64 addr)
{
	if (addr >= (u64)(uintptr_t)__text_start && addr < (u64)(uintptr_t)__text_end)
		return PTE_P;				/* read-only, executable */
	if (addr >= (u64)(uintptr_t)__text_end && addr < (u64)(uintptr_t)__rodata_end)
		return PTE_P | nx_bit;			/* read-only data */
	if (addr < (u64)(uintptr_t)__text_start && addr >= (u64)(uintptr_t)__kernel_start)
		return PTE_P | nx_bit;			/* boot code: ran once, before these tables */
	return PTE_P | PTE_W | nx_bit;
}

const struct stack_guard *stack_guard_of(u64 addr)
{
	for (const struct stack_guard *g = stack_guards; g->page; g++)
		if (addr >= (u64)(uintptr_t)g->page && addr < (u64)(uintptr_t)g->page + SIZE_4K)
			return g;
	return NULL;
}

/* The 2 MiB windows around the kernel image are mapped page by page. */
static void map_kernel_window(u64 lo, u64 hi)
{
	u64 kstart = (u64)(uintptr_t)__kernel_start, kend = (u64)(uintptr_t)__kernel_end;

	for (u64 a = lo; a < hi; a += SIZE_4K) {
		if (a == 0 || stack_guard_of(a))
			continue;
		if (a >= kstart && a < kend)
			map_4k(a, section_flags(a));
		else
			map_4k(a, PTE_P | PTE_W | nx_bit);
	}
}

/*
 * Write-combining for framebuffers: PAT entry 1 (selected by PWT alone) is
 * reprogrammed from write-through to WC, as Linux does; no other mapping
 * here uses PWT alone. The new tables are loaded right after, which flushes
 * the TLB (SDM vol. 3, 11.12.4). Without PAT, ioremap_wc() is uncached.
 */
#define MSR_IA32_PAT		0x277
#define CPUID_1_EDX_PAT		BIT(16)
#define PAT_WC			0x01ULL	/* memory type encoding, SDM vol. 3, table 11-10 */
static bool pat_wc;

static void pat_init(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & CPUID_1_EDX_PAT))
		return;
	wrmsr(MSR_IA32_PAT, (rdmsr(MSR_IA32_PAT) & ~(0xffULL << 8)) | PAT_WC << 8);
	pat_wc = true;
}

int paging_init(void)
{
	u64 kwin_lo = 0;
	u64 kwin_hi = ALIGN((u64)(uintptr_t)__kernel_end, SIZE_2M);

	nx_bit = cpu_has_nx ? PTE_NX : 0;
	pml4 = alloc_pages(__GFP_ZERO, 0);
	if (!pml4)
		return -ENOMEM;

	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct boot_mmap_entry *m = &boot_info.mmap[i];
		u64 start = ALIGN(m->addr, SIZE_4K), end = ALIGN_DOWN(m->addr + m->len, SIZE_4K);

		if (m->type != MMAP_AVAILABLE || end <= start)
			continue;
		/* The kernel window is mapped separately below, page by page. */
		if (start < kwin_hi && end > kwin_lo) {
			if (end > kwin_hi)
				map_range(kwin_hi, end, PTE_P | PTE_W | nx_bit);
			continue;
		}
		map_range(start, end, PTE_P | PTE_W | nx_bit);
	}
	map_kernel_window(kwin_lo, kwin_hi);
	pat_init();
	write_cr3(virt_to_phys(pml4));
	if (!paging_check_wx())
		pr_warn("paging: this CPU has no NX: W^X is not enforced\n");
	return 0;
}

/* Every present leaf entry under table (at level, 4 = PML4) that is writable
 * and executable: the first one found panics. Write permission and NX at an
 * upper level restrict what lies below, so they are carried down. */
static void check_wx(const u64 *table, int level, u64 base, bool w, bool nx)
{
	for (int i = 0; i < 512; i++) {
		u64 e = table[i], va = base + ((u64)i << (12 + 9 * (level - 1)));
		bool ew = w && (e & PTE_W), enx = nx || (e & PTE_NX);

		if (!(e & PTE_P))
			continue;
		if (level > 1 && !(e & PTE_PS)) {
			check_wx(phys_to_virt(e & PTE_ADDR), level - 1, va, ew, enx);
			continue;
		}
		if (ew && !enx)
			panic("W^X: page %#llx is writable and executable", (unsigned long long)va);
	}
}

int paging_check_wx(void)
{
	if (!nx_bit)
		return 0;
	check_wx(pml4, 4, 0, true, false);
	return 1;
}

void paging_map_wx_for_test(void *page)
{
	u64 a = virt_to_phys(page);
	u64 *pde = walk(a, 2);

	if (*pde & PTE_PS)		/* inside a 2 MiB page: mark the whole of it */
		*pde &= ~PTE_NX;
	else
		map_4k(a, PTE_P | PTE_W);
	invlpg(page);
}

/*
 * Mappings made by ioremap, so iounmap keeps pages another mapping still
 * covers. large: the 2 MiB-aligned part was mapped with 2 MiB pages (a big
 * window such as PCIe's 256 MiB ECAM then costs one page directory, not 128
 * page tables).
 */
#define MAX_IOMAPS 32
static struct { u64 start, end; int refs; bool large; } iomaps[MAX_IOMAPS];

/* Whether every 2 MiB of [start, end) that is whole is still unmapped. */
static bool large_pages_free(u64 start, u64 end)
{
	u64 lo = ALIGN(start, SIZE_2M), hi = ALIGN_DOWN(end, SIZE_2M);

	if (lo >= hi)
		return false;
	for (u64 a = lo; a < hi; a += SIZE_2M)
		if (*walk(a, 2) & PTE_P)
			return false;
	return true;
}

static void *do_ioremap(phys_addr_t phys, size_t size, u64 cache_flags)
{
	u64 start = ALIGN_DOWN(phys, SIZE_4K), end = ALIGN(phys + size, SIZE_4K);
	unsigned long flags;
	int slot = -1;

	if (!size || phys + size < phys)
		return NULL;
	/* ioremap is for device memory and firmware tables: a range overlapping
	 * the kernel or RAM the allocator hands out would let a bad BAR or
	 * table address remap (uncached, writable) memory the kernel uses. */
	if ((start < (u64)(uintptr_t)__kernel_end && end > (u64)(uintptr_t)__kernel_start) ||
	    page_alloc_owns(start, end)) {
		pr_err("ioremap: refused %#llx+%#zx: it overlaps %s\n", (unsigned long long)phys,
		       size, start < (u64)(uintptr_t)__kernel_end &&
		       end > (u64)(uintptr_t)__kernel_start ? "the kernel image" : "RAM in use");
		WARN_ON(1);
		return NULL;
	}
	spin_lock_irqsave(&paging_lock, flags);
	for (int i = 0; i < MAX_IOMAPS; i++) {
		if (iomaps[i].refs && iomaps[i].start == start && iomaps[i].end == end) {
			iomaps[i].refs++;
			spin_unlock_irqrestore(&paging_lock, flags);
			return phys_to_virt(phys);
		}
		if (!iomaps[i].refs && slot < 0)
			slot = i;
	}
	if (slot < 0) {
		spin_unlock_irqrestore(&paging_lock, flags);
		pr_err("ioremap: no free mapping slot for %#llx+%#zx\n", (unsigned long long)phys, size);
		return NULL;
	}
	iomaps[slot].start = start;
	iomaps[slot].end = end;
	iomaps[slot].refs = 1;
	iomaps[slot].large = large_pages_free(start, end);
	for (u64 a = start; a < end; ) {
		u64 *pde = walk(a, 2);

		if (iomaps[slot].large && IS_ALIGNED(a, SIZE_2M) && a + SIZE_2M <= end) {
			/* PCD/PWT sit at the same bits in a 2 MiB entry (SDM vol. 3, table 4-17). */
			*pde = a | PTE_P | PTE_W | PTE_PS | nx_bit | cache_flags;
			invlpg((void *)(uintptr_t)a);
			a += SIZE_2M;
			continue;
		}
		/* Else inside mapped RAM (firmware tables in RAM) or a large mapping already. */
		if (!((*pde & PTE_P) && (*pde & PTE_PS))) {
			map_4k(a, PTE_P | PTE_W | nx_bit | cache_flags);
			invlpg((void *)(uintptr_t)a);
		}
		a += SIZE_4K;
	}
	spin_unlock_irqrestore(&paging_lock, flags);
	return phys_to_virt(phys);
}

void *ioremap(phys_addr_t phys, size_t size)
{
	return do_ioremap(phys, size, PTE_PCD | PTE_PWT);
}

void *ioremap_wc(phys_addr_t phys, size_t size)
{
	return do_ioremap(phys, size, pat_wc ? PTE_PWT : PTE_PCD | PTE_PWT);
}

void *ioremap_cache(phys_addr_t phys, size_t size)
{
	return do_ioremap(phys, size, 0);
}

static bool iomap_covered(u64 start, u64 end)
{
	for (int j = 0; j < MAX_IOMAPS; j++)
		if (iomaps[j].refs && start < iomaps[j].end && end > iomaps[j].start)
			return true;
	return false;
}

/* Drops one reference to slot i; the last one unmaps the pages no other slot covers. */
static void iomap_put(int i)
{
	u64 start = iomaps[i].start, end = iomaps[i].end;

	if (--iomaps[i].refs)
		return;
	for (u64 a = start; a < end; ) {
		u64 *pde = walk(a, 2);

		if (iomaps[i].large && IS_ALIGNED(a, SIZE_2M) && a + SIZE_2M <= end) {
			if (!iomap_covered(a, a + SIZE_2M)) {
				*pde = 0;
				invlpg((void *)(uintptr_t)a);
			}
			a += SIZE_2M;
			continue;
		}
		/* 2 MiB entries here are RAM's or another slot's large mapping: kept. */
		if (!(*pde & PTE_PS) && !iomap_covered(a, a + SIZE_4K)) {
			*walk(a, 1) = 0;
			invlpg((void *)(uintptr_t)a);
		}
		a += SIZE_4K;
	}
}

void iounmap(void *addr)
{
	u64 phys = virt_to_phys(addr);
	unsigned long flags;

	spin_lock_irqsave(&paging_lock, flags);
	for (int i = 0; i < MAX_IOMAPS; i++) {
		if (iomaps[i].refs && phys >= iomaps[i].start && phys < iomaps[i].end) {
			iomap_put(i);
			break;
		}
	}
	spin_unlock_irqrestore(&paging_lock, flags);
}

void *acpi_map_table(u64 phys, size_t len)
{
	return ioremap_cache(phys, len);
}

/*
 * By exact range, not by address as iounmap() does: a table's mapping can
 * share pages with another table's (the FADT's with the DSDT's), and the
 * reference dropped must be this one's.
 */
void acpi_unmap_table(const void *p, size_t len)
{
	u64 phys = virt_to_phys(p);
	u64 start = ALIGN_DOWN(phys, SIZE_4K), end = ALIGN(phys + len, SIZE_4K);
	unsigned long flags;

	spin_lock_irqsave(&paging_lock, flags);
	for (int i = 0; i < MAX_IOMAPS; i++) {
		if (iomaps[i].refs && iomaps[i].start == start && iomaps[i].end == end) {
			iomap_put(i);
			spin_unlock_irqrestore(&paging_lock, flags);
			return;
		}
	}
	spin_unlock_irqrestore(&paging_lock, flags);
	pr_err("ACPI: unmap of %#llx+%#zx, which is not mapped\n", (unsigned long long)phys, len);
	WARN_ON(1);
}
