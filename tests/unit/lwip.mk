# The lwIP glue on the host: the REAL lwIP sources (fetched from Debian by
# net/lwip/lwip.mk, compiled for the host here) + the real net core + the
# glue and the echo service, against a fake net_device that records what it
# is asked to send. sys_arch.c is replaced by tests/unit/test_lwip.c's fakes
# (the ISN hook needs md5.c built with PPP flags of its own).
LWIP_UNIT_LWIP_SRCS = $(addprefix $(LWIP_TREE)/,$(filter-out src/netif/ppp/polarssl/md5.c \
	contrib/addons/tcp_isn/tcp_isn.c src/apps/lwiperf/lwiperf.c,$(LWIP_SRCS)))

UNIT_TESTS += lwip
test_lwip_SRCS = $(NETCORE_TEST_SRCS) $(LWIP_UNIT_LWIP_SRCS) net/lwip/port.c \
	net/lwip/netif_glue.c net/lwip/glue_tx.c net/lwip/addr.c net/apps/echo.c \
	net/apps/tcp_service.c net/lwip/tcp_guard.c tests/unit/fake/lwip_harness.c \
	tests/unit/fake/lwip_sys_fake.c
test_lwip_CFLAGS = $(NETCORE_TEST_CFLAGS) $(LWIP_HOST_INCLUDES)

# Hostile peers (docs/hostile-networks.md): the same harness with lwiperf and
# the iperf service too; the limits and budgets, and one test per lwIP patch.
LWIP_HOSTILE_SRCS = $(test_lwip_SRCS) $(LWIP_TREE)/src/apps/lwiperf/lwiperf.c net/apps/iperf.c \
	tests/unit/fake/lwip_services.c
UNIT_TESTS += lwip_hostile lwip_tcp_patches lwip_ip_patches
test_lwip_hostile_SRCS = $(LWIP_HOSTILE_SRCS)
test_lwip_hostile_CFLAGS = $(test_lwip_CFLAGS)
test_lwip_tcp_patches_SRCS = $(LWIP_HOSTILE_SRCS)
test_lwip_tcp_patches_CFLAGS = $(test_lwip_CFLAGS)
test_lwip_ip_patches_SRCS = $(LWIP_HOSTILE_SRCS)
test_lwip_ip_patches_CFLAGS = $(test_lwip_CFLAGS)
