UNIT_TESTS += netpair
test_netpair_SRCS = $(NETCORE_TEST_SRCS) drivers/net/pairdev.c
test_netpair_CFLAGS = $(NETCORE_TEST_CFLAGS)
