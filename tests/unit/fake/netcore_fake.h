/* Shared by the net core tests (test_skb, test_netdev, test_netnapi, test_netpair). */
#ifndef TESTS_UNIT_FAKE_NETCORE_FAKE_H
#define TESTS_UNIT_FAKE_NETCORE_FAKE_H

#include <lib/types.h>

extern unsigned long fake_total_pages;
extern int netcore_kmalloc_fail;
extern unsigned long netcore_kmalloc_live;
extern u64 fake_now_ns;

/* Fresh lib state (softirq, timers, panic guard) and a net core with an nr-skb pool. */
void netcore_test_reset(unsigned int pool_size);
/* Runs pending softirqs as an interrupt's exit would. */
void netcore_run_softirqs(void);
/* Advances jiffies by n ticks, each from a fake timer interrupt. */
void netcore_ticks(unsigned int n);
/* The pool is back to all-free and no buffer is outstanding. */
void netcore_assert_pool_idle(void);

#endif
