/* The capturing console (capture_console.h). Overflow fails the test: output is never cut. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "capture_console.h"

char capture_buf[CAPTURE_SIZE];
size_t capture_len;

static void capture_write(struct console *con, const char *s, size_t len)
{
	assert_true(capture_len + len < sizeof(capture_buf));
	memcpy(capture_buf + capture_len, s, len);
	capture_len += len;
	capture_buf[capture_len] = '\0';
}

struct console capture_console = { .name = "capture", .write = capture_write };

void capture_clear(void)
{
	capture_len = 0;
	capture_buf[0] = '\0';
}
