/* Bring-up helpers shared by the e1000e driver tests (cmocka asserts inside). */
#ifndef TESTS_UNIT_FAKE_E1000E_TEST_UTIL_H
#define TESTS_UNIT_FAKE_E1000E_TEST_UTIL_H

#include "e1000e_fake.h"

/* Fresh net core (pool of pool_size skbs), fresh fake NIC, driver probed. */
struct e1000_adapter *e1000e_test_probe(unsigned int pool_size);
/* dev_open() with the given ring sizes; asserts success. */
void e1000e_test_open(struct e1000_adapter *a, int rx_ring, int tx_ring);
/* remove() (which closes), then: no DMA memory, mapping, IRQ or skb left. */
void e1000e_test_remove(struct e1000_adapter *a);
/* Sets e1000e.irq= as a boot parameter would. */
void e1000e_test_irq_mode(const char *mode);

#endif
