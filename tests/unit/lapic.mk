# arch/x86_64/lapic.c against a modelled CPU: RDMSR/WRMSR/CPUID through
# tests/unit/fake/cpu_msr_fake.h (forced in, it takes cpu.h's place for this
# test only), the xAPIC page as plain memory, boot parameters through lib/params.c.
UNIT_TESTS += lapic
test_lapic_SRCS := arch/x86_64/lapic.c lib/params.c lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c \
	lib/errname.c tests/unit/fake/capture_console.c tests/unit/fake/arch_fake.c \
	tests/unit/fake/kallsyms_fake.c
test_lapic_CFLAGS := -include tests/unit/fake/vsprintf_rename.h -include tests/unit/fake/cpu_msr_fake.h

# arch/x86_64/ioapic.c against a modelled IOAPIC (IOREGSEL/IOWIN through the MMIO hooks).
UNIT_TESTS += ioapic
test_ioapic_SRCS := arch/x86_64/ioapic.c lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c \
	tests/unit/fake/capture_console.c tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
test_ioapic_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
