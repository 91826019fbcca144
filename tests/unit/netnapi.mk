UNIT_TESTS += netnapi
test_netnapi_SRCS = $(NETCORE_TEST_SRCS)
test_netnapi_CFLAGS = $(NETCORE_TEST_CFLAGS)
