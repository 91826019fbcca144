# Fuzz targets (libFuzzer, clang, ASan + UBSan), included by the top Makefile
# after tests/unit/*.mk: like the unit tests, each target is built from the
# kernel's own sources compiled for the host (-DHOST_TEST, the fakes of
# tests/unit/fake), with a harness tests/fuzz/fuzz_NAME.c. docs/fuzzing.md
# has each target's input format and what the runs found.
#
#   make fuzz-build                  every target into build/fuzz/
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS='rx_frame acpi_tables']
#                                    fuzz each target in turn; corpus kept in
#                                    build/fuzz/corpus/NAME (seeded from
#                                    tests/fuzz/corpus/NAME), new crashes
#                                    minimised into build/fuzz/crashes/NAME
#   make fuzz-regress                each target over its committed corpus and
#                                    tests/fuzz/crashes/NAME, then 3 s of
#                                    fuzzing; "fuzz: N passed, N failed"
#   make fuzz-coverage [V=1]         line coverage (llvm-cov) of each target's
#                                    corpus, per file with V=1

FUZZ_CC     := clang
FUZZ_DIR    := $(BUILD)/fuzz
FUZZ_OBJ    := $(FUZZ_DIR)/obj
FUZZ_SECONDS ?= 60
FUZZ_REGRESS_SECONDS ?= 3
FUZZ_ALL    := rx_frame http_request shell_line boot_params acpi_tables multiboot2_info pci_caps
FUZZ_TARGETS ?= $(FUZZ_ALL)

FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
# As HCFLAGS for gcc; every object also sees lwIP's headers (net/apps and
# net/lwip need them, the rest ignores them) and the printf renaming the
# unit tests use, so libc keeps its own snprintf.
FUZZ_CFLAGS := -std=gnu11 -fms-extensions -Wno-microsoft-anon-tag -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	-fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter \
	-DHOST_TEST -Itests/fuzz -Itests/unit/fake -I. $(LWIP_HOST_INCLUDES) \
	-include tests/unit/fake/vsprintf_rename.h -MMD -MP
# The harnesses are ours: no warning passes. Kernel and lwIP sources are
# held to -Werror by the gcc builds; clang's own opinions are only shown.
FUZZ_HARNESS_CFLAGS := -Werror
FUZZ_LDFLAGS := $(FUZZ_SAN) -fsanitize=fuzzer

FUZZ_COMMON := tests/fuzz/fuzz_platform.c lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c \
	lib/errname.c tests/unit/fake/kallsyms_fake.c tests/unit/fake/arch_fake.c

# ---- the stack: e1000e (fake register file) -> net core -> glue -> lwIP -> apps
# rx_frame, http_request, shell_line and boot_params link all of it, so every
# boot parameter, shell command and service is there (but test.fault=:
# arch/x86_64/test_fault.c needs the paging code; the e1000e fake stands in
# for its test_fault_is()).
FUZZ_STACK_SRCS = drivers/net/e1000e/mac.c drivers/net/e1000e/rx.c drivers/net/intel/e1000x.c drivers/net/intel/e1000x_netdev.c \
	drivers/net/e1000e/tx.c drivers/net/e1000e/intr.c drivers/net/e1000e/stats.c \
	drivers/net/e1000e/netdev.c drivers/net/e1000e/param.c \
	drivers/net/e1000e/ethtool.c drivers/net/e1000e/nvm.c drivers/net/e1000e/phy.c \
	$(sort $(wildcard net/core/*.c)) \
	lib/softirq.c lib/softirq_cmd.c lib/timer.c lib/panic.c lib/params.c lib/shell.c \
	lib/shell_cmds.c lib/modinfo.c \
	$(LWIP_UNIT_LWIP_SRCS) $(LWIP_TREE)/src/apps/lwiperf/lwiperf.c \
	net/lwip/port.c net/lwip/netif_glue.c net/lwip/glue_tx.c net/lwip/addr.c \
	net/lwip/tcp_guard.c net/lwip/tcp_gso.c net/lwip/tcp_ack_batch.c \
	lib/profile.c net/apps/apps.c net/apps/echo.c net/apps/http.c net/apps/iperf.c \
	net/apps/net_cmds.c net/apps/ping.c net/apps/reflect.c net/apps/status.c \
	net/apps/status_guard.c net/apps/status_json.c net/apps/tcp_service.c \
	tests/unit/fake/netcore_fake.c tests/unit/fake/nic_fake.c tests/unit/fake/e1000e_fake.c \
	tests/unit/fake/e1000e_phy_fake.c \
	tests/fuzz/fuzz_stack.c tests/fuzz/fuzz_params.c tests/unit/fake/lwip_sys_fake.c $(FUZZ_COMMON)

fuzz_rx_frame_SRCS = $(FUZZ_STACK_SRCS)
fuzz_http_request_SRCS = $(FUZZ_STACK_SRCS)
fuzz_shell_line_SRCS = $(FUZZ_STACK_SRCS)
fuzz_boot_params_SRCS = $(FUZZ_STACK_SRCS)

# ---- the parsers of firmware input
fuzz_acpi_tables_SRCS = arch/x86_64/acpi.c arch/x86_64/acpi_madt.c arch/x86_64/acpi_fadt.c \
	arch/x86_64/acpi_hpet.c \
	arch/x86_64/acpi_aml.c tests/unit/fake/acpi_fake.c tests/unit/fake/netcore_fake.c \
	$(FUZZ_COMMON)
fuzz_multiboot2_info_SRCS = boot/bootinfo.c tests/unit/fake/netcore_fake.c $(FUZZ_COMMON)
# The unit tests' fake config space (its MSI-X write check walks the
# capability list masked and bounded, as drivers/pci does).
fuzz_pci_caps_SRCS = $(PCI_TEST_SRCS) tests/fuzz/fuzz_platform.c

FUZZ_BINS := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_ALL))
fuzz_objs = $(patsubst %,$(FUZZ_OBJ)/%.o,$(sort $(1)))

# lwIP's sources appear with its fetch stamp; the port and the apps need its headers.
FUZZ_LWIP_USERS := $(call fuzz_objs,$(filter net/% tests/fuzz/% $(LWIP_TREE)/%,$(FUZZ_STACK_SRCS)))
$(FUZZ_LWIP_USERS): | $(LWIP_STAMP)

$(FUZZ_OBJ)/%.c.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_XFLAGS) $(if $(filter tests/fuzz/%,$<),$(FUZZ_HARNESS_CFLAGS)) \
		-c $< -o $@

define fuzz_rule
$(FUZZ_DIR)/fuzz_$(1): $(call fuzz_objs,tests/fuzz/fuzz_$(1).c $(fuzz_$(1)_SRCS))
	@echo "  FUZZLD  $$@"
	@$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $$@ $$^
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call fuzz_rule,$(t))))

FUZZ_RUN := $(PYTHON) tests/fuzz/run_fuzz.py --build $(FUZZ_DIR) --src tests/fuzz

fuzz-build: $(FUZZ_BINS)

fuzz: $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))
	@$(FUZZ_RUN) fuzz --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-regress: $(FUZZ_BINS)
	@$(FUZZ_RUN) regress --seconds $(FUZZ_REGRESS_SECONDS) $(FUZZ_ALL)

# Source-based coverage (llvm-cov, from Debian's llvm-14): the same targets
# built without sanitizers but with clang's coverage mapping, run over
# build/fuzz/corpus/NAME (or the committed seeds) once; line and function
# coverage per file, the kernel's and lwIP's apart.
FUZZ_COV     := $(FUZZ_DIR)/cov
FUZZ_COV_CFLAGS = $(filter-out $(FUZZ_SAN),$(FUZZ_CFLAGS)) -fprofile-instr-generate -fcoverage-mapping
fuzz_cov_objs = $(patsubst %,$(FUZZ_COV)/obj/%.o,$(sort $(1)))

$(FUZZ_COV)/obj/%.c.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  COVCC   $<"
	@$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(FUZZ_XFLAGS) -c $< -o $@
$(call fuzz_cov_objs,$(filter net/% tests/fuzz/% $(LWIP_TREE)/%,$(FUZZ_STACK_SRCS))): | $(LWIP_STAMP)

define fuzz_cov_rule
$(FUZZ_COV)/fuzz_$(1): $(call fuzz_cov_objs,tests/fuzz/fuzz_$(1).c $(fuzz_$(1)_SRCS))
	@echo "  COVLD   $$@"
	@$(FUZZ_CC) -fsanitize=fuzzer -fprofile-instr-generate -o $$@ $$^
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call fuzz_cov_rule,$(t))))

fuzz-coverage: $(patsubst %,$(FUZZ_COV)/fuzz_%,$(FUZZ_TARGETS))
	@$(FUZZ_RUN) llvm-cov $(if $(V),-v) $(FUZZ_TARGETS)

# Rebuilds tests/fuzz/corpus from tests/fuzz/make_corpus.py (the seeds are committed).
fuzz-corpus:
	$(PYTHON) tests/fuzz/make_corpus.py tests/fuzz/corpus

.PHONY: fuzz-build fuzz fuzz-regress fuzz-corpus fuzz-coverage
