UNIT_TESTS += initcall
test_initcall_SRCS := tests/unit/fake/capture_console.c lib/initcall.c lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c lib/errname.c \
	tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
test_initcall_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
