/*
 * Memory: a physical page allocator fed from the boot memory map, and kmalloc
 * on top of it. Physical memory is identity mapped, so a page's address is
 * both its virtual and its physical address.
 */
#ifndef LIB_KMALLOC_H
#define LIB_KMALLOC_H

#include <lib/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

typedef unsigned int gfp_t;
#define GFP_KERNEL	0x0u
#define GFP_ATOMIC	0x1u	/* from IRQ/softirq: never waits (nothing here does) */
#define __GFP_ZERO	0x100u

/* Page allocator (buddy): blocks of 2^order pages, naturally aligned. */
void page_alloc_add_range(phys_addr_t start, phys_addr_t end);	/* free RAM */
/* Does any page of [start, end) belong to the allocator (given by a range)? */
bool page_alloc_owns(phys_addr_t start, phys_addr_t end);
void *alloc_pages(gfp_t gfp, unsigned int order);
void free_pages(void *addr, unsigned int order);
unsigned long nr_free_pages(void);
unsigned long nr_total_pages(void);

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void kfree(const void *ptr);	/* NULL is fine; a double or foreign free panics */
/* What kmalloc(size) really takes: its size class, or whole pages. */
size_t kmalloc_size(size_t size);

struct kmalloc_stats {
	u64 allocs, frees, failures;
	size_t bytes_in_use;
};
void kmalloc_get_stats(struct kmalloc_stats *st);

#endif
