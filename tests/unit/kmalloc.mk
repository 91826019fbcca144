UNIT_TESTS += kmalloc
test_kmalloc_SRCS := lib/kmalloc.c lib/mem_cmd.c lib/page_alloc.c lib/bitmap.c lib/panic.c \
	tests/unit/fake/panic_fake.c tests/unit/fake/arch_fake.c \
	lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c tests/unit/fake/kallsyms_fake.c
test_kmalloc_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
