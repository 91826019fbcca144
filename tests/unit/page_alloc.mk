UNIT_TESTS += page_alloc
test_page_alloc_SRCS := lib/page_alloc.c lib/bitmap.c lib/panic.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/arch_fake.c \
	lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c tests/unit/fake/kallsyms_fake.c
test_page_alloc_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
