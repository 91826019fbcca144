# Sources every net core test links: all of net/core, the real lib/ runtime
# it sits on (softirq, timers, panic, printk, params, shell), and the fakes
# (tests/unit/fake/netcore_fake.c: malloc-backed kmalloc so ASan sees buffers).
NETCORE_TEST_SRCS = $(sort $(wildcard net/core/*.c)) \
	lib/softirq.c lib/timer.c lib/panic.c lib/printk.c lib/console.c lib/vsprintf.c \
	lib/kstrtox.c lib/errname.c lib/params.c lib/shell.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/arch_fake.c \
	tests/unit/fake/kallsyms_fake.c tests/unit/fake/netcore_fake.c \
	tests/unit/fake/netcore_test_util.c
NETCORE_TEST_CFLAGS = -include tests/unit/fake/vsprintf_rename.h
