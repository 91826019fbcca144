/*
 * DMA-coherent memory. RAM is identity mapped and x86 DMA snoops the caches,
 * so "coherent" memory is just zeroed whole pages whose physical address is
 * also the bus address (no IOMMU is set up).
 */
#include <lib/types.h>
#include <lib/kmalloc.h>
#include <arch/x86_64/io.h>

static unsigned int size_to_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *dma_alloc_coherent(size_t size, dma_addr_t *dma_handle)
{
	void *p = alloc_pages(__GFP_ZERO, size_to_order(size));

	if (p)
		*dma_handle = virt_to_phys(p);
	return p;
}

void dma_free_coherent(size_t size, void *vaddr, dma_addr_t dma_handle)
{
	if (vaddr)
		free_pages(vaddr, size_to_order(size));
}
