/* The screen console, tty0 (drivers/tty/screen.c). */
#ifndef DRIVERS_TTY_SCREEN_H
#define DRIVERS_TTY_SCREEN_H

/* After paging (it maps the framebuffer) and the boot parameters (console=). */
void screen_init(void);

#endif
