/*
 * The i8042 keyboard controller (drivers/input/i8042.c): its two ports and
 * the bits the driver uses. Register and command values: IBM PS/2 Hardware
 * Interface Technical Reference, "Keyboard/Auxiliary Device Controller";
 * every PC chipset (and every firmware's USB legacy emulation) copies them.
 */
#ifndef DRIVERS_INPUT_I8042_H
#define DRIVERS_INPUT_I8042_H

#include <lib/types.h>
#include <lib/ktime.h>
#include <drivers/input/atkbd.h>

#define I8042_DATA_REG		0x60	/* bytes from the devices; command arguments */
#define I8042_STATUS_REG	0x64	/* read: status */
#define I8042_COMMAND_REG	0x64	/* write: controller command */
#define I8042_KBD_ISA_IRQ	1

/* Status register. */
#define I8042_STR_OBF		0x01	/* a byte waits in the data register for us */
#define I8042_STR_IBF		0x02	/* the controller has not yet taken our last byte */
#define I8042_STR_AUXDATA	0x20	/* that byte came from port 2 (the mouse) */
#define I8042_STR_TIMEOUT	0x40	/* the keyboard did not answer / send in time */
#define I8042_STR_PARITY	0x80	/* the byte arrived with a parity error */

/* Controller configuration byte ("command byte"). */
#define I8042_CTR_KBDINT	0x01	/* IRQ 1 when a keyboard byte arrives */
#define I8042_CTR_AUXINT	0x02	/* IRQ 12 for port 2 */
#define I8042_CTR_KBDDIS	0x10	/* port 1's clock held: the keyboard cannot send */
#define I8042_CTR_AUXDIS	0x20
#define I8042_CTR_XLATE		0x40	/* translate the keyboard's set 2 into set 1 */

/* Controller commands. */
#define I8042_CMD_CTL_RCTR	0x20	/* read the configuration byte */
#define I8042_CMD_CTL_WCTR	0x60	/* write it (one argument byte) */
#define I8042_CMD_AUX_DISABLE	0xA7
#define I8042_CMD_CTL_TEST	0xAA	/* self-test: answers 0x55 when it passed */
#define I8042_CMD_KBD_DISABLE	0xAD
#define I8042_CMD_KBD_ENABLE	0xAE
#define I8042_SELFTEST_OK	0x55

/* Keyboard commands, written to the data port; each byte is answered with ACK 0xFA. */
#define ATKBD_CMD_SETLEDS	0xED	/* then a byte: bit 0 Scroll, 1 Num, 2 Caps Lock */
#define ATKBD_CMD_ENABLE	0xF4	/* start scanning */
#define ATKBD_RET_ACK		0xFA
#define ATKBD_RET_RESEND	0xFE
#define ATKBD_LED_NUM		0x02
#define ATKBD_LED_CAPS		0x04

/* The output buffer holds one byte, the keyboard's FIFO 16: more is a stuck status. */
#define I8042_BUFFER_SIZE	16
/* How long a byte may take to move either way: ample for any controller, short
 * enough that a broken one costs a boot a fraction of a second. */
#define I8042_TIMEOUT_US	100000
#define I8042_POLL_US		50
/* From the IRQ handler a byte to the keyboard may wait less: about a millisecond
 * is what clocking 11 bits out at PS/2's 10-16.7 kHz takes. */
#define I8042_IRQ_WRITE_US	5000
/* A keyboard command not acknowledged by then is given up. */
#define ATKBD_ACK_TIMEOUT_NS	(500 * NSEC_PER_MSEC)

struct i8042 {
	bool present;		/* answered our commands */
	bool selftest_failed;
	bool xlate;		/* translation on: set 1 reaches atkbd */
	int irq;		/* -1 until the keyboard port is live */
	u8 ctr;			/* the configuration byte we wrote */
	u64 bytes;		/* bytes from the keyboard port */
	u64 aux_bytes;		/* bytes from port 2, dropped (no mouse driver) */
	u64 line_errors;	/* bytes with a parity or timeout error, dropped */
	u64 dropped;		/* keys lost because the console input queue was full */
	u64 cmd_errors;		/* keyboard commands refused or not acknowledged */
	u8 leds;		/* what the keyboard's lights were last told */
	/* Bytes for the keyboard, sent one per acknowledgement (i8042.c). */
	u8 cmd[4];
	u8 cmd_len, cmd_pos;	/* cmd_pos > 0: cmd[cmd_pos - 1] awaits its ACK */
	u64 cmd_sent_ns;
	struct atkbd kbd;
};

extern struct i8042 i8042;

int i8042_init(void);	/* the device initcall; 0 also when no controller is there */

#endif
