UNIT_TESTS += bootinfo
test_bootinfo_SRCS := boot/bootinfo.c tests/unit/fake/capture_console.c lib/printk.c lib/console.c lib/vsprintf.c \
	lib/kstrtox.c lib/errname.c tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
test_bootinfo_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
