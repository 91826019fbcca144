/*
 * Console input: one queue that every input device (the UART, the PS/2
 * keyboard) fills from its interrupt handler and the idle loop drains into
 * the shell (drivers/tty/tty_input.c). Linux calls the receiving side of a
 * tty its flip buffer; the names follow it.
 */
#ifndef DRIVERS_TTY_TTY_INPUT_H
#define DRIVERS_TTY_TTY_INPUT_H

#include <lib/types.h>

/*
 * Queues len bytes as one unit: all of them or, when the queue has no room,
 * none (false; the caller counts the drop). A key's escape sequence thus
 * never reaches the shell cut short or mixed with another device's bytes.
 * Any context, hard IRQ included.
 */
bool tty_insert_flip_string(const char *s, size_t len);
static inline bool tty_insert_flip_char(char c) { return tty_insert_flip_string(&c, 1); }

int tty_getc(void);		/* the oldest queued byte, or -1 */
bool tty_input_pending(void);	/* a hint for the idle loop: read with irqs off */

#endif
