# The e1000e driver's logic against a fake register file: the real driver
# sources, the real net core and lib (NETCORE_TEST_SRCS), and small
# platform fakes (PCI, IRQs, DMA memory, idle pollers: fake/e1000e_fake.c).
E1000E_TEST_SRCS = drivers/net/e1000e/mac.c drivers/net/e1000e/rx.c drivers/net/intel/e1000x.c \
	drivers/net/e1000e/tx.c drivers/net/e1000e/intr.c drivers/net/e1000e/stats.c \
	drivers/net/e1000e/netdev.c drivers/net/e1000e/param.c \
	drivers/net/e1000e/ethtool.c drivers/net/e1000e/nvm.c drivers/net/e1000e/phy.c lib/modinfo.c \
	$(NETCORE_TEST_SRCS) tests/unit/fake/e1000e_fake.c tests/unit/fake/e1000e_phy_fake.c \
	tests/unit/fake/e1000e_test_util.c
E1000E_TEST_CFLAGS = $(NETCORE_TEST_CFLAGS)

UNIT_TESTS += e1000e_ring
test_e1000e_ring_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_ring_CFLAGS = $(E1000E_TEST_CFLAGS)

# One test file per driver file: test_e1000e_X.c tests drivers/net/e1000e/X.c.
UNIT_TESTS += e1000e_netdev e1000e_rx e1000e_intr e1000e_mac e1000e_stats
$(foreach t,netdev rx intr mac stats,$(eval test_e1000e_$(t)_SRCS = $$(E1000E_TEST_SRCS)))
$(foreach t,netdev rx intr mac stats,$(eval test_e1000e_$(t)_CFLAGS = $$(E1000E_TEST_CFLAGS)))

UNIT_TESTS += e1000e_tx
test_e1000e_tx_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_tx_CFLAGS = $(E1000E_TEST_CFLAGS)

# Issue 14's MAC side: init bits, ASPM, the other vector, teardown, NVM, setters.
UNIT_TESTS += e1000e_hw
test_e1000e_hw_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_hw_CFLAGS = $(E1000E_TEST_CFLAGS)

UNIT_TESTS += e1000e_phy
test_e1000e_phy_SRCS = $(E1000E_TEST_SRCS) tests/unit/fake/capture_console.c
test_e1000e_phy_CFLAGS = $(E1000E_TEST_CFLAGS)
