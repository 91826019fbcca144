/* The kernel's page tables (arch/x86_64/paging.c). */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <lib/types.h>

/* Builds the final identity map of RAM with per-section permissions and switches to it. */
int paging_init(void);
/* Maps MMIO/firmware memory at its physical address; cached for ACPI tables. */
void *ioremap_cache(phys_addr_t phys, size_t size);

#endif
