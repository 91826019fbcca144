# nicstack: build the kernel and its GRUB ISO, run it, test it.
#   make         kernel ELF + ISO          make run     boot it in QEMU
#   make test    unit + QEMU tests         make debug   QEMU waiting for gdb
#   make bench   nicstack vs a Linux guest make clean
# Every target first installs what is missing from Debian (see tools/deps.sh).

BUILD   := build
KOBJ    := $(BUILD)/kernel
ELF     := $(BUILD)/nicstack.elf
ISO     := $(BUILD)/nicstack.iso
DEPS_OK := $(BUILD)/.deps-ok

CC      := gcc
LD      := ld
OBJCOPY := objcopy
PYTHON  := /usr/bin/python3

# Kernel code: freestanding, no red zone (IRQs push onto the interrupted
# stack), no SSE/x87 (we never save that state), frame pointers for backtraces.
# The stack protector's canary is a global (there is no TLS), set at boot by
# arch/x86_64/stackprotector.c. Uninitialised locals start as zero, and
# functions clear the registers they used on return, so neither can leak
# old data (docs/hardening.md has what each costs). -fms-extensions lets a
# struct embed another without a member name (the Intel drivers' adapters
# start with struct e1000x_adapter, drivers/net/intel/e1000x.h).
KCFLAGS := -std=gnu11 -fms-extensions -O2 -g -ffreestanding -fno-builtin-printf \
	-fstack-protector-strong -mstack-protector-guard=global \
	-ftrivial-auto-var-init=zero -fzero-call-used-regs=used-gpr \
	-fno-pic -fno-pie -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx \
	-mno-80387 -mcmodel=small -fno-omit-frame-pointer -fno-strict-aliasing \
	-Wall -Wextra -Werror -Wno-unused-parameter -I. -MMD -MP
KASFLAGS := $(filter-out -std=gnu11,$(KCFLAGS)) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack

# Kernel sources: every C/asm file under these folders (lwIP's port adds its
# own objects from net/lwip/lwip.mk), except in folders named test: code
# only test builds link (drivers/net/test/pairdev.c, a veth-like pair device)
# lives there, and the tests that want it name it (tests/unit/unit.mk).
KDIRS   := boot arch drivers lib net/core net/apps
KSRCS   := $(shell find $(KDIRS) -type d -name test -prune -o -type f \( -name '*.c' -o -name '*.S' \) -print 2>/dev/null | sort)
KOBJS   := $(patsubst %,$(KOBJ)/%.o,$(KSRCS))
EXTRA_KOBJS := $(KOBJ)/font.o

# The screen console's font: from Debian's console-setup-linux (tools/deps.sh),
# turned into C at build time (tools/genfont.py), never kept in the tree.
# tests/qemu reads the same file to render what the screen should show.
CONSOLE_FONT := /usr/share/consolefonts/Lat15-Terminus16.psf.gz

all: $(ISO)

# Builds use every core: a make started by hand or by .ci/run (not by another
# make) with at most one goal and no -j of its own gets -j$(nproc); make -j1
# builds one file at a time. Goals named together (make clean all, make
# qemu-test lab-ci) stay one after another. make test runs its phases in turn.
ifeq ($(MAKELEVEL)$(filter-out 0 1,$(words $(MAKECMDGOALS))),0)
MAKEFLAGS += -j$(shell nproc)
endif

include net/lwip/lwip.mk

$(DEPS_OK): tools/deps.sh
	@bash tools/deps.sh
	@mkdir -p $(BUILD) && touch $@

deps: $(DEPS_OK)

# Objects depend on the flags they were built with: a changed KCFLAGS (a
# hardening option, say) rebuilds everything instead of mixing old and new.
KFLAGS_STAMP := $(KOBJ)/.kcflags
$(KFLAGS_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(KCFLAGS)' | cmp -s - $@ || echo '$(KCFLAGS)' > $@

$(KOBJ)/%.c.o: %.c $(KFLAGS_STAMP) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(KOBJ)/%.S.o: %.S $(KFLAGS_STAMP) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -c $< -o $@

$(KOBJ)/font.c: tools/genfont.py $(wildcard $(CONSOLE_FONT)) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(PYTHON) tools/genfont.py $(CONSOLE_FONT) > $@.tmp && mv $@.tmp $@

$(KOBJ)/font.o: $(KOBJ)/font.c $(KFLAGS_STAMP)
	$(CC) $(KCFLAGS) -c $< -o $@

# Two links: the first finds where every function landed, tools/gensyms.py
# turns that into the symbol table panic() uses, the second embeds it. The
# table sits after all code, so code addresses do not move between links.
$(KOBJ)/ksyms_empty.o: tools/gensyms.py | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(PYTHON) tools/gensyms.py --empty > $(KOBJ)/ksyms_empty.S
	$(CC) $(KASFLAGS) -c $(KOBJ)/ksyms_empty.S -o $@

$(ELF): $(KOBJS) $(EXTRA_KOBJS) $(KOBJ)/ksyms_empty.o linker.ld tools/gensyms.py
	$(LD) $(KLDFLAGS) -T linker.ld -o $(ELF).pass1 $(KOBJS) $(EXTRA_KOBJS) $(KOBJ)/ksyms_empty.o
	nm -n $(ELF).pass1 | $(PYTHON) tools/gensyms.py > $(KOBJ)/ksyms.S
	$(CC) $(KASFLAGS) -c $(KOBJ)/ksyms.S -o $(KOBJ)/ksyms.o
	$(LD) $(KLDFLAGS) -T linker.ld -o $@ $(KOBJS) $(EXTRA_KOBJS) $(KOBJ)/ksyms.o
	nm -n $@ | $(PYTHON) tools/gensyms.py --check $(KOBJ)/ksyms.S
	@size $@ | tail -1 | awk '{printf "kernel: text+data+bss %d bytes\n", $$4}'

# The modules grub.cfg needs are preloaded into GRUB's core image, and no
# locales, fonts or themes are shipped: each module read from the CD costs
# time under emulation, and boot-to-first-ping is a benchmark figure.
# all_video: the drivers that set the mode the kernel's multiboot2 header asks
# for, VBE (and Bochs, Cirrus) under BIOS, GOP (and UGA) under UEFI.
GRUB_MODULES := multiboot2 search search_fs_file fat iso9660 part_msdos normal test echo configfile \
	all_video
GRUB_MKRESCUE_OPTS := --modules="$(GRUB_MODULES)" --locales= --fonts= --themes=

$(ISO): $(ELF) boot/grub.cfg Makefile
	@rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	# The booted copy carries no debug info (gdb reads build/nicstack.elf):
	# smaller to load, and OVMF's CD reads under TCG fail on larger files.
	strip --strip-debug -o $(BUILD)/iso/boot/nicstack.elf $(ELF)
	cp boot/grub.cfg $(BUILD)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/iso $(GRUB_MKRESCUE_OPTS) 2> $(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

# ---- the second QEMU ----------------------------------------------------
# Debian's QEMU 10.0 from bookworm-backports, unpacked into build/qemu-new
# beside the system's 7.2, never installed (tools/fetch-qemu.sh). It has what
# 7.2 lacks (docs/qemu-versions.md); make run QEMU=new boots with it.
QEMU_NEW_DIR   := $(BUILD)/qemu-new
QEMU_NEW_STAMP := $(QEMU_NEW_DIR)/.complete

$(QEMU_NEW_STAMP): tools/fetch-qemu.sh tools/debian-apt.sh | $(DEPS_OK)
	@bash tools/fetch-qemu.sh $(QEMU_NEW_DIR)
	@touch $@

qemu-new: $(QEMU_NEW_STAMP)

# ---- running -----------------------------------------------------------
# make run [CMDLINE='...'] [NET=user|tap] [PCAP=file] [ACCEL=tcg|kvm] [MACHINE=pc|q35]
#          [FIRMWARE=bios|uefi] [QEMU=system|new|/path/to/qemu-system-x86_64]
#          [SCREEN=none|gtk|sdl|vnc]   (the screen console in a window; the serial stays here)
CMDLINE  ?=
NET      ?= user
ACCEL    ?= tcg
MACHINE  ?= pc
FIRMWARE ?= bios
QEMU     ?= system
SCREEN   ?= none
RUN_ARGS  = --iso $(ISO) --machine $(MACHINE) --accel $(ACCEL) --net $(NET) \
	--firmware $(FIRMWARE) --qemu '$(QEMU)' $(if $(PCAP),--pcap $(PCAP)) --cmdline '$(CMDLINE)' \
	--screen $(SCREEN)
RUN_QEMU  = $(if $(filter new,$(QEMU)),$(QEMU_NEW_STAMP))

run: $(ISO) $(RUN_QEMU)
	$(PYTHON) tools/run.py $(RUN_ARGS)

debug: $(ISO) $(RUN_QEMU)
	$(PYTHON) tools/run.py $(RUN_ARGS) --gdb

# ---- tests -------------------------------------------------------------
# Unit tests: the kernel's own sources compiled for the host with ASan and
# UBSan; tests/unit/fake shadows the hardware headers.
HCFLAGS := -std=gnu11 -fms-extensions -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter \
	-DHOST_TEST -Itests/unit/fake -I. -MMD -MP
HLDFLAGS := $(filter -fsanitize%,$(HCFLAGS))
HLDLIBS := -lcmocka
# Every tests/unit/test_NAME.c is a test; its row in the table says what it links.
UNIT_TESTS := $(sort $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c)))
include tests/unit/unit.mk
$(foreach f,$(filter-out tests/unit/unit.mk,$(wildcard tests/unit/*.mk)),\
	$(warning $(f) is not read: a unit test is a row in tests/unit/unit.mk))
# libFuzzer targets over the same sources (after the unit table: it uses
# its source lists). make fuzz runs them for FUZZ_SECONDS each.
include tests/fuzz/fuzz.mk

UNIT_BINS := $(patsubst %,$(BUILD)/unit/test_%,$(UNIT_TESTS))
UNIT_OBJ  := $(BUILD)/unit/obj

# Each test_NAME links tests/unit/test_NAME.c with $(test_NAME_SRCS); one
# that links lib/vsprintf.c renames its printf family (vsprintf_rename.h).
# Every file of a test compiles with HCFLAGS and that test's own flags (the
# renaming, test_NAME_CFLAGS), into an object under build/unit/obj/SET: each
# source is compiled once per set of flags, not once per test. The sets:
# host (HCFLAGS alone), host-rename (with the renaming), and for rows with
# flags of their own test_NAME, named after the first row with those flags.
# gcc's -MMD beside each object names the headers it read: a header change
# rebuilds the objects that include it, and the tests that link them.
UNIT_RENAME := -include tests/unit/fake/vsprintf_rename.h
unit_rename = $(if $(filter lib/vsprintf.c,$(test_$(1)_SRCS)),$(UNIT_RENAME))
$(foreach t,$(UNIT_TESTS),$(eval unit_xflags_$(t) := $(strip $(call unit_rename,$(t)) $(test_$(t)_CFLAGS))))
# a = b for strings: each contains the other (x guards the empty string).
unit_same = $(and $(findstring x$(1)x,x$(2)x),$(findstring x$(2)x,x$(1)x))
unit_first_with = $(firstword $(foreach u,$(UNIT_TESTS),$(if $(call unit_same,$(unit_xflags_$(u)),$(1)),test_$(u))))
$(foreach t,$(UNIT_TESTS),$(eval unit_set_$(t) := $(strip \
	$(if $(unit_xflags_$(t)),$(if $(call unit_same,$(unit_xflags_$(t)),$(UNIT_RENAME)),\
		host-rename,$(call unit_first_with,$(unit_xflags_$(t)))),host))))
UNIT_SETS := $(sort $(foreach t,$(UNIT_TESTS),$(unit_set_$(t))))
$(foreach t,$(UNIT_TESTS),$(eval unit_flags_$(unit_set_$(t)) := $(unit_xflags_$(t))))

# A test's objects, in the order of its row (the link order stays what it
# was); an object on a row (lwIP's MD5) is linked as it is.
unit_objs = $(foreach s,tests/unit/test_$(1).c $(test_$(1)_SRCS),\
	$(if $(filter %.o,$(s)),$(s),$(UNIT_OBJ)/$(unit_set_$(1))/$(s).o))

# Per set: the compile rule, and a stamp of its flags (as the kernel's
# .kcflags): changed flags rebuild that set's objects.
define unit_set_rule
$(UNIT_OBJ)/$(1)/%.c.o: %.c $(UNIT_OBJ)/$(1)/.cflags | $(DEPS_OK)
	@mkdir -p $$(dir $$@)
	$(CC) $(HCFLAGS) $(unit_flags_$(1)) -c $$< -o $$@
$(UNIT_OBJ)/$(1)/.cflags: FORCE
	@mkdir -p $$(dir $$@)
	@echo '$(HCFLAGS) $(unit_flags_$(1))' | cmp -s - $$@ || echo '$(HCFLAGS) $(unit_flags_$(1))' > $$@
endef
$(foreach s,$(UNIT_SETS),$(eval $(call unit_set_rule,$(s))))

# The link; tests/unit/unit.mk too, so a row that loses a source relinks.
# (An older build compiled each test in one command and left its .d here.)
define unit_rule
$(BUILD)/unit/test_$(1): $(call unit_objs,$(1)) tests/unit/unit.mk | $(DEPS_OK)
	@$$(if $$(strip $$(test_$(1)_SRCS)),:,echo 'tests/unit/test_$(1).c has no row in tests/unit/unit.mk' >&2; exit 1)
	@rm -f $$@.d
	$(CC) $(HLDFLAGS) -o $$@ $(call unit_objs,$(1)) $(HLDLIBS)
$(if $(findstring $(LWIP_DIR),$(test_$(1)_SRCS) $(test_$(1)_CFLAGS)),$(call unit_objs,$(1)): | $(LWIP_STAMP))
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

# The cmocka tests, then lwIP's own suite (tests/unit/unit.mk).
unit: $(UNIT_BINS) lwip-unit
	@$(PYTHON) tools/run_unit.py $(UNIT_BINS)

# QEMU tests: boot the real ISO and talk to it. PYTEST_ARGS narrows them.
PYTEST_ARGS ?=
# test_qemu_new.py boots with QEMU 10 too, so its fetch is part of the set-up.
qemu-test: $(ISO) $(QEMU_NEW_STAMP)
	cd tests/qemu && $(PYTHON) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# The benchmark's parsers, table and smoke check on canned input (host only,
# seconds): make unit runs them too, so make test meets a broken one first.
bench-host: | $(DEPS_OK)
	@$(PYTHON) -m pytest -q -p no:cacheprovider tests/bench

# The benchmark's smoke run: both guests, one repetition, 2 s per workload,
# every figure must come out as a number (tests/bench/smoke_check.py).
bench-smoke: $(ISO) bench-host | $(DEPS_OK)
	$(PYTHON) tests/bench/bench.py --iso $(ISO) --elf $(ELF) --out $(BUILD)/bench-smoke --quick
	$(PYTHON) tests/bench/smoke_check.py $(BUILD)/bench-smoke/results.json

# ---- course labs (docs/labs/README.md) ----------------------------------
# make lab LAB=name [OUT=dir]   a student tree with that lab's code stubbed
# make grade [LAB=name]         score a lab (in a student tree: its own lab)
# make lab-ci                   every lab: the cut tree scores 0 and still boots,
#                               this tree scores full marks
lab:
	@$(PYTHON) tools/lab.py cut $(if $(LAB),$(LAB),$(error make lab LAB=name: skb, backlog, ...)) \
		$(if $(OUT),--out $(OUT))

# The graders run make themselves (make -j2 in each tree): MAKEFLAGS= keeps
# this make's job slots from them, whose pipes they could not use anyway.
grade: | $(DEPS_OK)
	@MAKEFLAGS= $(PYTHON) tools/grade.py $(if $(LAB),--lab $(LAB))

lab-ci: $(ISO)
	MAKEFLAGS= $(PYTHON) tools/labci.py

# make unit also tests the marker parser and cutter (tests/lab) and checks
# every LAB marker in the sources: a malformed one fails with its file:line.
unit: lab-markers bench-host
lab-markers:
	@$(PYTHON) -m pytest -q -p no:cacheprovider tests/lab
	@$(PYTHON) tools/lab.py check

# The phases one after another, the host-only ones (seconds to minutes) before
# those that boot QEMU: each a make of its own, so its builds still use every
# core while two QEMU phases never run at once (their timing matters on 2 cores).
TEST_PHASES := unit fuzz-regress qemu-test lab-ci bench-smoke
test:
	@set -e; for phase in $(TEST_PHASES); do $(MAKE) --no-print-directory $$phase; done

# make bench [QUICK=1] [REPS=N] [ACCEL=tcg|kvm] [BENCH_ARGS='--skip designs,memory']:
# nicstack against a Linux reference guest (docs/bench.md); results in build/bench/.
# Needs root (network namespaces, tap). make test runs only its smoke run (bench-smoke).
bench: $(ISO) | $(DEPS_OK)
	$(PYTHON) tests/bench/bench.py --iso $(ISO) --elf $(ELF) --out $(BUILD)/bench \
		--accel $(ACCEL) $(if $(REPS),--reps $(REPS)) $(if $(QUICK),--quick) $(BENCH_ARGS)

clean:
	rm -rf $(KOBJ) $(BUILD)/unit $(BUILD)/iso $(ELF) $(ELF).pass1 $(ISO)
	rm -rf $(BUILD)/fuzz/obj $(BUILD)/fuzz/fuzz_* $(BUILD)/fuzz/regress $(BUILD)/fuzz/cov $(BUILD)/fuzz/gen

distclean:
	rm -rf $(BUILD)

FORCE:

.PHONY: all deps qemu-new run debug unit qemu-test test bench bench-smoke bench-host clean \
	distclean FORCE lab grade lab-ci lab-markers
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
