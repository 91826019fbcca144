# Console input: the queue every input device fills (test_tty_input), the
# PS/2 keyboard's scancode translation (test_atkbd) and the i8042 controller
# against a fake one (test_i8042).
UNIT_TESTS += tty_input
test_tty_input_SRCS := drivers/tty/tty_input.c tests/unit/fake/arch_fake.c

UNIT_TESTS += atkbd
test_atkbd_SRCS := drivers/input/atkbd.c
