UNIT_TESTS += bitmap
test_bitmap_SRCS := lib/bitmap.c
