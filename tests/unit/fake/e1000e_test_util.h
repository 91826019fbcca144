/* Bring-up helpers shared by the e1000e driver tests (cmocka asserts inside). */
#ifndef TESTS_UNIT_FAKE_E1000E_TEST_UTIL_H
#define TESTS_UNIT_FAKE_E1000E_TEST_UTIL_H

#include "e1000e_fake.h"

/* Fresh net core (pool of pool_size skbs), fresh fake NIC, driver probed. */
struct e1000_adapter *e1000e_test_probe(unsigned int pool_size);
/* The driver's probe() on the fake NIC as it is now (for probes meant to fail). */
int e1000e_test_try_probe(void);
/* dev_open() with the given ring sizes; asserts success. */
void e1000e_test_open(struct e1000_adapter *a, int rx_ring, int tx_ring);
/* remove() (which closes), then: no DMA memory, mapping, IRQ or skb left. */
void e1000e_test_remove(struct e1000_adapter *a);
/* Sets e1000e.irq= as a boot parameter would. */
void e1000e_test_irq_mode(const char *mode);

/*
 * An ETH_P_IP protocol handler that records what the driver delivered, for
 * the receive-side tests. With e1000e_hold_skbs the stack keeps every skb
 * (the pool stays drained) until e1000e_test_release_held().
 */
#define E1000E_MAX_SEEN 64
struct e1000e_seen { unsigned int len; __be16 proto; u8 ip_summed, pkt_type; };
extern struct e1000e_seen e1000e_seen[E1000E_MAX_SEEN];
extern unsigned int e1000e_nr_seen;
extern bool e1000e_hold_skbs;
void e1000e_test_release_held(void);
/* cmocka fixtures: the handler registered and the counts zeroed; after the
 * test, a probed adapter a failed test left behind removed, held skbs freed. */
int e1000e_test_setup(void **state);
int e1000e_test_teardown(void **state);
#define e1000e_unit_test(f) cmocka_unit_test_setup_teardown(f, e1000e_test_setup, e1000e_test_teardown)
/* An IPv4 frame of len bytes to dst (the adapter's MAC when NULL). */
const u8 *e1000e_ip_frame(struct e1000_adapter *a, const u8 *dst, unsigned int len);
/* skbs out of the pool now. */
u32 e1000e_pool_in_use(void);

#endif
