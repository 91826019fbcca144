/*
 * The sk_buff pool: a fixed array of heads and a free list of indexes.
 * Buffers (the data) come from kmalloc; the pool bounds and counts the heads,
 * which are what every packet in flight holds one of.
 */
#define pr_fmt(fmt) "skb_pool: " fmt

#include <net/core/skb_pool.h>
#include <net/core/skbuff.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <lib/string.h>

#ifdef HOST_TEST
/*
 * Host tests: a free head is poisoned, so ASan reports any use of an skb
 * after its last free (the kernel's KASAN does this job in Linux).
 */
#include <sanitizer/asan_interface.h>
#define pool_poison(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define pool_unpoison(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define pool_poison(p, n)	do { (void)(p); (void)(n); } while (0)
#define pool_unpoison(p, n)	do { (void)(p); (void)(n); } while (0)
#endif

#define SLOT_FREE	0
#define SLOT_USED	1
#define NO_SLOT		0xffffffffu

/* Limits of the RAM-derived default (see skb_pool_default_size()). */
#define SKB_POOL_MIN		256
#define SKB_POOL_MAX		65536
/* The receive buffer drivers allocate (RCTL.BSIZE 2048 on the 8254x/82574). */
#define SKB_RX_BUFFER		2048
/* Held back from protocols beyond the reserved rings: transmit skbs and
 * the frames between a ring and the protocol in one NAPI poll. */
#define SKB_POOL_SLACK		64

unsigned int skb_pool_param;
core_param(skb_pool, skb_pool_param, uint, 0444);

static struct {
	spinlock_t lock;
	struct sk_buff *skbs;
	u32 *next_free;		/* free list threaded through indexes */
	u8 *state;		/* SLOT_FREE / SLOT_USED: catches double frees */
	u32 first_free;
	struct skb_pool_stats st;
} pool = { .lock = __SPIN_LOCK_UNLOCKED, .first_free = NO_SLOT };

size_t skb_rx_truesize(void)
{
	size_t data = SKB_DATA_ALIGN(SKB_RX_BUFFER + NET_SKB_PAD + NET_IP_ALIGN) +
		      sizeof(struct skb_shared_info);

	return sizeof(struct sk_buff) + kmalloc_size(data);
}

/* An eighth of RAM for packets in flight, within sane limits. */
unsigned int skb_pool_default_size(void)
{
	u64 bytes = (u64)nr_total_pages() * PAGE_SIZE / 8;
	u64 nr = bytes / skb_rx_truesize();

	return (unsigned int)clamp(nr, (u64)SKB_POOL_MIN, (u64)SKB_POOL_MAX);
}

/*
 * Boot time (and tests): builds the new arrays first, swaps them in under
 * the lock, frees the old ones after, so no allocation runs with IRQs off.
 */
int skb_pool_init(unsigned int nr)
{
	struct sk_buff *skbs, *old_skbs;
	u32 *next_free, *old_next;
	u8 *state, *old_state;
	unsigned long flags;
	u32 i, old_size, reserved;

	if (nr == 0)
		return -EINVAL;
	skbs = kcalloc(nr, sizeof(*skbs), GFP_KERNEL);
	next_free = kcalloc(nr, sizeof(*next_free), GFP_KERNEL);
	state = kcalloc(nr, sizeof(*state), GFP_KERNEL);
	if (!skbs || !next_free || !state) {
		kfree(skbs);
		kfree(next_free);
		kfree(state);
		pr_err("no memory for %u skbs\n", nr);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++)
		next_free[i] = i + 1 < nr ? i + 1 : NO_SLOT;
	pool_poison(skbs, sizeof(*skbs) * nr);

	spin_lock_irqsave(&pool.lock, flags);
	if (pool.st.in_use) {
		spin_unlock_irqrestore(&pool.lock, flags);
		pr_err("cannot resize: %u skbs in use\n", pool.st.in_use);
		pool_unpoison(skbs, sizeof(*skbs) * nr);
		kfree(skbs);
		kfree(next_free);
		kfree(state);
		return -EBUSY;
	}
	old_skbs = pool.skbs;
	old_next = pool.next_free;
	old_state = pool.state;
	old_size = pool.st.size;
	pool.skbs = skbs;
	pool.next_free = next_free;
	pool.state = state;
	pool.first_free = 0;
	reserved = pool.st.reserved;
	memset(&pool.st, 0, sizeof(pool.st));
	pool.st.size = nr;
	pool.st.free = nr;
	pool.st.reserved = reserved;
	spin_unlock_irqrestore(&pool.lock, flags);

	if (old_skbs)
		pool_unpoison(old_skbs, sizeof(*old_skbs) * old_size);
	kfree(old_skbs);
	kfree(old_next);
	kfree(old_state);
	return 0;
}

struct sk_buff *skb_pool_get(void)
{
	struct sk_buff *skb;
	unsigned long flags;
	u32 slot;

	spin_lock_irqsave(&pool.lock, flags);
	slot = pool.first_free;
	if (slot == NO_SLOT) {
		pool.st.alloc_failures++;
		spin_unlock_irqrestore(&pool.lock, flags);
		return NULL;
	}
	pool.first_free = pool.next_free[slot];
	pool.state[slot] = SLOT_USED;
	pool.st.in_use++;
	pool.st.free--;
	pool.st.allocs++;
	if (pool.st.in_use > pool.st.high_water)
		pool.st.high_water = pool.st.in_use;
	skb = &pool.skbs[slot];
	pool_unpoison(skb, sizeof(*skb));
	spin_unlock_irqrestore(&pool.lock, flags);
	memset(skb, 0, sizeof(*skb));
	return skb;
}

/* Index of skb in the pool, or NO_SLOT if it is not one of ours. */
static u32 pool_slot_of(const struct sk_buff *skb)
{
	uintptr_t base = (uintptr_t)pool.skbs, p = (uintptr_t)skb;

	if (!pool.skbs || p < base)
		return NO_SLOT;
	if ((p - base) % sizeof(*skb) || (p - base) / sizeof(*skb) >= pool.st.size)
		return NO_SLOT;
	return (u32)((p - base) / sizeof(*skb));
}

void skb_pool_put(struct sk_buff *skb)
{
	unsigned long flags;
	u32 slot;

	spin_lock_irqsave(&pool.lock, flags);
	slot = pool_slot_of(skb);
	if (slot == NO_SLOT || pool.state[slot] != SLOT_USED) {
		pool.st.bad_frees++;
		spin_unlock_irqrestore(&pool.lock, flags);
		pr_err("bad free of skb %p (%s) from %pS\n", skb,
		       slot == NO_SLOT ? "not from the pool" : "already free",
		       __builtin_return_address(0));
		return;
	}
	pool.state[slot] = SLOT_FREE;
	pool.next_free[slot] = pool.first_free;
	pool.first_free = slot;
	pool.st.in_use--;
	pool.st.free++;
	pool.st.frees++;
	pool_poison(skb, sizeof(*skb));
	spin_unlock_irqrestore(&pool.lock, flags);
}

void skb_pool_reserve(unsigned int nr)
{
	unsigned long flags;

	spin_lock_irqsave(&pool.lock, flags);
	pool.st.reserved += nr;
	spin_unlock_irqrestore(&pool.lock, flags);
}

void skb_pool_unreserve(unsigned int nr)
{
	unsigned long flags;

	spin_lock_irqsave(&pool.lock, flags);
	pool.st.reserved -= min(nr, pool.st.reserved);
	spin_unlock_irqrestore(&pool.lock, flags);
}

/* held + 1 must leave the reserved rings and the slack untouched. Read
 * without the lock: a size or reserve changing under us is a boot or
 * open/stop event, and an answer one skb off changes nothing. */
bool skb_pool_may_hold(unsigned int held)
{
	u64 need = (u64)held + 1 + READ_ONCE(pool.st.reserved) + SKB_POOL_SLACK;

	return need <= READ_ONCE(pool.st.size);
}

void skb_pool_count_failure(void)
{
	unsigned long flags;

	spin_lock_irqsave(&pool.lock, flags);
	pool.st.alloc_failures++;
	spin_unlock_irqrestore(&pool.lock, flags);
}

void skb_pool_get_stats(struct skb_pool_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&pool.lock, flags);
	*st = pool.st;
	spin_unlock_irqrestore(&pool.lock, flags);
}
