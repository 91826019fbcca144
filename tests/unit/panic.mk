UNIT_TESTS += panic
test_panic_SRCS := lib/panic.c tests/unit/fake/panic_fake.c tests/unit/fake/arch_fake.c \
	lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c tests/unit/fake/kallsyms_fake.c
test_panic_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
