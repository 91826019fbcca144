UNIT_TESTS += timer
test_timer_SRCS := lib/timer.c lib/softirq.c lib/panic.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/printk_fake.c tests/unit/fake/arch_fake.c
