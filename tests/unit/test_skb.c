/* sk_buff, the skb pool, sk_buff_head queues and eth_type_trans(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/errno.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "panic_fake.h"
#include "netcore_fake.h"

static int setup(void **state)
{
	netcore_test_reset(16);
	return 0;
}

static int teardown(void **state)
{
	netcore_assert_pool_idle();
	return 0;
}

static void test_alloc_geometry(void **state)
{
	unsigned long live = netcore_kmalloc_live;
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);

	assert_non_null(skb);
	assert_int_equal(skb->len, 0);
	assert_int_equal(skb_headroom(skb), 0);
	assert_true(skb_tailroom(skb) >= 100);
	assert_int_equal(skb->users, 1);
	assert_int_equal(skb_shinfo(skb)->dataref, 1);
	assert_false(skb_mac_header_was_set(skb));
	assert_int_equal(netcore_kmalloc_live, live + 1);
	consume_skb(skb);
	assert_int_equal(netcore_kmalloc_live, live);

	skb = netdev_alloc_skb(NULL, 1500);
	assert_int_equal(skb_headroom(skb), NET_SKB_PAD);
	assert_true(skb_tailroom(skb) >= 1500);
	consume_skb(skb);

	skb = netdev_alloc_skb_ip_align(NULL, 1500);
	assert_int_equal(skb_headroom(skb), NET_SKB_PAD + NET_IP_ALIGN);
	/* The reason for NET_IP_ALIGN: the IP header after 14 bytes is 4-aligned. */
	assert_int_equal(((uintptr_t)skb->data + ETH_HLEN) % 4, 0);
	consume_skb(skb);
	assert_null(alloc_skb(0x10000, GFP_KERNEL));	/* offsets would not fit */
}

static void test_put_push_pull_trim(void **state)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	u8 *p;

	skb_reserve(skb, 32);
	assert_int_equal(skb_headroom(skb), 32);
	p = skb_put(skb, 100);
	assert_ptr_equal(p, skb->data);
	memset(p, 0xab, 100);
	assert_int_equal(skb->len, 100);
	assert_ptr_equal(skb->tail, skb->data + 100);

	p = skb_push(skb, ETH_HLEN);
	assert_ptr_equal(p, skb->data);
	assert_int_equal(skb->len, 114);
	assert_int_equal(skb_headroom(skb), 32 - ETH_HLEN);

	assert_non_null(skb_pull(skb, ETH_HLEN));
	assert_int_equal(skb->len, 100);
	assert_null(skb_pull(skb, 101));	/* more than there is: refused */
	assert_int_equal(skb->len, 100);

	skb_trim(skb, 60);
	assert_int_equal(skb->len, 60);
	assert_ptr_equal(skb->tail, skb->data + 60);
	skb_trim(skb, 80);			/* longer: no change */
	assert_int_equal(skb->len, 60);
	p = skb_put_data(skb, "xyz", 3);
	assert_memory_equal(p, "xyz", 3);
	kfree_skb(skb);
}

static void test_push_past_headroom_is_reported(void **state)
{
	struct sk_buff *skb = netdev_alloc_skb(NULL, 64);

	EXPECT_PANIC(skb_push(skb, NET_SKB_PAD + 1), "skb_under_panic");
	assert_true(fake_console_has("put:65"));
	assert_true(fake_console_has("text:"));
	assert_true(fake_console_has("Kernel panic"));
	/* Nothing moved: the report came before any damage. */
	assert_int_equal(skb_headroom(skb), NET_SKB_PAD);
	assert_int_equal(skb->len, 0);
	kfree_skb(skb);
}

static void test_put_past_end_is_reported(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	unsigned int room = (unsigned int)skb_tailroom(skb);

	skb_put(skb, room);			/* exactly full is fine */
	EXPECT_PANIC(skb_put(skb, 1), "skb_over_panic");
	assert_true(fake_console_has("put:1"));
	assert_int_equal(skb->len, room);
	EXPECT_PANIC(skb_reserve(skb, 1), "skb_over_panic");	/* not empty any more */
	kfree_skb(skb);
}

/*
 * One operation each, the skb built by hand around it, so the skb lab's
 * grader can give credit per function (docs/labs/skb.md).
 */
static void test_lab_put_alone(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	unsigned int room = (unsigned int)(skb->end - skb->tail);	/* not skb_tailroom(): graded apart */

	assert_ptr_equal(skb_put(skb, 10), skb->head);
	assert_ptr_equal(skb_put(skb, 20), skb->head + 10);
	assert_ptr_equal(skb->tail, skb->head + 30);
	assert_ptr_equal(skb->data, skb->head);
	assert_int_equal(skb->len, 30);
	EXPECT_PANIC(skb_put(skb, room - 29), "skb_over_panic");
	assert_int_equal(skb->len, 30);
	kfree_skb(skb);
}

static void test_lab_push_alone(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

	skb->data = skb->tail = skb->head + 32;	/* as skb_reserve(skb, 32) would */
	assert_ptr_equal(skb_push(skb, ETH_HLEN), skb->head + 32 - ETH_HLEN);
	assert_ptr_equal(skb->data, skb->head + 32 - ETH_HLEN);
	assert_ptr_equal(skb->tail, skb->head + 32);
	assert_int_equal(skb->len, ETH_HLEN);
	EXPECT_PANIC(skb_push(skb, 32 - ETH_HLEN + 1), "skb_under_panic");
	assert_ptr_equal(skb->data, skb->head + 32 - ETH_HLEN);
	kfree_skb(skb);
}

static void test_lab_pull_alone(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

	skb->tail = skb->head + 40;		/* as skb_put(skb, 40) would */
	skb->len = 40;
	assert_ptr_equal(skb_pull(skb, ETH_HLEN), skb->head + ETH_HLEN);
	assert_ptr_equal(skb->data, skb->head + ETH_HLEN);
	assert_int_equal(skb->len, 40 - ETH_HLEN);
	assert_null(skb_pull(skb, 40 - ETH_HLEN + 1));
	assert_ptr_equal(skb->data, skb->head + ETH_HLEN);
	assert_int_equal(skb->len, 40 - ETH_HLEN);
	assert_ptr_equal(skb_pull(skb, 40 - ETH_HLEN), skb->tail);
	assert_int_equal(skb->len, 0);
	kfree_skb(skb);
}

static void test_lab_reserve_alone(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

	skb_reserve(skb, 32);
	skb_reserve(skb, 16);
	assert_ptr_equal(skb->data, skb->head + 48);
	assert_ptr_equal(skb->tail, skb->head + 48);
	assert_int_equal(skb->len, 0);
	skb->len = 1;				/* not empty any more */
	EXPECT_PANIC(skb_reserve(skb, 1), "skb_over_panic");
	assert_ptr_equal(skb->data, skb->head + 48);
	skb->len = 0;
	kfree_skb(skb);
}

static void test_lab_headroom_alone(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

	skb->data = skb->tail = skb->head + 32;	/* as skb_reserve(skb, 32) would */
	assert_int_equal(skb_headroom(skb), 32);
	skb->data -= ETH_HLEN;			/* as skb_push(skb, ETH_HLEN) would */
	skb->len = ETH_HLEN;
	assert_int_equal(skb_headroom(skb), 32 - ETH_HLEN);
	skb->data_len = 4;			/* frags do not change the front */
	skb->len += 4;
	assert_int_equal(skb_headroom(skb), 32 - ETH_HLEN);
	skb->data_len = 0;
	skb->len = 0;
	skb->data = skb->head;
	assert_int_equal(skb_headroom(skb), 0);
	kfree_skb(skb);
}

static void test_lab_tailroom_alone(void **state)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	int room = (int)(skb->end - skb->head);

	assert_true(room >= 128);
	assert_int_equal(skb_tailroom(skb), room);
	skb->tail = skb->head + 40;		/* as skb_put(skb, 40) would */
	skb->len = 40;
	assert_int_equal(skb_tailroom(skb), room - 40);
	skb->data += ETH_HLEN;			/* the front does not change the back */
	skb->len -= ETH_HLEN;
	assert_int_equal(skb_tailroom(skb), room - 40);
	skb->data_len = 4;			/* nonlinear: new bytes go after the frags */
	skb->len += 4;
	assert_int_equal(skb_tailroom(skb), 0);
	skb->data_len = 0;
	kfree_skb(skb);
}

static void test_lab_clone_alone(void **state)
{
	unsigned long live = netcore_kmalloc_live;
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *c;

	memcpy(skb->head, "hello", 5);		/* as skb_put_data() would */
	skb->tail = skb->head + 5;
	skb->len = 5;
	c = skb_clone(skb, GFP_ATOMIC);
	assert_non_null(c);
	assert_ptr_not_equal(c, skb);
	assert_ptr_equal(c->head, skb->head);
	assert_int_equal(c->len, 5);
	assert_int_equal(c->users, 1);
	assert_null(c->destructor);
	assert_true(skb_cloned(skb) && skb_cloned(c));
	assert_int_equal(skb_shinfo(skb)->dataref, 2);
	consume_skb(skb);
	assert_memory_equal(c->data, "hello", 5);
	assert_int_equal(netcore_kmalloc_live, live + 1);
	consume_skb(c);
	assert_int_equal(netcore_kmalloc_live, live);
}

static void test_get_frees_once(void **state)
{
	unsigned long live = netcore_kmalloc_live;
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	assert_ptr_equal(skb_get(skb), skb);
	assert_int_equal(skb->users, 2);
	assert_true(skb_shared(skb));
	kfree_skb(skb);				/* one reference gone, still alive */
	assert_int_equal(skb->users, 1);
	assert_int_equal(netcore_kmalloc_live, live + 1);
	consume_skb(skb);
	assert_int_equal(netcore_kmalloc_live, live);
	assert_int_equal(skb_free_stats.dropped, 0);	/* only the last put counts */
	assert_int_equal(skb_free_stats.consumed, 1);
}

static void test_clone_shares_and_frees_data_once(void **state)
{
	unsigned long live = netcore_kmalloc_live;
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *c;

	memcpy(skb_put(skb, 5), "hello", 5);
	c = skb_clone(skb, GFP_ATOMIC);
	assert_non_null(c);
	assert_ptr_not_equal(c, skb);
	assert_ptr_equal(c->data, skb->data);
	assert_true(skb_cloned(skb) && skb_cloned(c));
	assert_int_equal(skb_shinfo(skb)->dataref, 2);

	consume_skb(skb);			/* the clone still reads the data (ASan) */
	assert_memory_equal(c->data, "hello", 5);
	assert_int_equal(netcore_kmalloc_live, live + 1);
	kfree_skb(c);
	assert_int_equal(netcore_kmalloc_live, live);
	assert_int_equal(skb_free_stats.consumed, 1);
	assert_int_equal(skb_free_stats.dropped, 1);
}

/* The flow hash follows the packet into clones and copies; a fresh skb has none. */
static void test_hash_kept_by_clone_and_copy_cleared_by_alloc(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *c, *cp;

	assert_int_equal(skb_get_hash(skb), 0);
	memcpy(skb_put(skb, 5), "hello", 5);
	skb_set_hash(skb, 0xcafef00d, PKT_HASH_TYPE_L4);
	assert_int_equal(skb_get_hash(skb), 0xcafef00d);
	assert_true(skb->l4_hash);
	assert_false(skb->sw_hash);
	c = skb_clone(skb, GFP_ATOMIC);
	cp = skb_copy(skb, GFP_ATOMIC);
	assert_non_null(c);
	assert_non_null(cp);
	assert_int_equal(skb_get_hash(c), 0xcafef00d);
	assert_true(c->l4_hash);
	assert_int_equal(skb_get_hash(cp), 0xcafef00d);
	assert_true(cp->l4_hash);
	consume_skb(c);
	consume_skb(cp);
	/* An L3 hash does not claim the ports. */
	skb_set_hash(skb, 7, PKT_HASH_TYPE_L3);
	assert_false(skb->l4_hash);
	skb_clear_hash(skb);
	assert_int_equal(skb_get_hash(skb), 0);
	skb_set_hash(skb, 0x1234, PKT_HASH_TYPE_L4);
	/* The head goes back to the pool with a hash: the next owner must not see it. */
	consume_skb(skb);
	skb = alloc_skb(64, GFP_KERNEL);
	assert_int_equal(skb_get_hash(skb), 0);
	assert_false(skb->l4_hash || skb->sw_hash);
	consume_skb(skb);
}

static int destructor_calls;
static void count_destructor(struct sk_buff *skb) { destructor_calls++; }
static int release_calls;
static void *release_arg;
static void count_release(void *arg) { release_calls++; release_arg = arg; }

static void test_frags_copy_bits_and_release(void **state)
{
	static char f1[] = "FRAG-ONE", f2[] = "two";
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL), *c;
	char out[32] = { 0 };

	destructor_calls = release_calls = 0;
	memcpy(skb_put(skb, 4), "HEAD", 4);
	assert_int_equal(skb_add_frag(skb, f1, 8), 0);
	assert_int_equal(skb_add_frag(skb, f2, 3), 0);
	assert_int_equal(skb->len, 15);
	assert_int_equal(skb->data_len, 11);
	assert_int_equal(skb_headlen(skb), 4);
	assert_int_equal(skb_tailroom(skb), 0);
	skb_shinfo(skb)->frag_release = count_release;
	skb_shinfo(skb)->destructor_arg = f1;
	skb->destructor = count_destructor;

	assert_int_equal(skb_copy_bits(skb, 0, out, 15), 0);
	assert_string_equal(out, "HEADFRAG-ONEtwo");
	memset(out, 0, sizeof(out));
	assert_int_equal(skb_copy_bits(skb, 2, out, 9), 0);	/* across both edges */
	assert_string_equal(out, "ADFRAG-ON");
	assert_int_equal(skb_copy_bits(skb, 10, out, 6), -EFAULT);
	assert_int_equal(skb_copy_bits(skb, -1, out, 1), -EFAULT);

	c = skb_clone(skb, GFP_ATOMIC);
	consume_skb(skb);
	assert_int_equal(destructor_calls, 1);	/* the owner's hook, once */
	assert_int_equal(release_calls, 0);	/* the clone still uses the frags */
	kfree_skb(c);
	assert_int_equal(destructor_calls, 1);	/* clones do not inherit it */
	assert_int_equal(release_calls, 1);
	assert_ptr_equal(release_arg, f1);
}

static void test_trim_into_frags(void **state)
{
	static char f1[8], f2[8];
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	int i;

	skb_put(skb, 4);
	skb_add_frag(skb, f1, 8);
	skb_add_frag(skb, f2, 8);
	skb_trim(skb, 10);
	assert_int_equal(skb->len, 10);
	assert_int_equal(skb->data_len, 6);
	assert_int_equal(skb_shinfo(skb)->nr_frags, 1);
	assert_int_equal(skb_shinfo(skb)->frags[0].len, 6);
	skb_trim(skb, 2);
	assert_int_equal(skb->len, 2);
	assert_int_equal(skb_shinfo(skb)->nr_frags, 0);
	skb_add_frag(skb, f2, 8);
	{
		struct sk_buff *c = skb_clone(skb, 0);

		skb_trim(c, 3);			/* shared frags: refused, both intact */
		assert_int_equal(c->len, 10);
		assert_int_equal(skb_shinfo(skb)->nr_frags, 1);
		assert_true(fake_console_has("cloned nonlinear"));
		kfree_skb(c);
	}
	skb_trim(skb, 2);
	for (i = 0; i < MAX_SKB_FRAGS; i++)
		assert_int_equal(skb_add_frag(skb, f1, 1), 0);
	assert_int_equal(skb_add_frag(skb, f1, 1), -ENOSPC);
	kfree_skb(skb);
}

static void test_pool_exhaustion_is_counted(void **state)
{
	struct sk_buff *skbs[4];
	struct skb_pool_stats st;
	int i;

	assert_int_equal(skb_pool_init(4), 0);
	for (i = 0; i < 4; i++)
		assert_non_null(skbs[i] = alloc_skb(32, GFP_ATOMIC));
	assert_null(alloc_skb(32, GFP_ATOMIC));
	assert_null(netdev_alloc_skb(NULL, 32));
	skb_pool_get_stats(&st);
	assert_int_equal(st.in_use, 4);
	assert_int_equal(st.free, 0);
	assert_int_equal(st.alloc_failures, 2);
	assert_int_equal(st.high_water, 4);
	assert_int_equal(skb_pool_init(8), -EBUSY);	/* not while skbs are out */
	assert_null(skb_clone(skbs[0], GFP_ATOMIC));	/* clones need a head too */
	for (i = 0; i < 4; i++)
		kfree_skb(skbs[i]);
	skb_pool_get_stats(&st);
	assert_int_equal(st.in_use, 0);
	assert_int_equal(st.free, 4);
	assert_int_equal(st.high_water, 4);

	/* The buffer allocation failing returns the head: nothing leaks. */
	netcore_kmalloc_fail = 1;
	assert_null(alloc_skb(32, GFP_ATOMIC));
	skb_pool_get_stats(&st);
	assert_int_equal(st.in_use, 0);
	assert_int_equal(st.alloc_failures, 4);
}

static void test_pool_bad_free_refused(void **state)
{
	struct sk_buff fake;
	struct skb_pool_stats st;

	skb_pool_put(&fake);
	skb_pool_get_stats(&st);
	assert_int_equal(st.bad_frees, 1);
	assert_true(fake_console_has("not from the pool"));
	assert_int_equal(skb_pool_init(16), 0);	/* clears the count for teardown */
}

static void test_pool_default_from_ram(void **state)
{
	unsigned long saved = fake_total_pages;

	/* A 2 KiB receive buffer with headroom and shared info is a whole page:
	 * the pool is sized by what an skb really costs, not by 2 KiB. */
	assert_int_equal(skb_rx_truesize(), sizeof(struct sk_buff) + 4096);
	fake_total_pages = 32768;		/* 128 MiB: an eighth of it */
	assert_int_equal(skb_pool_default_size(), 128u * 1024 * 1024 / 8 / skb_rx_truesize());
	fake_total_pages = 256;			/* 1 MiB: the floor */
	assert_int_equal(skb_pool_default_size(), 256);
	fake_total_pages = 1UL << 24;		/* 64 GiB: the ceiling */
	assert_int_equal(skb_pool_default_size(), 65536);
	fake_total_pages = saved;
	assert_int_equal(skb_pool_init(0), -EINVAL);
}

/* A ring's reserve and the slack stay out of what protocols may hold. */
static void test_pool_reserve_bounds_what_protocols_hold(void **state)
{
	struct skb_pool_stats st;

	assert_int_equal(skb_pool_init(400), 0);
	assert_true(skb_pool_may_hold(0));
	assert_true(skb_pool_may_hold(400 - 64 - 1));		/* the slack is 64 */
	assert_false(skb_pool_may_hold(400 - 64));
	skb_pool_reserve(256);					/* an RX ring opens */
	skb_pool_get_stats(&st);
	assert_int_equal(st.reserved, 256);
	assert_true(skb_pool_may_hold(400 - 256 - 64 - 1));
	assert_false(skb_pool_may_hold(400 - 256 - 64));
	skb_pool_reserve(256);					/* a second: nothing left */
	assert_false(skb_pool_may_hold(0));
	skb_pool_unreserve(256);
	skb_pool_unreserve(1000);				/* never below zero */
	skb_pool_get_stats(&st);
	assert_int_equal(st.reserved, 0);
	skb_pool_reserve(10);
	assert_int_equal(skb_pool_init(100), 0);		/* survives a resize */
	skb_pool_get_stats(&st);
	assert_int_equal(st.reserved, 10);
	skb_pool_unreserve(10);
	assert_int_equal(skb_pool_init(16), 0);
}

static void test_queue_ops_keep_qlen(void **state)
{
	struct sk_buff_head q, other;
	struct sk_buff *a = alloc_skb(8, 0), *b = alloc_skb(8, 0), *c = alloc_skb(8, 0);

	skb_queue_head_init(&q);
	skb_queue_head_init(&other);
	assert_true(skb_queue_empty(&q));
	assert_null(skb_dequeue(&q));
	assert_int_equal(skb_queue_len(&q), 0);

	skb_queue_tail(&q, b);
	skb_queue_head(&q, a);
	skb_queue_tail(&q, c);
	assert_int_equal(skb_queue_len(&q), 3);
	assert_ptr_equal(skb_peek(&q), a);
	assert_ptr_equal(skb_peek_tail(&q), c);

	__skb_unlink(b, &q);
	assert_int_equal(skb_queue_len(&q), 2);
	assert_ptr_equal(a->next, c);
	assert_ptr_equal(c->prev, a);

	skb_queue_tail(&other, b);
	__skb_queue_splice_tail_init(&q, &other);
	assert_int_equal(skb_queue_len(&q), 0);
	assert_true(skb_queue_empty(&q));
	assert_int_equal(skb_queue_len(&other), 3);
	assert_ptr_equal(skb_dequeue(&other), b);
	assert_ptr_equal(skb_dequeue(&other), a);
	assert_int_equal(skb_queue_len(&other), 1);
	assert_false(fake_irqs_off);		/* the irqsave locks restored */

	skb_queue_tail(&other, a);
	skb_queue_tail(&other, b);
	skb_queue_purge(&other);
	assert_int_equal(skb_queue_len(&other), 0);
	assert_null(skb_peek(&other));
	assert_int_equal(skb_free_stats.dropped, 3);
}

static struct sk_buff *frame(struct net_device *dev, const u8 *dst, u16 proto, int payload)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, ETH_HLEN + payload);
	struct ethhdr *eth = (struct ethhdr *)skb_put(skb, ETH_HLEN + payload);

	memcpy(eth->h_dest, dst, ETH_ALEN);
	memset(eth->h_source, 0x22, ETH_ALEN);
	eth->h_proto = cpu_to_be16(proto);
	memset(eth + 1, 0xff, payload);
	return skb;
}

static void test_eth_type_trans(void **state)
{
	static const u8 me[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
	static const u8 other[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 9 };
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	struct net_device *dev = alloc_etherdev(0);
	struct sk_buff *skb;

	memcpy(dev->dev_addr, me, ETH_ALEN);
	skb = frame(NULL, me, ETH_P_IP, 20);
	assert_int_equal(eth_type_trans(skb, dev), cpu_to_be16(ETH_P_IP));
	assert_int_equal(skb->pkt_type, PACKET_HOST);
	assert_ptr_equal(skb->dev, dev);
	assert_int_equal(skb->len, 20);
	assert_ptr_equal(skb_mac_header(skb) + ETH_HLEN, skb->data);
	kfree_skb(skb);

	skb = frame(NULL, bcast, ETH_P_ARP, 28);
	assert_int_equal(eth_type_trans(skb, dev), cpu_to_be16(ETH_P_ARP));
	assert_int_equal(skb->pkt_type, PACKET_BROADCAST);
	kfree_skb(skb);
	skb = frame(NULL, mcast, ETH_P_IPV6, 40);
	eth_type_trans(skb, dev);
	assert_int_equal(skb->pkt_type, PACKET_MULTICAST);
	kfree_skb(skb);
	skb = frame(NULL, other, ETH_P_IP, 20);
	eth_type_trans(skb, dev);
	assert_int_equal(skb->pkt_type, PACKET_OTHERHOST);
	kfree_skb(skb);

	skb = frame(NULL, me, 46, 46);		/* a length field: LLC (DSAP 0xaa) */
	skb->data[ETH_HLEN] = 0xaa;
	assert_int_equal(eth_type_trans(skb, dev), cpu_to_be16(ETH_P_802_2));
	kfree_skb(skb);
	skb = frame(NULL, me, 46, 46);		/* raw 802.3 starts 0xFFFF */
	assert_int_equal(eth_type_trans(skb, dev), cpu_to_be16(ETH_P_802_3));
	kfree_skb(skb);

	skb = alloc_skb(32, 0);			/* a runt: no protocol, nothing pulled */
	skb_put(skb, 10);
	assert_int_equal(eth_type_trans(skb, dev), 0);
	assert_int_equal(skb->len, 10);
	kfree_skb(skb);
	free_netdev(dev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_alloc_geometry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_push_pull_trim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_push_past_headroom_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_past_end_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_put_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_push_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_pull_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_reserve_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_headroom_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_tailroom_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lab_clone_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_frees_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clone_shares_and_frees_data_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hash_kept_by_clone_and_copy_cleared_by_alloc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frags_copy_bits_and_release, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trim_into_frags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhaustion_is_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_bad_free_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_default_from_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_reserve_bounds_what_protocols_hold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_ops_keep_qlen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eth_type_trans, setup, teardown),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
