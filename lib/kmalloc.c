/*
 * kmalloc: small objects from per-size slabs, large ones straight from the
 * page allocator.
 *
 * Sizes up to 2048 round up to a power of two (16 .. 2048) and come from that
 * size class's slabs: a slab is one buddy block whose first bytes are a
 * header naming its class and holding a bitmap of the objects in use; the
 * objects follow, each aligned to its own size (as Linux's kmalloc promises
 * for power-of-two sizes, which DMA descriptor rings rely on). A slab is made
 * big enough for 8 objects, so at most one object's worth is lost to the
 * header. Slabs with room sit on their class's partial list; a full slab is on
 * no list; an empty slab goes back to the page allocator at once, so memory
 * returns to its baseline when the work stops (tests and leak checks rely on it).
 *
 * Larger sizes get their own block with a small header recording the order.
 *
 * kfree() trusts nothing in the pointer: it asks the page allocator which
 * allocated block holds it (lib/page_alloc.h), then checks that block's header
 * and the object's bit, so a double free or a foreign pointer panics instead of
 * corrupting the free lists.
 */
#define pr_fmt(fmt) "kmalloc: " fmt

#include <lib/kmalloc.h>
#include <lib/page_alloc.h>
#include <lib/bitmap.h>
#include <lib/list.h>
#include <lib/panic.h>
#include <lib/spinlock.h>
#include <lib/string.h>

#define KMALLOC_MIN_SHIFT	4
#define KMALLOC_MAX_SHIFT	11
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_MAX_SHIFT)
#define NR_KMALLOC_CACHES	(KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)
#define SLAB_MIN_OBJS		8
#define SLAB_MAX_OBJS		256	/* 16-byte objects in one page, header aside */

#define SLAB_MAGIC		0x534c4142u	/* "SLAB" */
#define LARGE_MAGIC		0x4c415247u	/* "LARG" */

struct slab {
	u32 magic;
	u16 cache;			/* index into kmalloc_caches[] */
	u16 inuse;
	struct list_head node;		/* on the cache's partial list while it has room */
	unsigned long used[BITS_TO_LONGS(SLAB_MAX_OBJS)];
};

struct large_hdr {
	u32 magic;
	u32 order;
	u64 reserved;			/* keeps the caller's memory 16-byte aligned */
};

struct kmalloc_cache {
	unsigned int size, order, nr_objs;
	unsigned int first;		/* offset of object 0 in the slab */
	struct list_head partial;
};

static struct kmalloc_cache kmalloc_caches[NR_KMALLOC_CACHES];
static bool caches_ready;
static struct kmalloc_stats stats;
static DEFINE_SPINLOCK(kmalloc_lock);

static void init_caches(void)
{
	for (unsigned int i = 0; i < NR_KMALLOC_CACHES; i++) {
		struct kmalloc_cache *c = &kmalloc_caches[i];

		c->size = 1U << (i + KMALLOC_MIN_SHIFT);
		c->order = get_order((size_t)c->size * SLAB_MIN_OBJS);
		c->first = ALIGN((unsigned int)sizeof(struct slab), c->size);
		c->nr_objs = ((PAGE_SIZE << c->order) - c->first) / c->size;
		INIT_LIST_HEAD(&c->partial);
		BUG_ON(c->nr_objs > SLAB_MAX_OBJS || c->nr_objs < SLAB_MIN_OBJS - 1);
	}
	caches_ready = true;
}

static unsigned int cache_index(size_t size)
{
	if (size <= (1U << KMALLOC_MIN_SHIFT))
		return 0;
	/* Bits needed for size-1 is log2 of the power of two that holds it. */
	return (unsigned int)(64 - __builtin_clzl(size - 1)) - KMALLOC_MIN_SHIFT;
}

static struct slab *new_slab(struct kmalloc_cache *c)
{
	struct slab *s = alloc_pages(GFP_ATOMIC, c->order);

	if (!s)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->cache = (u16)(c - kmalloc_caches);
	s->inuse = 0;
	bitmap_zero(s->used, SLAB_MAX_OBJS);
	list_add(&s->node, &c->partial);
	return s;
}

static void *slab_alloc(size_t size)
{
	struct kmalloc_cache *c;
	struct slab *s = NULL;
	unsigned long flags, idx;
	void *obj = NULL;

	spin_lock_irqsave(&kmalloc_lock, flags);
	if (!caches_ready)
		init_caches();
	c = &kmalloc_caches[cache_index(size)];
	if (!list_empty(&c->partial))
		s = list_first_entry(&c->partial, struct slab, node);
	else
		s = new_slab(c);
	if (s) {
		idx = find_first_zero_bit(s->used, c->nr_objs);
		__set_bit(idx, s->used);
		if (++s->inuse == c->nr_objs)
			list_del_init(&s->node);
		obj = (char *)s + c->first + idx * c->size;
		stats.allocs++;
		stats.bytes_in_use += c->size;
	} else {
		stats.failures++;
	}
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return obj;
}

static void *large_alloc(size_t size, gfp_t gfp)
{
	struct large_hdr *h = NULL;
	unsigned long flags;
	unsigned int order = 0;

	if (size <= (PAGE_SIZE << MAX_ORDER) - sizeof(*h)) {
		order = get_order(size + sizeof(*h));
		h = alloc_pages(gfp & ~__GFP_ZERO, order);
	}
	if (h) {
		h->magic = LARGE_MAGIC;
		h->order = order;
	}
	spin_lock_irqsave(&kmalloc_lock, flags);
	if (h) {
		stats.allocs++;
		stats.bytes_in_use += PAGE_SIZE << order;
	} else {
		stats.failures++;
	}
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return h ? h + 1 : NULL;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (size <= KMALLOC_MAX_CACHE_SIZE)
		p = slab_alloc(size);
	else
		p = large_alloc(size, gfp);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

size_t kmalloc_size(size_t size)
{
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return (size_t)1 << (cache_index(size) + KMALLOC_MIN_SHIFT);
	return PAGE_SIZE << get_order(size + sizeof(struct large_hdr));
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;
	unsigned long flags;

	if (__builtin_mul_overflow(n, size, &bytes)) {
		spin_lock_irqsave(&kmalloc_lock, flags);
		stats.failures++;
		spin_unlock_irqrestore(&kmalloc_lock, flags);
		return NULL;
	}
	return kzalloc(bytes, gfp);
}

/* Releases one slab object; sets *empty if the whole slab can go. */
static const char *slab_free(struct slab *s, unsigned int order, const void *ptr,
			     void **empty)
{
	struct kmalloc_cache *c;
	const char *objs;
	size_t off, idx;

	if (s->cache >= NR_KMALLOC_CACHES || kmalloc_caches[s->cache].order != order)
		return "slab header corrupted";
	c = &kmalloc_caches[s->cache];
	objs = (const char *)s + c->first;
	off = (size_t)((const char *)ptr - objs);
	idx = off / c->size;
	if ((const char *)ptr < objs || off % c->size || idx >= c->nr_objs)
		return "not the start of a kmalloc object";
	if (!test_bit(idx, s->used))
		return "double free";
	__clear_bit(idx, s->used);
	if (s->inuse-- == c->nr_objs)
		list_add(&s->node, &c->partial);
	if (!s->inuse) {
		list_del_init(&s->node);
		s->magic = 0;
		*empty = s;
	}
	stats.frees++;
	stats.bytes_in_use -= c->size;
	return NULL;
}

static const char *large_free(struct large_hdr *h, unsigned int order, const void *ptr,
			      void **pages)
{
	if (ptr != (const void *)(h + 1))
		return "not the start of a kmalloc object";
	if (h->order != order)
		return "large allocation header corrupted";
	h->magic = 0;
	*pages = h;
	stats.frees++;
	stats.bytes_in_use -= PAGE_SIZE << order;
	return NULL;
}

void kfree(const void *ptr)
{
	const char *err = "not allocated (double free, or not from kmalloc)";
	unsigned long flags;
	unsigned int order = 0;
	void *block, *release = NULL;

	if (!ptr)
		return;
	spin_lock_irqsave(&kmalloc_lock, flags);
	block = page_block_lookup(ptr, &order);
	if (block && *(u32 *)block == SLAB_MAGIC)
		err = slab_free(block, order, ptr, &release);
	else if (block && *(u32 *)block == LARGE_MAGIC)
		err = large_free(block, order, ptr, &release);
	else if (block)
		err = "not a kmalloc pointer";
	spin_unlock_irqrestore(&kmalloc_lock, flags);

	if (err)
		panic("kfree(%p): %s", ptr, err);
	if (release)
		free_pages(release, order);
}

void kmalloc_get_stats(struct kmalloc_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&kmalloc_lock, flags);
	*st = stats;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
}

#ifdef HOST_TEST
void kmalloc_reset_for_test(void)
{
	init_caches();
	stats = (struct kmalloc_stats){ 0 };
	spin_lock_init(&kmalloc_lock);
}
#endif
