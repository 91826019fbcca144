ACPI_SRCS := arch/x86_64/acpi.c arch/x86_64/acpi_madt.c arch/x86_64/acpi_fadt.c \
	arch/x86_64/acpi_aml.c tests/unit/fake/acpi_fake.c tests/unit/fake/acpi_printk_fake.c \
	tests/unit/fake/arch_fake.c

UNIT_TESTS += acpi acpi_fadt
test_acpi_SRCS := $(ACPI_SRCS)
test_acpi_fadt_SRCS := $(ACPI_SRCS)
