# net/core/ethtool.c: the ethtool and reset commands against a pair device
# with a counting ethtool_ops table.
UNIT_TESTS += ethtool
test_ethtool_SRCS = $(NETCORE_TEST_SRCS) drivers/net/pairdev.c
test_ethtool_CFLAGS = $(NETCORE_TEST_CFLAGS)
