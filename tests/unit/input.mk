# Console input: the queue every input device fills (test_tty_input), the
# PS/2 keyboard's scancode translation (test_atkbd) and the i8042 controller
# against a fake one (test_i8042).
UNIT_TESTS += tty_input
test_tty_input_SRCS := drivers/tty/tty_input.c tests/unit/fake/arch_fake.c

UNIT_TESTS += atkbd
test_atkbd_SRCS := drivers/input/atkbd.c

UNIT_TESTS += i8042
test_i8042_SRCS := drivers/input/i8042.c drivers/input/atkbd.c drivers/tty/tty_input.c \
	lib/params.c lib/kstrtox.c lib/errname.c lib/vsprintf.c \
	tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c tests/unit/fake/acpi_printk_fake.c
test_i8042_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
