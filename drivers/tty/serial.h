/* 16550 UART on COM1: the console (drivers/tty/serial.c). */
#ifndef DRIVERS_TTY_SERIAL_H
#define DRIVERS_TTY_SERIAL_H

#include <lib/types.h>

void serial_early_init(void);	/* polled output, before interrupts exist */

#endif
