UNIT_TESTS += modinfo
test_modinfo_SRCS := tests/unit/fake/capture_console.c lib/modinfo.c lib/shell.c lib/params.c lib/printk.c lib/console.c lib/vsprintf.c \
	lib/kstrtox.c lib/errname.c tests/unit/fake/arch_fake.c \
	tests/unit/fake/kallsyms_fake.c tests/unit/fake/shell_fake.c
test_modinfo_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
