/* 16550 UART on COM1: the console (drivers/tty/serial.c). */
#ifndef DRIVERS_TTY_SERIAL_H
#define DRIVERS_TTY_SERIAL_H

#include <lib/types.h>

void serial_early_init(void);	/* polled output, before interrupts exist */
int serial_getc(void);		/* next received character, or -1 */
bool serial_input_pending(void);

#endif
