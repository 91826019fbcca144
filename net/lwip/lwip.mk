# lwIP in the kernel build (included by the top Makefile).
#
# lwIP is not in the repository: tools/fetch-lwip.sh fetches Debian trixie's
# lwip source package (patched by dpkg-source) into build/lwip-src once, and
# every later build reuses it. Its files and our port (net/lwip/*.c) compile
# with the kernel's flags into $(KOBJ)/lwip and $(KOBJ)/net/lwip, and join the
# link through EXTRA_KOBJS. See docs/lwip.md.
#
#   make lwip-objs    fetch lwIP and compile it with the port, no link
#
# Its host tests (the port, the glue, lwIP's own test/unit) are rows in
# tests/unit/unit.mk.

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
LWIP_PORT_OBJS := $(patsubst %,$(KOBJ)/%.o,$(sort $(wildcard net/lwip/*.c)))

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

# lwIP's headers for code built on the host (the unit tests, the fuzzers),
# which uses the host's libc headers instead of net/lwip/compat.
LWIP_HOST_INCLUDES := -I$(LWIP_TREE)/src/include -Inet/lwip \
	-I$(LWIP_TREE)/contrib/addons/tcp_isn -I$(LWIP_DIR)

.PHONY: lwip-objs
