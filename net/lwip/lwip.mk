# lwIP in the kernel build (included by the top Makefile).
#
# lwIP is not in the repository: tools/fetch-lwip.sh fetches Debian trixie's
# lwip source package (patched by dpkg-source) into build/lwip-src once, and
# every later build reuses it. Its files and our port (net/lwip/*.c) compile
# with the kernel's flags into $(KOBJ)/lwip and $(KOBJ)/net/lwip, and join the
# link through EXTRA_KOBJS. See docs/lwip.md.
#
#   make lwip-objs    fetch lwIP and compile it with the port, no link
#   make lwip-check   host check of the port (sys_arch.c, the ISN hook)

LWIP_DIR   := $(BUILD)/lwip-src
LWIP_TREE  := $(LWIP_DIR)/lwip
LWIP_STAMP := $(LWIP_DIR)/.complete

# The parts of lwIP we use, relative to the tree. Not built: the socket and
# netconn APIs (NO_SYS), DNS, AutoIP/ACD, DHCPv6, PPP except its MD5.
LWIP_SRCS := $(addprefix src/core/, init.c def.c inet_chksum.c ip.c mem.c \
		memp.c netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c \
		tcp_out.c timeouts.c udp.c) \
	$(addprefix src/core/ipv4/, dhcp.c etharp.c icmp.c igmp.c ip4.c \
		ip4_addr.c ip4_frag.c) \
	$(addprefix src/core/ipv6/, ethip6.c icmp6.c inet6.c ip6.c ip6_addr.c \
		ip6_frag.c mld6.c nd6.c) \
	src/netif/ethernet.c \
	src/apps/lwiperf/lwiperf.c \
	contrib/addons/tcp_isn/tcp_isn.c \
	src/netif/ppp/polarssl/md5.c
# tcp_isn.c hashes with the MD5 that lwIP keeps in its PPP code; md5.c only
# compiles itself when PPP is configured, so it alone is told it is.
$(KOBJ)/lwip/src/netif/ppp/polarssl/md5.c.o: LWIP_XFLAGS := -DPPP_SUPPORT=1 -DLWIP_INCLUDED_POLARSSL_MD5=1

LWIP_OBJS      := $(patsubst %,$(KOBJ)/lwip/%.o,$(LWIP_SRCS))
LWIP_PORT_OBJS := $(patsubst %,$(KOBJ)/%.o,$(sort $(filter-out %_host.c,$(wildcard net/lwip/*.c))))

# Where lwIP's headers, our lwipopts.h and arch/cc.h, the tcp_isn addon and
# the generated nicstack_lwip_version.h are found. The repo root (-I. in
# KCFLAGS) still comes first.
LWIP_INCLUDES := -I$(LWIP_TREE)/src/include -Inet/lwip -Inet/lwip/compat \
	-I$(LWIP_TREE)/contrib/addons/tcp_isn -I$(LWIP_DIR)

# -nostdinc: lwIP and the port see only the compiler's own headers (stdint.h,
# stddef.h, ...) and the shims in net/lwip/compat, never the host's libc.
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
LWIP_KCFLAGS := $(KCFLAGS) -nostdinc -isystem $(GCC_INCLUDE) $(LWIP_INCLUDES)

# Our fixes to lwIP (net/lwip/patches, applied in the order of its series):
# a changed series re-makes the patched tree from the cached Debian one.
LWIP_PATCHES := net/lwip/patches/series $(wildcard net/lwip/patches/*.patch)

$(LWIP_STAMP): tools/fetch-lwip.sh tools/debian-apt.sh $(LWIP_PATCHES) | $(DEPS_OK)
	@bash tools/fetch-lwip.sh $(LWIP_DIR)
	@touch $@

# The sources appear with the stamp; a file Debian dropped is named, not
# reported as a missing rule.
$(addprefix $(LWIP_TREE)/,$(LWIP_SRCS)): | $(LWIP_STAMP)
	@test -f $@ || { echo "lwip: $@ is not in Debian's lwip source package" >&2; exit 1; }

$(KOBJ)/lwip/%.c.o: $(LWIP_TREE)/%.c $(KFLAGS_STAMP) | $(LWIP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_KCFLAGS) $(LWIP_XFLAGS) -c $< -o $@

# The port (and, later, the netif glue) in net/lwip: kernel code that also
# includes lwIP's headers. net/lwip is not in KDIRS, so it is listed here.
$(LWIP_PORT_OBJS): KCFLAGS := $(LWIP_KCFLAGS)
$(LWIP_PORT_OBJS): | $(LWIP_STAMP)

# The services in net/apps (echo, iperf, http) are built by the top Makefile
# and call lwIP: they need its headers too.
LWIP_APP_OBJS := $(filter $(KOBJ)/net/apps/%,$(KOBJS))
$(LWIP_APP_OBJS): KCFLAGS += $(LWIP_INCLUDES)
$(LWIP_APP_OBJS): | $(LWIP_STAMP)

EXTRA_KOBJS += $(LWIP_OBJS) $(LWIP_PORT_OBJS)

lwip-objs: $(LWIP_OBJS) $(LWIP_PORT_OBJS)

# The host check needs the fetched tree, so it is not one of tests/unit's
# tests; it builds like them (HCFLAGS: ASan, UBSan, cmocka) with the host's
# libc headers instead of net/lwip/compat.
LWIP_CHECK := $(BUILD)/unit/lwip_port_check
LWIP_HOST_INCLUDES := -I$(LWIP_TREE)/src/include -Inet/lwip \
	-I$(LWIP_TREE)/contrib/addons/tcp_isn -I$(LWIP_DIR)
LWIP_CHECK_SRCS := net/lwip/port_check_host.c net/lwip/sys_arch.c \
	$(LWIP_TREE)/contrib/addons/tcp_isn/tcp_isn.c

$(LWIP_CHECK): $(LWIP_CHECK_SRCS) net/lwip/lwipopts.h net/lwip/arch/cc.h $(LWIP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HCFLAGS) $(LWIP_HOST_INCLUDES) -DPPP_SUPPORT=1 -DLWIP_INCLUDED_POLARSSL_MD5=1 \
		-c $(LWIP_TREE)/src/netif/ppp/polarssl/md5.c -o $@-md5.o
	$(CC) $(HCFLAGS) $(LWIP_HOST_INCLUDES) -o $@ $(LWIP_CHECK_SRCS) $@-md5.o $(HLDLIBS)

lwip-check: $(LWIP_CHECK)
	@$(PYTHON) tools/run_unit.py $(LWIP_CHECK)

.PHONY: lwip-objs lwip-check

# lwIP's own unit tests (the source package's test/unit, Check framework),
# built on the host and run by `make unit`. They are built with the
# lwipopts.h that ships beside them, not ours: ours is the kernel's (heap
# from alloc_pages, PBUF_POOL_SIZE 0 because received pbufs wrap skbs, the
# ISN hook and RNG from the kernel, printk/panic in arch/cc.h), while the
# tests build their input frames from PBUF_POOL pbufs and assert sizes
# derived from their own TCP_WND/TCP_SND_BUF/MEM_SIZE. Our options are
# exercised on the host by tests/unit/test_lwip.c instead. docs/lwip.md
# lists the suites and which of them cover code our kernel does not build.
# The arch headers are lwIP's unix port; slipif.c is left out (it needs a
# serial device layer the tests do not provide).
LWIP_UT       := $(BUILD)/unit/lwip_unittests
LWIP_UT_DIRS  := src/core src/core/ipv4 src/core/ipv6 src/api src/netif \
	src/netif/ppp src/netif/ppp/polarssl src/apps/mdns src/apps/mqtt
LWIP_UT_TREE  := $(abspath $(LWIP_TREE))
LWIP_UT_FLAGS := -O1 -g -w -DLWIP_NOASSERT_ON_ERROR -I$(LWIP_UT_TREE)/test/unit \
	-I$(LWIP_UT_TREE)/src/include -I$(LWIP_UT_TREE)/contrib/ports/unix/port/include \
	-I$(LWIP_UT_TREE)/contrib/ports/unix/check

# The file list is read in the recipe: the tree may not exist when make parses.
$(LWIP_UT): $(LWIP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@ (lwIP test/unit, Check)"
	@cd $(LWIP_TREE) && $(CC) $(LWIP_UT_FLAGS) -o $(abspath $@) \
		$$(ls $(addsuffix /*.c,$(LWIP_UT_DIRS)) | grep -v '/slipif\.c$$') \
		test/unit/lwip_unittests.c test/unit/*/*.c $$(pkg-config --cflags --libs check)

# Check forks each test; its last line is the summary ("100%: Checks: N,
# Failures: 0, Errors: 0"). Run in build/unit: it writes lwip_unittests.xml.
lwip-unit: $(LWIP_UT)
	@cd $(dir $(LWIP_UT)) && ./lwip_unittests > lwip_unittests.log 2>&1; rc=$$?; \
		tail -n 1 lwip_unittests.log | sed 's/^/lwip-unit: /'; \
		[ $$rc -eq 0 ] || { tail -n 40 lwip_unittests.log; exit 1; }

unit: lwip-unit lwip-check

.PHONY: lwip-unit
