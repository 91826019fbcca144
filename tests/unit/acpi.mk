# The ACPI parser against synthetic tables; messages are formatted by the
# kernel's lib/vsprintf.c (see tests/unit/fake/acpi_printk_fake.c).
ACPI_SRCS := arch/x86_64/acpi.c arch/x86_64/acpi_madt.c arch/x86_64/acpi_fadt.c \
	arch/x86_64/acpi_hpet.c \
	arch/x86_64/acpi_aml.c lib/vsprintf.c tests/unit/fake/kallsyms_fake.c \
	tests/unit/fake/acpi_fake.c tests/unit/fake/acpi_printk_fake.c \
	tests/unit/fake/arch_fake.c
ACPI_CFLAGS := -include tests/unit/fake/vsprintf_rename.h

UNIT_TESTS += acpi acpi_madt acpi_fadt
test_acpi_SRCS := $(ACPI_SRCS)
test_acpi_CFLAGS := $(ACPI_CFLAGS)
test_acpi_madt_SRCS := $(ACPI_SRCS)
test_acpi_madt_CFLAGS := $(ACPI_CFLAGS)
test_acpi_fadt_SRCS := $(ACPI_SRCS)
test_acpi_fadt_CFLAGS := $(ACPI_CFLAGS)

# MADT x2APIC and x2APIC NMI entries (types 9 and 10).
UNIT_TESTS += acpi_madt_x2apic
test_acpi_madt_x2apic_SRCS := $(ACPI_SRCS)
test_acpi_madt_x2apic_CFLAGS := $(ACPI_CFLAGS)
