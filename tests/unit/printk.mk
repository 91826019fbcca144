UNIT_TESTS += printk
test_printk_SRCS := lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c tests/unit/fake/arch_fake.c \
	tests/unit/fake/kallsyms_fake.c
test_printk_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
