/*
 * Test-only entry points of lib/ (compiled under HOST_TEST): each resets a
 * subsystem's private state so every test starts from a clean slate.
 */
#ifndef TESTS_UNIT_FAKE_LIB_TEST_HOOKS_H
#define TESTS_UNIT_FAKE_LIB_TEST_HOOKS_H

void page_alloc_reset_for_test(void);	/* lib/page_alloc.c */
void kmalloc_reset_for_test(void);	/* lib/kmalloc.c */
void softirq_reset_for_test(void);	/* lib/softirq.c */
void timer_reset_for_test(void);	/* lib/timer.c */

#endif
