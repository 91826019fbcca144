/*
 * The i8042 keyboard controller and the PS/2 keyboard behind it: console
 * input for a box with a screen and no serial cable.
 *
 * Translation stays on (configuration byte bit 6): the controller turns the
 * keyboard's scancode set 2 into set 1, which is what firmware leaves set up,
 * what every keyboard produces without being told to switch sets, and what a
 * firmware's USB legacy emulation (SMM code pretending to be an 8042) is sure
 * to produce; some emulations implement no set switching and no untranslated
 * mode at all. Set 1 is also simpler to decode (atkbd.c): one byte per key,
 * bit 7 for release. The keyboard itself is only told to scan and which
 * lights to show; no reset, no scancode set change.
 *
 * Only port 1 is used; port 2 (a PS/2 mouse) is disabled. A controller may be
 * absent (legacy-free boards, UEFI firmware without emulation): every wait is
 * bounded, and absence is said and the boot goes on.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/spinlock.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/acpi.h>
#include <drivers/input/i8042.h>
#include <drivers/tty/tty_input.h>

#define MODULE_PARAM_PREFIX "i8042."
#include <lib/modinfo.h>
#include <lib/params.h>

/* Linux's names: i8042.nokbd leaves the controller alone, i8042.reset=0 skips the self-test. */
static bool nokbd;
module_param(nokbd, bool, 0444);
MODULE_PARM_DESC(nokbd, "do not touch the i8042 (no PS/2 keyboard)");
static bool reset = true;
module_param(reset, bool, 0444);
MODULE_PARM_DESC(reset, "self-test the controller at boot "
		 "(0: skip; some controllers forget their setup on it)");
MODULE_INFO(i8042, "i8042 keyboard controller and PS/2 keyboard", NULL);

struct i8042 i8042 = { .irq = -1 };

static bool i8042_wait_write_us(unsigned int limit_us)
{
	for (unsigned int us = 0; us < limit_us; us += I8042_POLL_US) {
		if (!(inb(I8042_STATUS_REG) & I8042_STR_IBF))
			return true;
		udelay(I8042_POLL_US);
	}
	return false;
}

static bool i8042_wait_write(void)
{
	return i8042_wait_write_us(I8042_TIMEOUT_US);
}

static bool i8042_wait_read(void)
{
	for (unsigned int us = 0; us < I8042_TIMEOUT_US; us += I8042_POLL_US) {
		if (inb(I8042_STATUS_REG) & I8042_STR_OBF)
			return true;
		udelay(I8042_POLL_US);
	}
	return false;
}

/*
 * A controller command, with an argument byte (arg != NULL) or an answer
 * (answer != NULL). -ETIMEDOUT when the controller does not take the bytes
 * or does not answer in time.
 */
static int i8042_command(u8 cmd, const u8 *arg, u8 *answer)
{
	if (!i8042_wait_write())
		return -ETIMEDOUT;
	outb(cmd, I8042_COMMAND_REG);
	if (arg) {
		if (!i8042_wait_write())
			return -ETIMEDOUT;
		outb(*arg, I8042_DATA_REG);
	}
	if (answer) {
		if (!i8042_wait_read())
			return -ETIMEDOUT;
		*answer = inb(I8042_DATA_REG);
	}
	return 0;
}

/* Drops what the devices sent before we were ready; bounded, a stuck OBF included. */
static void i8042_flush(void)
{
	for (int i = 0; i < I8042_BUFFER_SIZE && (inb(I8042_STATUS_REG) & I8042_STR_OBF); i++) {
		inb(I8042_DATA_REG);
		udelay(I8042_POLL_US);
	}
}

static void i8042_selftest(void)
{
	u8 answer = 0;
	int ret = i8042_command(I8042_CMD_CTL_TEST, NULL, &answer);

	if (!ret && answer == I8042_SELFTEST_OK)
		return;
	/* Linux found the same on x86: failing controllers often drive the keyboard fine. */
	i8042.selftest_failed = true;
	if (ret)
		pr_warn("i8042: self-test got no answer; trying the keyboard anyway\n");
	else
		pr_warn("i8042: self-test answered 0x%02x, not 0x55; trying the keyboard anyway\n",
			answer);
}

/*
 * Quiets the controller and sets its configuration byte: both ports off and
 * no interrupts until the IRQ is ours, translation on. -ENODEV: nothing
 * there; -ETIMEDOUT: something there that does not behave like an 8042.
 */
static int i8042_controller_init(void)
{
	u8 ctr, readback;

	/* An undecoded port floats to all ones: no controller, and no waiting for one. */
	if (inb(I8042_STATUS_REG) == 0xFF)
		return -ENODEV;
	if (i8042_command(I8042_CMD_KBD_DISABLE, NULL, NULL) ||
	    i8042_command(I8042_CMD_AUX_DISABLE, NULL, NULL))
		return -ETIMEDOUT;
	i8042_flush();
	if (reset) {
		i8042_selftest();
		i8042_flush();
	}
	/*
	 * Read after the self-test: some controllers reset on it, back to ports
	 * and interrupts on. The byte written here turns all that off again.
	 */
	if (i8042_command(I8042_CMD_CTL_RCTR, NULL, &ctr))
		return -ETIMEDOUT;
	ctr &= (u8)~(I8042_CTR_KBDINT | I8042_CTR_AUXINT);
	ctr |= I8042_CTR_KBDDIS | I8042_CTR_AUXDIS | I8042_CTR_XLATE;
	if (i8042_command(I8042_CMD_CTL_WCTR, &ctr, NULL) ||
	    i8042_command(I8042_CMD_CTL_RCTR, NULL, &readback))
		return -ETIMEDOUT;
	i8042.ctr = ctr;
	i8042.xlate = readback & I8042_CTR_XLATE;
	i8042.present = true;
	return 0;
}

/* ---- bytes to the keyboard --------------------------------------------------
 *
 * The keyboard takes a command byte, acknowledges it (0xFA), and only then
 * the next one; so they queue here and the interrupt handler sends each on
 * the previous one's ACK. A refusal (0xFE), a timeout or no answer within
 * ATKBD_ACK_TIMEOUT_NS drops what is left: lights are not worth a retry loop.
 * Callers hold i8042_lock.
 */
static DEFINE_SPINLOCK(i8042_lock);

static void kbd_cmd_drop(void)
{
	i8042.cmd_len = i8042.cmd_pos = 0;
}

static void kbd_cmd_send_next(void)
{
	if (i8042.cmd_pos >= i8042.cmd_len) {
		kbd_cmd_drop();		/* all sent and acknowledged */
		return;
	}
	if (!i8042_wait_write_us(I8042_IRQ_WRITE_US)) {
		i8042.cmd_errors++;
		kbd_cmd_drop();
		return;
	}
	outb(i8042.cmd[i8042.cmd_pos++], I8042_DATA_REG);
	i8042.cmd_sent_ns = ktime_get_ns();
}

static void kbd_cmd_queue(const u8 *bytes, u8 n)
{
	bool waiting = i8042.cmd_pos > 0;

	if (waiting && ktime_get_ns() - i8042.cmd_sent_ns > ATKBD_ACK_TIMEOUT_NS) {
		i8042.cmd_errors++;	/* the last byte was never acknowledged */
		kbd_cmd_drop();
		waiting = false;
	}
	if (i8042.cmd_len + n > sizeof(i8042.cmd))
		return;			/* a lights update already queued will do */
	for (u8 i = 0; i < n; i++)
		i8042.cmd[i8042.cmd_len++] = bytes[i];
	if (!waiting)
		kbd_cmd_send_next();
}

/* True if the byte answered our command (and is no key). */
static bool kbd_cmd_answer(u8 status, u8 data)
{
	if (!i8042.cmd_pos)
		return false;
	if (status & I8042_STR_TIMEOUT || data == ATKBD_RET_RESEND) {
		i8042.cmd_errors++;
		kbd_cmd_drop();
		return true;
	}
	if (data != ATKBD_RET_ACK)
		return false;		/* a key typed before the keyboard saw the command */
	kbd_cmd_send_next();
	return true;
}

/* Caps Lock and Num Lock lights follow what atkbd believes. */
static void kbd_update_leds(void)
{
	u8 leds = (atkbd_num_lock(&i8042.kbd) ? ATKBD_LED_NUM : 0) |
		  (atkbd_caps_lock(&i8042.kbd) ? ATKBD_LED_CAPS : 0);

	if (leds == i8042.leds)
		return;
	i8042.leds = leds;
	kbd_cmd_queue((const u8[]){ ATKBD_CMD_SETLEDS, leds }, 2);
}

/* Bytes from the controller, as many as are there (bounded: a stuck OBF ends it). */
static irqreturn_t i8042_interrupt(int irq, void *dev_id)
{
	irqreturn_t ret = IRQ_NONE;
	unsigned long flags;

	spin_lock_irqsave(&i8042_lock, flags);
	for (int i = 0; i < I8042_BUFFER_SIZE; i++) {
		u8 status = inb(I8042_STATUS_REG);
		char seq[ATKBD_SEQ_MAX];
		size_t n;
		u8 data;

		if (!(status & I8042_STR_OBF))
			break;
		data = inb(I8042_DATA_REG);
		ret = IRQ_HANDLED;
		if (status & I8042_STR_AUXDATA) {
			i8042.aux_bytes++;
			continue;
		}
		if (kbd_cmd_answer(status, data))
			continue;
		if (status & (I8042_STR_PARITY | I8042_STR_TIMEOUT)) {
			i8042.line_errors++;
			continue;
		}
		i8042.bytes++;
		n = atkbd_translate(&i8042.kbd, data, seq);
		if (n && !tty_insert_flip_string(seq, n))
			i8042.dropped++;
		kbd_update_leds();
	}
	spin_unlock_irqrestore(&i8042_lock, flags);
	return ret;
}

/*
 * Port 1 on with its interrupt; the keyboard told to scan, in case firmware
 * left it off, and its lights set to the Num Lock state atkbd assumes.
 */
static int i8042_enable_kbd(void)
{
	u8 ctr = (u8)((i8042.ctr | I8042_CTR_KBDINT) & ~I8042_CTR_KBDDIS);
	unsigned long flags;

	if (i8042_command(I8042_CMD_CTL_WCTR, &ctr, NULL) ||
	    i8042_command(I8042_CMD_KBD_ENABLE, NULL, NULL))
		return -ETIMEDOUT;
	i8042.ctr = ctr;
	spin_lock_irqsave(&i8042_lock, flags);
	kbd_cmd_queue((const u8[]){ ATKBD_CMD_ENABLE }, 1);
	kbd_update_leds();
	spin_unlock_irqrestore(&i8042_lock, flags);
	return 0;
}

static int i8042_setup_irq(void)
{
	int trigger, polarity, irq;
	u32 gsi = irq_isa_to_gsi(I8042_KBD_ISA_IRQ, &trigger, &polarity);

	irq = irq_setup_gsi(gsi, trigger, polarity);
	if (irq < 0)
		return irq;
	if (request_irq(irq, i8042_interrupt, 0, "i8042", &i8042))
		return -EBUSY;
	i8042.irq = irq;
	return 0;
}

int i8042_init(void)
{
	int ret;

	atkbd_init(&i8042.kbd);
	if (nokbd) {
		pr_info("i8042: left alone (i8042.nokbd)\n");
		return 0;
	}
	if (acpi_info.have_fadt && acpi_info.no_8042)
		pr_info("i8042: ACPI FADT declares no 8042; probing anyway (USB legacy emulation may answer)\n");
	ret = i8042_controller_init();
	if (ret == -ENODEV) {
		pr_info("i8042: no controller (status port reads 0xFF): no PS/2 keyboard\n");
		return 0;
	}
	if (ret) {
		pr_warn("i8042: controller does not answer (timed out): no PS/2 keyboard\n");
		return 0;
	}
	if (!i8042.xlate)
		pr_warn("i8042: translation would not turn on: keys will type the wrong characters\n");
	ret = i8042_setup_irq();
	if (ret) {
		pr_err("i8042: cannot get ISA IRQ %d (%s): no PS/2 keyboard\n",
		       I8042_KBD_ISA_IRQ, errname(ret));
		return 0;
	}
	if (i8042_enable_kbd()) {
		free_irq(i8042.irq, &i8042);
		i8042.irq = -1;
		pr_warn("i8042: controller stopped answering: no PS/2 keyboard\n");
		return 0;
	}
	i8042_interrupt(i8042.irq, &i8042);	/* what arrived before the IRQ was live */
	pr_info("i8042: PS/2 keyboard port on IRQ %d, scancode set 2 translated to set 1%s\n",
		i8042.irq, i8042.selftest_failed ? " (self-test failed)" : "");
	return 0;
}
device_initcall(i8042_init);

static int cmd_kbd(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("kbd"));
	if (i8042.irq < 0) {
		kprintf("no PS/2 keyboard (%s)\n", nokbd ? "i8042.nokbd" :
			i8042.present ? "controller failed" : "no controller");
		return 0;
	}
	kprintf("i8042: IRQ %d, config byte 0x%02x, self-test %s, translation %s\n",
		i8042.irq, i8042.ctr, !reset ? "skipped" : i8042.selftest_failed ? "failed" : "passed",
		i8042.xlate ? "on" : "off");
	kprintf("bytes %llu keys %llu unmapped %llu errors %llu line_errors %llu "
		"aux_bytes %llu dropped %llu\n",
		(unsigned long long)i8042.bytes, (unsigned long long)i8042.kbd.keys,
		(unsigned long long)i8042.kbd.unmapped, (unsigned long long)i8042.kbd.errors,
		(unsigned long long)i8042.line_errors, (unsigned long long)i8042.aux_bytes,
		(unsigned long long)i8042.dropped);
	kprintf("caps_lock %s num_lock %s leds 0x%x cmd_errors %llu\n",
		atkbd_caps_lock(&i8042.kbd) ? "on" : "off", atkbd_num_lock(&i8042.kbd) ? "on" : "off",
		i8042.leds, (unsigned long long)i8042.cmd_errors);
	return 0;
}
SHELL_COMMAND("kbd", cmd_kbd, "kbd", "PS/2 keyboard: controller state and counters");
