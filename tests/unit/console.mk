UNIT_TESTS += console
test_console_SRCS := lib/console.c lib/printk.c lib/params.c lib/vsprintf.c lib/kstrtox.c lib/errname.c \
	tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
test_console_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
