/*
 * An AT keyboard's bytes to console input (drivers/input/atkbd.c): scancode
 * set 1 (the i8042 translates the keyboard's set 2 into it), US layout,
 * Shift, Ctrl, Caps Lock and Num Lock; the cursor and editing keys become
 * the VT100/VT220 escape sequences a serial terminal sends for them, so the
 * shell's line editor (lib/shell.c) needs to know nothing of keyboards.
 * Pure logic: the i8042 driver feeds it bytes and queues what it returns.
 */
#ifndef DRIVERS_INPUT_ATKBD_H
#define DRIVERS_INPUT_ATKBD_H

#include <lib/types.h>

#define ATKBD_SEQ_MAX	4	/* longest output of one key: ESC [ 3 ~ */

struct atkbd {
	u16 state;		/* modifiers, locks and prefixes: ATKBD_* in atkbd.c */
	u8 e1_skip;		/* bytes of a Pause key's E1 sequence still to come */
	u64 keys;		/* key presses that typed something */
	u64 unmapped;		/* presses of keys with no meaning here (F1, Win, ...) */
	u64 errors;		/* the keyboard's error and overrun bytes */
};

/*
 * Takes one byte from the keyboard; writes what it types (nothing for a
 * release, a modifier, a prefix or an unmapped key) to out and returns how
 * many bytes that is. Num Lock starts on, as most firmware leaves it.
 */
void atkbd_init(struct atkbd *kbd);
size_t atkbd_translate(struct atkbd *kbd, u8 code, char out[ATKBD_SEQ_MAX]);

/* For the kbd command: Caps Lock and Num Lock as the driver believes them. */
bool atkbd_caps_lock(const struct atkbd *kbd);
bool atkbd_num_lock(const struct atkbd *kbd);

#endif
