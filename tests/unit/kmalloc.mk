UNIT_TESTS += kmalloc
test_kmalloc_SRCS := lib/kmalloc.c lib/page_alloc.c lib/bitmap.c lib/panic.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/printk_fake.c tests/unit/fake/arch_fake.c
