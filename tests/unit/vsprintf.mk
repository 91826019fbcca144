UNIT_TESTS += vsprintf
test_vsprintf_SRCS := lib/vsprintf.c tests/unit/fake/kallsyms_fake.c
test_vsprintf_CFLAGS := -include tests/unit/fake/vsprintf_rename.h -Wno-format
