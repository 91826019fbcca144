# The e1000 (8254x) driver against its fake register file (fake/e1000_fake.c),
# with the real net core and lib underneath.
UNIT_TESTS += e1000
test_e1000_SRCS = drivers/net/e1000/mac.c drivers/net/e1000/rx.c drivers/net/e1000/tx.c \
	drivers/net/intel/e1000x.c \
	drivers/net/e1000/intr.c drivers/net/e1000/netdev.c drivers/net/e1000/param.c drivers/net/e1000/ethtool.c \
	lib/modinfo.c $(NETCORE_TEST_SRCS) tests/unit/fake/e1000_fake.c
test_e1000_CFLAGS = $(NETCORE_TEST_CFLAGS)
