UNIT_TESTS += vt
test_vt_SRCS := drivers/tty/vt.c drivers/tty/fbcon.c
