# net/core/busy_poll.c: the idle loop's busy-poller list.
UNIT_TESTS += busy_poll
test_busy_poll_SRCS = $(NETCORE_TEST_SRCS)
test_busy_poll_CFLAGS = $(NETCORE_TEST_CFLAGS)
