/* A console that keeps everything printed, for tests that check output. */
#ifndef TESTS_UNIT_FAKE_CAPTURE_CONSOLE_H
#define TESTS_UNIT_FAKE_CAPTURE_CONSOLE_H

#include <lib/printk.h>

#define CAPTURE_SIZE 16384

extern char capture_buf[CAPTURE_SIZE];	/* NUL-terminated */
extern size_t capture_len;
extern struct console capture_console;	/* register_console(&capture_console) */

void capture_clear(void);

#endif
