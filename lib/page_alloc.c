/*
 * Buddy page allocator: blocks of 2^order pages (order 0..MAX_ORDER), each
 * naturally aligned, so a block's buddy is found by flipping one bit of its
 * page frame number (pfn) and two free buddies merge into their parent.
 *
 * Metadata. Every range given to page_alloc_add_range() becomes a region
 * whose first page(s) hold its descriptor and two bitmaps, one bit per page:
 *   head_map  a block (free or allocated) starts at this page
 *   free_map  ... and that block is free
 * Blocks tile the region, so an allocated block ends where the next head bit
 * is: the order of an allocation is known without storing it, free_pages()
 * can check the caller's order exactly, and kmalloc can find the block that
 * holds any pointer. A free block's order lives in a header written into the
 * free block itself (its memory is ours while it is free), with a magic
 * number that catches writes after free. The cost is 2 bits per page (256 KiB
 * for 4 GiB), taken from the range itself, so no static array has to be sized
 * for the largest machine QEMU might be given.
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <lib/page_alloc.h>
#include <lib/bitmap.h>
#include <lib/list.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <lib/string.h>

#define FREE_BLOCK_MAGIC	0x46524545u	/* "FREE" */

struct mem_region {
	struct mem_region *next;
	u64 meta_pfn;			/* where this descriptor lives */
	u64 first_pfn, end_pfn;		/* managed pages: [first_pfn, end_pfn) */
	unsigned long *head_map, *free_map;	/* bit i is page first_pfn + i */
};

struct free_block {
	struct list_head node;		/* in free_area[order] */
	struct mem_region *region;
	u32 magic;
	u32 order;
};

static struct list_head free_area[NR_ORDERS];
static bool free_area_ready;
static struct mem_region *regions;
static unsigned long nr_free, nr_total;
static DEFINE_SPINLOCK(page_lock);

static inline void *pfn_to_virt(u64 pfn) { return (void *)(uintptr_t)(pfn << PAGE_SHIFT); }
static inline u64 virt_to_pfn(const void *p) { return (uintptr_t)p >> PAGE_SHIFT; }

static struct mem_region *find_region(u64 pfn)
{
	for (struct mem_region *r = regions; r; r = r->next)
		if (pfn >= r->first_pfn && pfn < r->end_pfn)
			return r;
	return NULL;
}

static void add_free_block(struct mem_region *r, u64 pfn, unsigned int order)
{
	struct free_block *b = pfn_to_virt(pfn);

	__set_bit(pfn - r->first_pfn, r->head_map);
	__set_bit(pfn - r->first_pfn, r->free_map);
	b->region = r;
	b->magic = FREE_BLOCK_MAGIC;
	b->order = order;
	list_add(&b->node, &free_area[order]);
}

/* Takes a free block off its list; its head bit stays (it is now allocated). */
static void del_free_block(struct free_block *b)
{
	__clear_bit(virt_to_pfn(b) - b->region->first_pfn, b->region->free_map);
	list_del(&b->node);
	b->magic = 0;
}

/* A free block's header is only trusted if the bitmaps agree with it. */
static bool free_block_ok(const struct free_block *b, unsigned int order)
{
	u64 pfn = virt_to_pfn(b);
	struct mem_region *r = find_region(pfn);

	return b->magic == FREE_BLOCK_MAGIC && b->order == order && b->region == r &&
	       r && test_bit(pfn - r->first_pfn, r->free_map);
}

static void init_free_area(void)
{
	for (int k = 0; k < NR_ORDERS; k++)
		INIT_LIST_HEAD(&free_area[k]);
	free_area_ready = true;
}

/* Covers [first, end) with the largest naturally aligned blocks that fit. */
static void free_range(struct mem_region *r, u64 first, u64 end)
{
	while (first < end) {
		unsigned int k = MAX_ORDER;

		while (k && (!IS_ALIGNED(first, 1ULL << k) || first + (1ULL << k) > end))
			k--;
		add_free_block(r, first, k);
		first += 1ULL << k;
	}
}

static bool overlaps_region(u64 first, u64 end)
{
	for (struct mem_region *r = regions; r; r = r->next)
		if (first < r->end_pfn && end > r->meta_pfn)
			return true;
	return false;
}

/* Lays the descriptor and bitmaps at the start of the range; NULL if too small. */
static struct mem_region *setup_region(u64 first, u64 end)
{
	u64 npages = end - first;
	size_t words = BITS_TO_LONGS(npages);
	u64 meta = DIV_ROUND_UP(sizeof(struct mem_region) + 2 * words * sizeof(long),
				PAGE_SIZE);
	struct mem_region *r = pfn_to_virt(first);

	if (npages <= meta)
		return NULL;
	r->meta_pfn = first;
	r->first_pfn = first + meta;
	r->end_pfn = end;
	r->head_map = (unsigned long *)(r + 1);
	r->free_map = r->head_map + words;
	bitmap_zero(r->head_map, npages);
	bitmap_zero(r->free_map, npages);
	return r;
}

bool page_alloc_owns(phys_addr_t start, phys_addr_t end)
{
	unsigned long flags;
	bool owns;

	spin_lock_irqsave(&page_lock, flags);
	owns = overlaps_region(start >> PAGE_SHIFT, (end + PAGE_SIZE - 1) >> PAGE_SHIFT);
	spin_unlock_irqrestore(&page_lock, flags);
	return owns;
}

void page_alloc_add_range(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t s = ALIGN(start, PAGE_SIZE), e = ALIGN_DOWN(end, PAGE_SIZE);
	struct mem_region *r = NULL;
	unsigned long flags;
	bool overlap;

	/* Page 0 stays unused so that a NULL dereference can fault. */
	if (s < PAGE_SIZE)
		s = PAGE_SIZE;
	if (end <= start || s < start || e <= s)
		return;
	spin_lock_irqsave(&page_lock, flags);
	if (!free_area_ready)
		init_free_area();
	overlap = overlaps_region(s >> PAGE_SHIFT, e >> PAGE_SHIFT);
	if (!overlap)
		r = setup_region(s >> PAGE_SHIFT, e >> PAGE_SHIFT);
	if (r) {
		free_range(r, r->first_pfn, r->end_pfn);
		r->next = regions;
		regions = r;
		nr_free += r->end_pfn - r->first_pfn;
		nr_total += r->end_pfn - r->first_pfn;
	}
	spin_unlock_irqrestore(&page_lock, flags);

	if (overlap)
		pr_err("range %#llx-%#llx overlaps one already added; ignored\n",
		       (unsigned long long)start, (unsigned long long)end);
	else if (!r)
		pr_info("range %#llx-%#llx too small for its own metadata; ignored\n",
			(unsigned long long)start, (unsigned long long)end);
	else
		pr_info("%#llx-%#llx: %llu pages (%llu for metadata)\n",
			(unsigned long long)s, (unsigned long long)e,
			(unsigned long long)(r->end_pfn - r->first_pfn),
			(unsigned long long)(r->first_pfn - r->meta_pfn));
}

/* Cuts the block down to 'order', returning the upper halves to the free lists. */
static void take_block(struct free_block *b, unsigned int k, unsigned int order)
{
	struct mem_region *r = b->region;
	u64 pfn = virt_to_pfn(b);

	del_free_block(b);
	while (k > order) {
		k--;
		add_free_block(r, pfn + (1ULL << k), k);
	}
	nr_free -= 1UL << order;
}

void *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct free_block *b = NULL, *bad = NULL;
	unsigned long flags;
	unsigned int k;

	if (order > MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&page_lock, flags);
	for (k = order; free_area_ready && k <= MAX_ORDER; k++) {
		if (!list_empty(&free_area[k])) {
			b = list_first_entry(&free_area[k], struct free_block, node);
			break;
		}
	}
	if (b && !free_block_ok(b, k)) {
		bad = b;
		b = NULL;
	}
	if (b)
		take_block(b, k, order);
	spin_unlock_irqrestore(&page_lock, flags);

	/* Panics come after the unlock so that the panic path can still run. */
	if (bad)
		panic("alloc_pages: free block %p corrupted (written after free?)", (void *)bad);
	if (b && (gfp & __GFP_ZERO))
		memset(b, 0, PAGE_SIZE << order);
	return b;
}

/* Why 'addr' of 'order' cannot be freed, or NULL if it can. */
static const char *check_allocated(const void *addr, unsigned int order,
				   struct mem_region **rp)
{
	u64 pfn = virt_to_pfn(addr);
	struct mem_region *r = find_region(pfn);
	unsigned long i, n;

	if (!r)
		return "address not managed by the page allocator";
	if (order > MAX_ORDER)
		return "order too large";
	if (!IS_ALIGNED((uintptr_t)addr, PAGE_SIZE << order))
		return "address misaligned for its order";
	i = pfn - r->first_pfn;
	n = r->end_pfn - r->first_pfn;
	if (test_bit(i, r->free_map))
		return "double free";
	if (!test_bit(i, r->head_map))
		return "not the start of an allocated block";
	if (find_next_bit(r->head_map, n, i + 1) != i + (1UL << order))
		return "order does not match the allocation";
	*rp = r;
	return NULL;
}

/* Frees an allocated block, merging it with free buddies as far as they go. */
static const char *release_block(struct mem_region *r, u64 pfn, unsigned int order)
{
	nr_free += 1UL << order;
	while (order < MAX_ORDER) {
		u64 buddy = pfn ^ (1ULL << order);
		struct free_block *b = pfn_to_virt(buddy);

		if (buddy < r->first_pfn || buddy + (1ULL << order) > r->end_pfn ||
		    !test_bit(buddy - r->first_pfn, r->free_map))
			break;
		if (b->magic != FREE_BLOCK_MAGIC || b->region != r)
			return "free buddy block corrupted (written after free?)";
		if (b->order != order)
			break;	/* the buddy is split: part of it is in use */
		del_free_block(b);
		/* The merged block starts at the lower half; the upper is no head. */
		__clear_bit(max(pfn, buddy) - r->first_pfn, r->head_map);
		pfn = min(pfn, buddy);
		order++;
	}
	add_free_block(r, pfn, order);
	return NULL;
}

void free_pages(void *addr, unsigned int order)
{
	struct mem_region *r = NULL;
	unsigned long flags;
	const char *err;

	if (!addr)
		return;
	spin_lock_irqsave(&page_lock, flags);
	err = check_allocated(addr, order, &r);
	if (!err)
		err = release_block(r, virt_to_pfn(addr), order);
	spin_unlock_irqrestore(&page_lock, flags);
	if (err)
		panic("free_pages(%p, order %u): %s", addr, order, err);
}

void *page_block_lookup(const void *addr, unsigned int *order)
{
	u64 pfn = virt_to_pfn(addr);
	void *start = NULL;
	struct mem_region *r;
	unsigned long flags, i, next;

	spin_lock_irqsave(&page_lock, flags);
	r = find_region(pfn);
	if (r) {
		/* Bit 0 is always a head, and no block is longer than 2^MAX_ORDER. */
		for (i = pfn - r->first_pfn; !test_bit(i, r->head_map); i--)
			;
		if (!test_bit(i, r->free_map)) {
			next = find_next_bit(r->head_map, r->end_pfn - r->first_pfn, i + 1);
			*order = (unsigned int)__builtin_ctzl(next - i);
			start = pfn_to_virt(r->first_pfn + i);
		}
	}
	spin_unlock_irqrestore(&page_lock, flags);
	return start;
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(nr_free);
}

unsigned long nr_total_pages(void)
{
	return READ_ONCE(nr_total);
}

#ifdef HOST_TEST
/* Forgets every region, so each test starts from an empty allocator. */
void page_alloc_reset_for_test(void)
{
	init_free_area();
	regions = NULL;
	nr_free = nr_total = 0;
	spin_lock_init(&page_lock);
}
#endif
