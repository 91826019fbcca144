UNIT_TESTS += params
test_params_SRCS := tests/unit/fake/capture_console.c lib/params.c lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c lib/errname.c \
	tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
test_params_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
