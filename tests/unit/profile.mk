UNIT_TESTS += profile
test_profile_SRCS := lib/profile.c lib/vsprintf.c
test_profile_CFLAGS := -include tests/unit/fake/vsprintf_rename.h
