UNIT_TESTS += shell_edit
test_shell_edit_SRCS := tests/unit/fake/capture_console.c lib/shell.c lib/params.c lib/printk.c lib/console.c lib/vsprintf.c \
	lib/kstrtox.c lib/errname.c tests/unit/fake/arch_fake.c \
	tests/unit/fake/kallsyms_fake.c tests/unit/fake/shell_fake.c
test_shell_edit_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
