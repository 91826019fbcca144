UNIT_TESTS += softirq
test_softirq_SRCS := lib/softirq.c lib/softirq_cmd.c lib/panic.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/arch_fake.c \
	lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c tests/unit/fake/kallsyms_fake.c
test_softirq_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
