UNIT_TESTS += string
test_string_SRCS := lib/string.c lib/kstrtox.c
test_string_CFLAGS := -fno-builtin -include tests/unit/fake/string_rename.h
