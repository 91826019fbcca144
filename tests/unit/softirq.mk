UNIT_TESTS += softirq
test_softirq_SRCS := lib/softirq.c lib/softirq_cmd.c lib/panic.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/printk_fake.c tests/unit/fake/arch_fake.c
