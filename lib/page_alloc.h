/*
 * The page allocator's interface for kmalloc (the public half is in
 * lib/kmalloc.h). Not for drivers: they use alloc_pages()/kmalloc().
 */
#ifndef LIB_PAGE_ALLOC_H
#define LIB_PAGE_ALLOC_H

#include <lib/kmalloc.h>

#define MAX_ORDER	10	/* largest block: 2^10 pages, 4 MiB */
#define NR_ORDERS	(MAX_ORDER + 1)

/* Smallest order whose block holds 'size' bytes (may exceed MAX_ORDER). */
static inline unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	while (order < 64 - PAGE_SHIFT - 1 && (PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * Finds the allocated block containing 'addr'. Returns its first byte and
 * sets *order, or NULL if addr is not inside an allocated block (a free
 * block, a foreign address, or the allocator's own metadata).
 */
void *page_block_lookup(const void *addr, unsigned int *order);

#endif
