UNIT_TESTS += shell
test_shell_SRCS := tests/unit/fake/capture_console.c lib/shell.c lib/shell_cmds.c lib/params.c lib/printk.c lib/console.c lib/vsprintf.c \
	lib/kstrtox.c lib/errname.c tests/unit/fake/arch_fake.c \
	tests/unit/fake/kallsyms_fake.c tests/unit/fake/shell_fake.c
test_shell_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
