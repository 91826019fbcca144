# Calibrating the TSC: the choice of source and the measuring loop against
# fake counters (test_clocksource), and the HPET, ACPI PM timer and PIT
# drivers against fake registers and ports (test_clocksource_hw).
CLOCKSOURCE_LOG_SRCS := lib/vsprintf.c tests/unit/fake/kallsyms_fake.c \
	tests/unit/fake/acpi_printk_fake.c

UNIT_TESTS += clocksource clocksource_hw
test_clocksource_SRCS := arch/x86_64/clocksource.c $(CLOCKSOURCE_LOG_SRCS)
test_clocksource_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
test_clocksource_hw_SRCS := arch/x86_64/clocksource.c arch/x86_64/hpet.c \
	arch/x86_64/acpi_pm.c arch/x86_64/i8253.c $(CLOCKSOURCE_LOG_SRCS)
test_clocksource_hw_CFLAGS := -include tests/unit/fake/vsprintf_rename.h

# The ACPI side: the HPET table and the FADT's PM timer (acpi_hpet.c, acpi_fadt.c).
UNIT_TESTS += acpi_timers
test_acpi_timers_SRCS := $(ACPI_SRCS)
test_acpi_timers_CFLAGS := $(ACPI_CFLAGS)
