UNIT_TESTS += netdev
test_netdev_SRCS = $(NETCORE_TEST_SRCS)
test_netdev_CFLAGS = $(NETCORE_TEST_CFLAGS)
