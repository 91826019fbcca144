# The host unit tests, one row each (included by the top Makefile).
#
# test_NAME is tests/unit/test_NAME.c compiled with ASan and UBSan and linked
# with the kernel sources and fakes on its row: test_NAME_SRCS, and where a
# test needs more, test_NAME_CFLAGS. Every tests/unit/test_*.c is built and
# needs a row (the build names a test without one). A row that links
# lib/vsprintf.c gets tests/unit/fake/vsprintf_rename.h forced in by the top
# Makefile: the kernel's printf family gets names of its own and libc's
# stays libc's for cmocka.

# ---- groups of sources several rows share -------------------------------

# printk to the console through the real lib/, on the fake arch.
UNIT_LOG_SRCS := lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c lib/errname.c \
	tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
UNIT_PANIC_SRCS := lib/panic.c tests/unit/fake/panic_fake.c
UNIT_CAPTURE := tests/unit/fake/capture_console.c
UNIT_SHELL_SRCS := lib/shell.c lib/params.c tests/unit/fake/shell_fake.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)

# All of net/core on the real lib/ runtime it sits on (softirq, timers,
# panic, printk, params, shell) and malloc-backed kmalloc so ASan sees buffers.
NETCORE_TEST_SRCS = $(sort $(wildcard net/core/*.c)) \
	lib/softirq.c lib/timer.c lib/params.c lib/shell.c $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS) \
	tests/unit/fake/netcore_fake.c tests/unit/fake/netcore_test_util.c

# The e1000e driver against a fake register file (fake/e1000e_fake.c).
E1000E_TEST_SRCS = drivers/net/e1000e/mac.c drivers/net/e1000e/rx.c drivers/net/intel/e1000x.c drivers/net/intel/e1000x_netdev.c \
	drivers/net/e1000e/tx.c drivers/net/e1000e/intr.c drivers/net/e1000e/stats.c \
	drivers/net/e1000e/netdev.c drivers/net/e1000e/param.c \
	drivers/net/e1000e/ethtool.c drivers/net/e1000e/nvm.c drivers/net/e1000e/phy.c lib/modinfo.c \
	$(NETCORE_TEST_SRCS) tests/unit/fake/nic_fake.c tests/unit/fake/e1000e_fake.c tests/unit/fake/e1000e_phy_fake.c \
	tests/unit/fake/e1000e_test_util.c

# drivers/pci against a fake configuration space (fake/pci_fake.c).
PCI_TEST_SRCS := drivers/pci/access.c drivers/pci/probe.c drivers/pci/bar.c \
	drivers/pci/cap.c drivers/pci/irq.c drivers/pci/msi.c drivers/pci/msix.c \
	drivers/pci/driver.c drivers/pci/names.c drivers/pci/lspci.c drivers/pci/init.c \
	drivers/pci/pm.c drivers/pci/aspm.c arch/x86_64/msi.c \
	tests/unit/fake/pci_fake.c tests/unit/fake/pci_irq_fake.c $(UNIT_LOG_SRCS)

# The ACPI parser against synthetic tables.
ACPI_SRCS := arch/x86_64/acpi.c arch/x86_64/acpi_madt.c arch/x86_64/acpi_fadt.c \
	arch/x86_64/acpi_hpet.c arch/x86_64/acpi_aml.c lib/vsprintf.c \
	tests/unit/fake/kallsyms_fake.c tests/unit/fake/acpi_fake.c \
	tests/unit/fake/acpi_printk_fake.c tests/unit/fake/arch_fake.c
CLOCKSOURCE_LOG_SRCS := lib/vsprintf.c tests/unit/fake/kallsyms_fake.c \
	tests/unit/fake/acpi_printk_fake.c

# The REAL lwIP (fetched from Debian by net/lwip/lwip.mk) compiled for the
# host, with the glue and the services, against a fake net_device that
# records what it is asked to send; tests/unit/fake/lwip_sys_fake.c stands
# in for sys_arch.c. The hostile-peer rows add lwiperf and the iperf service.
LWIP_UNIT_LWIP_SRCS = $(addprefix $(LWIP_TREE)/,$(filter-out src/netif/ppp/polarssl/md5.c \
	contrib/addons/tcp_isn/tcp_isn.c src/apps/lwiperf/lwiperf.c,$(LWIP_SRCS)))
LWIP_TEST_SRCS = $(NETCORE_TEST_SRCS) $(LWIP_UNIT_LWIP_SRCS) net/lwip/port.c \
	net/lwip/netif_glue.c net/lwip/glue_tx.c net/lwip/addr.c net/apps/echo.c \
	net/apps/tcp_service.c net/lwip/tcp_guard.c net/lwip/tcp_gso.c net/lwip/tcp_ack_batch.c tests/unit/fake/lwip_harness.c \
	tests/unit/fake/lwip_sys_fake.c
LWIP_HOSTILE_SRCS = $(LWIP_TEST_SRCS) $(LWIP_TREE)/src/apps/lwiperf/lwiperf.c net/apps/iperf.c \
	tests/unit/fake/lwip_services.c

# lwIP's tcp_isn addon hashes with the MD5 lwIP keeps in its PPP code, which
# compiles only when PPP is configured: it alone is told it is.
UNIT_LWIP_MD5 := $(BUILD)/unit/lwip_md5.o
$(UNIT_LWIP_MD5): $(LWIP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HCFLAGS) $(LWIP_HOST_INCLUDES) -DPPP_SUPPORT=1 -DLWIP_INCLUDED_POLARSSL_MD5=1 \
		-c $(LWIP_TREE)/src/netif/ppp/polarssl/md5.c -o $@

# ---- the rows -------------------------------------------------------------
# lib/
test_bitmap_SRCS      = lib/bitmap.c
test_string_SRCS      = lib/string.c lib/kstrtox.c
test_string_CFLAGS    = -fno-builtin -include tests/unit/fake/string_rename.h
test_vsprintf_SRCS    = lib/vsprintf.c tests/unit/fake/kallsyms_fake.c
test_vsprintf_CFLAGS  = -Wno-format
test_printk_SRCS      = $(UNIT_LOG_SRCS)
test_console_SRCS     = lib/params.c $(UNIT_LOG_SRCS)
test_params_SRCS      = lib/params.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)
test_initcall_SRCS    = lib/initcall.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)
test_panic_SRCS       = $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
test_page_alloc_SRCS  = lib/page_alloc.c lib/bitmap.c $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
test_kmalloc_SRCS     = lib/kmalloc.c lib/mem_cmd.c lib/page_alloc.c lib/bitmap.c \
	$(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
test_softirq_SRCS     = lib/softirq.c lib/softirq_cmd.c $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
test_timer_SRCS       = lib/timer.c lib/softirq.c $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
test_shell_SRCS       = lib/shell_cmds.c $(UNIT_SHELL_SRCS)
test_shell_edit_SRCS  = $(UNIT_SHELL_SRCS)
test_modinfo_SRCS     = lib/modinfo.c $(UNIT_SHELL_SRCS)
test_profile_SRCS     = lib/profile.c lib/vsprintf.c
test_irq_SRCS         = lib/irq.c $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
# arch/x86_64/irq.c (IRQ numbers and CPU vectors) on the real IRQ core.
test_irq_vector_SRCS  = arch/x86_64/irq.c lib/irq.c $(UNIT_PANIC_SRCS) $(UNIT_LOG_SRCS)
test_random_SRCS      = lib/random.c

# boot/ and arch/x86_64/
test_bootinfo_SRCS    = boot/bootinfo.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)
test_acpi_SRCS        = $(ACPI_SRCS)
test_acpi_madt_SRCS   = $(ACPI_SRCS)
test_acpi_madt_x2apic_SRCS = $(ACPI_SRCS)
test_acpi_fadt_SRCS   = $(ACPI_SRCS)
test_acpi_timers_SRCS = $(ACPI_SRCS)
test_clocksource_SRCS = arch/x86_64/clocksource.c $(CLOCKSOURCE_LOG_SRCS)
test_clocksource_hw_SRCS = arch/x86_64/clocksource.c arch/x86_64/hpet.c \
	arch/x86_64/acpi_pm.c arch/x86_64/i8253.c $(CLOCKSOURCE_LOG_SRCS)
# lapic.c against a modelled CPU: cpu_msr_fake.h takes cpu.h's place (RDMSR, WRMSR, CPUID).
test_lapic_SRCS       = arch/x86_64/lapic.c lib/params.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)
test_lapic_CFLAGS     = -include tests/unit/fake/cpu_msr_fake.h
test_ioapic_SRCS      = arch/x86_64/ioapic.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)
test_msi_SRCS         = arch/x86_64/msi.c $(UNIT_CAPTURE) $(UNIT_LOG_SRCS)

# drivers/pci, drivers/tty, drivers/input
test_pci_scan_SRCS    = $(PCI_TEST_SRCS)
test_pci_irq_SRCS     = $(PCI_TEST_SRCS)
test_pci_driver_SRCS  = $(PCI_TEST_SRCS)
test_pci_pm_SRCS      = $(PCI_TEST_SRCS)
test_pci_aspm_SRCS    = $(PCI_TEST_SRCS)
test_vt_SRCS          = drivers/tty/vt.c drivers/tty/fbcon.c
test_tty_input_SRCS   = drivers/tty/tty_input.c tests/unit/fake/arch_fake.c
test_atkbd_SRCS       = drivers/input/atkbd.c
test_i8042_SRCS       = drivers/input/i8042.c drivers/input/atkbd.c drivers/tty/tty_input.c \
	lib/params.c lib/kstrtox.c lib/errname.c $(CLOCKSOURCE_LOG_SRCS) tests/unit/fake/arch_fake.c

# net/core (drivers/net/test: the pair device, a test-only driver)
test_skb_SRCS         = $(NETCORE_TEST_SRCS)
test_gso_SRCS         = $(NETCORE_TEST_SRCS)
test_netdev_SRCS      = $(NETCORE_TEST_SRCS)
test_netnapi_SRCS     = $(NETCORE_TEST_SRCS)
test_busy_poll_SRCS   = $(NETCORE_TEST_SRCS)
test_checksum_SRCS    = $(NETCORE_TEST_SRCS)
test_flow_hash_SRCS   = $(NETCORE_TEST_SRCS)
test_netpair_SRCS     = $(NETCORE_TEST_SRCS) drivers/net/test/pairdev.c
test_ethtool_SRCS     = $(NETCORE_TEST_SRCS) drivers/net/test/pairdev.c

# drivers/net/e1000e: test_e1000e_X.c tests X.c (ring: the ring, ICR and
# hash arithmetic; hw: what real silicon needs beyond QEMU's model).
test_e1000e_netdev_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_rx_SRCS   = $(E1000E_TEST_SRCS)
test_e1000e_tx_SRCS   = $(E1000E_TEST_SRCS)
test_e1000e_intr_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_mac_SRCS  = $(E1000E_TEST_SRCS)
test_e1000e_stats_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_phy_SRCS  = $(E1000E_TEST_SRCS) $(UNIT_CAPTURE)
test_e1000e_ring_SRCS = $(E1000E_TEST_SRCS)
test_e1000e_hw_SRCS   = $(E1000E_TEST_SRCS)

# drivers/net/e1000 against its fake 82540EM (fake/e1000_fake.c).
test_e1000_SRCS       = drivers/net/e1000/mac.c drivers/net/e1000/rx.c drivers/net/e1000/tx.c \
	drivers/net/intel/e1000x.c drivers/net/intel/e1000x_netdev.c \
	drivers/net/e1000/intr.c drivers/net/e1000/netdev.c drivers/net/e1000/param.c \
	drivers/net/e1000/ethtool.c drivers/net/e1000/phy.c lib/modinfo.c $(NETCORE_TEST_SRCS) \
	tests/unit/fake/nic_fake.c \
	tests/unit/fake/e1000_fake.c
# drivers/net/intel, the code both Intel drivers share, on a plain register array.
test_e1000x_SRCS      = drivers/net/intel/e1000x.c $(NETCORE_TEST_SRCS) tests/unit/fake/nic_fake.c \
	$(UNIT_CAPTURE)
# drivers/net/igb against its fake 82576 (fake/igb_fake.c).
test_igb_SRCS         = $(sort $(wildcard drivers/net/igb/*.c)) drivers/net/intel/e1000x.c drivers/net/intel/e1000x_netdev.c \
	lib/modinfo.c $(NETCORE_TEST_SRCS) tests/unit/fake/nic_fake.c tests/unit/fake/igb_fake.c

# net/lwip and net/apps on the real lwIP (docs/hostile-networks.md for the
# hostile peers: the limits and budgets, one test per lwIP patch).
test_lwip_SRCS        = $(LWIP_TEST_SRCS)
test_lwip_hostile_SRCS = $(LWIP_HOSTILE_SRCS)
test_lwip_tcp_patches_SRCS = $(LWIP_HOSTILE_SRCS)
test_lwip_ip_patches_SRCS = $(LWIP_HOSTILE_SRCS)
# The NIC's receive checksum verdict in lwIP (patch 0019, glue_rx_csum_unnecessary()).
test_lwip_rx_csum_SRCS = $(LWIP_TEST_SRCS)
# Per-interface addressing (ip=, ip1=, ip.eth1=, ...) through parse_args().
test_lwip_addr_SRCS   = $(LWIP_TEST_SRCS) $(UNIT_CAPTURE)
$(foreach t,lwip lwip_hostile lwip_tcp_patches lwip_ip_patches lwip_addr lwip_rx_csum,\
	$(eval test_$(t)_CFLAGS = $$(LWIP_HOST_INCLUDES)))
# The port itself (sys_arch.c: clock, random numbers, the RFC 6528 ISN hook)
# with lwIP's own tcp_isn addon, on the host's libc headers.
test_lwip_port_SRCS   = net/lwip/sys_arch.c $(LWIP_TREE)/contrib/addons/tcp_isn/tcp_isn.c \
	$(UNIT_LWIP_MD5) lib/random.c arch/x86_64/random.c
test_lwip_port_CFLAGS = $(LWIP_HOST_INCLUDES)

# ---- lwIP's own unit tests --------------------------------------------------
# The source package's test/unit (Check framework), built on the host and run
# by `make unit`. They are built with the lwipopts.h that ships beside them,
# not ours: ours is the kernel's (heap from alloc_pages, PBUF_POOL_SIZE 0
# because received pbufs wrap skbs, the ISN hook and RNG from the kernel,
# printk/panic in arch/cc.h), while the tests build their input frames from
# PBUF_POOL pbufs and assert sizes derived from their own TCP_WND/TCP_SND_BUF/
# MEM_SIZE. Our options are exercised by test_lwip*.c instead. docs/lwip.md
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

.PHONY: lwip-unit
