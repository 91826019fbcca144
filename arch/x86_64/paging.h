/* The kernel's page tables (arch/x86_64/paging.c). */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <lib/types.h>

/* Builds the final identity map of RAM with per-section permissions and switches to it. */
int paging_init(void);
/* Maps MMIO/firmware memory at its physical address; cached for ACPI tables. */
void *ioremap_cache(phys_addr_t phys, size_t size);
/* Write-combining where the CPU has PAT (framebuffers), else uncached. */
void *ioremap_wc(phys_addr_t phys, size_t size);

/* The unmapped page under each kernel stack (gdt.c); a NULL page ends it. */
struct stack_guard {
	const void *page;
	const char *stack;
};
extern const struct stack_guard stack_guards[];
/* The guard page holding addr, or NULL. */
const struct stack_guard *stack_guard_of(u64 addr);

/* W^X: panics naming the first page that is both writable and executable
 * (paging_init() runs it once its tables are live). 0 when there is no NX
 * to enforce it with. */
int paging_check_wx(void);
/* test.fault=wx_check: a writable, executable page, for the check to find. */
void paging_map_wx_for_test(void *page);

#endif
