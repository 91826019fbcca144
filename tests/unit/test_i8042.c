/*
 * The i8042 driver against a fake controller behind ports 0x60/0x64: a
 * working one (commands, configuration byte, the keyboard's bytes reaching
 * the console input queue by IRQ), one that is absent (status 0xFF), one
 * whose self-test fails or resets it, one that never takes a byte (IBF stuck)
 * or never answers, one that cannot translate. Every case must end in
 * bounded (fake) time with a message saying what happened, and the keyboard
 * interrupt must never be enabled before the handler is installed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <drivers/input/i8042.h>
#include <drivers/tty/tty_input.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/spinlock.h>

extern char fake_log[16384];		/* acpi_printk_fake.c */
bool fake_log_has(const char *needle);
extern u64 fake_now_ns;			/* arch_fake.c */

struct acpi_info acpi_info;

/* ---- the fake controller ------------------------------------------------ */

#define MAX_LOG	64

static struct {
	bool absent;		/* nothing decodes the ports: reads are 0xFF */
	bool ibf_stuck;		/* never takes a byte */
	bool mute;		/* takes commands, never answers */
	bool selftest_silent;
	u8 selftest_answer;
	bool selftest_resets;	/* self-test restores the power-on byte, ports on */
	bool no_xlate;		/* the translation bit will not stay set */
	bool obf_stuck;		/* OBF never clears (broken hardware) */
	u8 ctr;
	u8 pending;		/* a command waiting for its argument */
	u8 out[32], out_status[32];
	int out_len;
	u8 cmds[MAX_LOG];	/* controller commands, in order */
	int ncmds;
	u8 kbd_bytes[MAX_LOG];	/* bytes written through to the keyboard */
	int nkbd;
	bool kbd_silent;	/* the keyboard acknowledges nothing */
	bool kbd_refuses;	/* it answers every byte with resend */
	bool led_arg_next;
	u8 leds;		/* its lights */
	int reads;		/* port reads, to prove loops end */
} kbc;

#define CTR_POWER_ON	0x47	/* KBDINT, AUXINT, SYS, XLATE: what a reset leaves */

static void kbc_push(u8 byte, u8 status_bits)
{
	assert_true(kbc.out_len < (int)sizeof(kbc.out));
	kbc.out[kbc.out_len] = byte;
	kbc.out_status[kbc.out_len++] = status_bits;
}

static void kbc_answer(u8 byte)
{
	if (!kbc.mute)
		kbc_push(byte, 0);
}

u32 fake_port_read(u16 port, int size)
{
	assert_int_equal(size, 1);
	kbc.reads++;
	assert_true(kbc.reads < 1000000);	/* a loop that never ends fails here */
	if (kbc.absent)
		return 0xFF;
	if (port == I8042_STATUS_REG) {
		u8 st = 0x04;	/* SYS: the self-test passed once since power-on */

		if (kbc.out_len || kbc.obf_stuck)
			st |= I8042_STR_OBF | (kbc.out_len ? kbc.out_status[0] : 0);
		if (kbc.ibf_stuck)
			st |= I8042_STR_IBF;
		return st;
	}
	assert_int_equal(port, I8042_DATA_REG);
	if (kbc.out_len) {
		u8 b = kbc.out[0];

		kbc.out_len--;
		memmove(kbc.out, kbc.out + 1, (size_t)kbc.out_len);
		memmove(kbc.out_status, kbc.out_status + 1, (size_t)kbc.out_len);
		return b;
	}
	return 0x00;
}

static void kbc_command(u8 cmd)
{
	assert_true(kbc.ncmds < MAX_LOG);
	kbc.cmds[kbc.ncmds++] = cmd;
	switch (cmd) {
	case I8042_CMD_CTL_RCTR: kbc_answer(kbc.ctr); break;
	case I8042_CMD_CTL_WCTR: kbc.pending = cmd; break;
	case I8042_CMD_KBD_DISABLE: kbc.ctr |= I8042_CTR_KBDDIS; break;
	case I8042_CMD_KBD_ENABLE: kbc.ctr &= (u8)~I8042_CTR_KBDDIS; break;
	case I8042_CMD_AUX_DISABLE: kbc.ctr |= I8042_CTR_AUXDIS; break;
	case I8042_CMD_CTL_TEST:
		if (kbc.selftest_resets)
			kbc.ctr = CTR_POWER_ON;
		if (!kbc.selftest_silent)
			kbc_answer(kbc.selftest_answer);
		break;
	default: fail_msg("unexpected controller command 0x%02x", cmd);
	}
}

void fake_port_write(u16 port, int size, u32 val)
{
	assert_int_equal(size, 1);
	assert_false(kbc.absent && kbc.reads == 0);	/* first look, then touch */
	if (kbc.ibf_stuck)
		fail_msg("wrote 0x%02x to port 0x%x while IBF was set", val, port);
	if (port == I8042_COMMAND_REG) {
		kbc_command((u8)val);
		return;
	}
	assert_int_equal(port, I8042_DATA_REG);
	if (kbc.pending == I8042_CMD_CTL_WCTR) {
		kbc.ctr = (u8)val;
		if (kbc.no_xlate)
			kbc.ctr &= (u8)~I8042_CTR_XLATE;
		kbc.pending = 0;
		return;
	}
	assert_true(kbc.nkbd < MAX_LOG);
	kbc.kbd_bytes[kbc.nkbd++] = (u8)val;
	if (kbc.kbd_refuses) {
		kbc_answer(0xFE);	/* resend: the keyboard would not take it */
		return;
	}
	/* the argument of Set LEDs; a command byte instead starts that command */
	if (kbc.led_arg_next && val < 0x80) {
		kbc.leds = (u8)val;
		kbc.led_arg_next = false;
	} else if (val == 0xED) {
		kbc.led_arg_next = true;
	} else if (val != 0xF4) {
		fail_msg("unexpected keyboard command 0x%02x", val);
	}
	if (!kbc.kbd_silent)
		kbc_answer(0xFA);	/* the keyboard's ACK */
}

static bool sent_command(u8 cmd)
{
	return memchr(kbc.cmds, cmd, (size_t)kbc.ncmds) != NULL;
}

/* ---- the IRQ layer, as far as the driver uses it ------------------------ */

static struct {
	u32 gsi;			/* what the MADT override says ISA IRQ 1 is */
	int trigger, polarity;
	int setup_ret;			/* irq_setup_gsi()'s error, 0: fine */
	u32 setup_gsi;
	int setup_trigger, setup_polarity;
	irq_handler_t handler;
	void *dev_id;
	int irq;
	u8 ctr_at_request;		/* the configuration byte when the handler came */
	int freed;
} irqs;

u32 irq_isa_to_gsi(u8 isa_irq, int *trigger, int *polarity)
{
	assert_int_equal(isa_irq, 1);
	*trigger = irqs.trigger;
	*polarity = irqs.polarity;
	return irqs.gsi;
}

int irq_setup_gsi(u32 gsi, int trigger, int polarity)
{
	irqs.setup_gsi = gsi;
	irqs.setup_trigger = trigger;
	irqs.setup_polarity = polarity;
	return irqs.setup_ret ? irqs.setup_ret : (int)gsi;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	assert_null(irqs.handler);
	assert_string_equal(name, "i8042");
	irqs.handler = handler;
	irqs.dev_id = dev_id;
	irqs.irq = (int)irq;
	irqs.ctr_at_request = kbc.ctr;
	return 0;
}

void free_irq(unsigned int irq, void *dev_id)
{
	irqs.freed++;
	irqs.handler = NULL;
}

void spin_lock_bug(spinlock_t *lock, const char *why)
{
	fail_msg("spinlock: %s", why);
}

/* The kbd command prints with kprintf; the shell is not linked. */
static char kout[4096];

int kprintf(const char *fmt, ...)
{
	size_t used = strlen(kout);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(kout + used, sizeof(kout) - used, fmt, ap);
	va_end(ap);
	return n;
}

const struct shell_command *shell_find(const char *name) { return NULL; }
int shell_usage(const struct shell_command *cmd) { return -22; }

extern const struct shell_command __start_shell_cmds[] __attribute__((weak));
extern const struct shell_command __stop_shell_cmds[] __attribute__((weak));

static const char *run_kbd_command(void)
{
	char *argv[] = { "kbd", NULL };

	kout[0] = '\0';
	for (const struct shell_command *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (!strcmp(c->name, "kbd")) {
			assert_int_equal(c->fn(1, argv), 0);
			return kout;
		}
	fail_msg("no kbd command");
	return NULL;
}

/* ---- helpers ------------------------------------------------------------- */

static void set_param(const char *text)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s", text);
	assert_int_equal(parse_args(buf), 0);
}

static int setup(void **state)
{
	memset(&kbc, 0, sizeof(kbc));
	kbc.ctr = CTR_POWER_ON;
	kbc.selftest_answer = I8042_SELFTEST_OK;
	memset(&irqs, 0, sizeof(irqs));
	irqs.gsi = 1;
	memset(&acpi_info, 0, sizeof(acpi_info));
	i8042 = (struct i8042){ .irq = -1 };
	while (tty_getc() >= 0)
		;
	fake_log[0] = '\0';
	fake_now_ns = 0;
	set_param("i8042.reset=1 i8042.nokbd=0");
	return 0;
}

static const char *typed(void)
{
	static char buf[64];
	int c, n = 0;

	while ((c = tty_getc()) >= 0 && n < (int)sizeof(buf) - 1)
		buf[n++] = (char)c;
	buf[n] = '\0';
	return buf;
}

static void assert_no_keyboard(void)
{
	assert_null(irqs.handler);
	assert_int_equal(i8042.irq, -1);
	assert_false(kbc.ctr & I8042_CTR_KBDINT && sent_command(I8042_CMD_CTL_WCTR));
	assert_true(strstr(run_kbd_command(), "no PS/2 keyboard") != NULL);
}

/* ---- tests ---------------------------------------------------------------- */

static void test_present_controller_is_set_up_and_types(void **state)
{
	irqs.gsi = 9;			/* an override moves ISA IRQ 1 */
	irqs.trigger = IRQ_TRIGGER_LEVEL;
	irqs.polarity = IRQ_POLARITY_LOW;
	kbc_push(0x1E, 0);		/* a key pressed during boot: flushed, not typed */
	assert_int_equal(i8042_init(), 0);

	/* ports off first, the self-test, the byte written, then the keyboard port on */
	assert_int_equal(kbc.cmds[0], I8042_CMD_KBD_DISABLE);
	assert_int_equal(kbc.cmds[1], I8042_CMD_AUX_DISABLE);
	assert_true(sent_command(I8042_CMD_CTL_TEST));
	assert_int_equal(kbc.cmds[kbc.ncmds - 1], I8042_CMD_KBD_ENABLE);
	assert_int_equal(kbc.ctr & (I8042_CTR_KBDINT | I8042_CTR_AUXINT | I8042_CTR_KBDDIS |
				    I8042_CTR_AUXDIS | I8042_CTR_XLATE),
			 I8042_CTR_KBDINT | I8042_CTR_AUXDIS | I8042_CTR_XLATE);
	/* the IRQ: the GSI and flags the override gave, handler in before KBDINT */
	assert_int_equal(irqs.setup_gsi, 9);
	assert_int_equal(irqs.setup_trigger, IRQ_TRIGGER_LEVEL);
	assert_int_equal(irqs.setup_polarity, IRQ_POLARITY_LOW);
	assert_int_equal(irqs.irq, 9);
	assert_false(irqs.ctr_at_request & (I8042_CTR_KBDINT | I8042_CTR_AUXINT));
	/* the keyboard was told to scan, then to light Num Lock, one byte per ACK */
	assert_int_equal(kbc.nkbd, 3);
	assert_memory_equal(kbc.kbd_bytes, ((const u8[]){ 0xF4, 0xED, 0x02 }), 3);
	assert_int_equal(kbc.leds, 0x02);
	assert_int_equal(kbc.out_len, 0);
	assert_string_equal(typed(), "");
	assert_true(fake_log_has("<6>i8042: PS/2 keyboard port on IRQ 9"));

	/* Shift-a, Enter, with a mouse byte and a parity error among them */
	kbc_push(0x2A, 0);
	kbc_push(0x1E, 0);
	kbc_push(0x08, I8042_STR_AUXDATA);
	kbc_push(0x9E, 0);
	kbc_push(0xAA, 0);
	kbc_push(0x30, I8042_STR_PARITY);
	kbc_push(0x1C, 0);
	kbc_push(0x9C, 0);
	assert_int_equal(irqs.handler(9, irqs.dev_id), IRQ_HANDLED);
	assert_string_equal(typed(), "A\r");
	kbc_push(0xE0, 0);		/* Up arrow: its escape sequence whole */
	kbc_push(0x48, 0);
	kbc_push(0xE0, 0);
	kbc_push(0xC8, 0);
	assert_int_equal(irqs.handler(9, irqs.dev_id), IRQ_HANDLED);
	assert_string_equal(typed(), "\x1b[A");
	assert_int_equal(i8042.aux_bytes, 1);
	assert_int_equal(i8042.line_errors, 1);
	assert_int_equal(irqs.handler(9, irqs.dev_id), IRQ_NONE);	/* nothing there */
	assert_true(strstr(run_kbd_command(), "self-test passed, translation on") != NULL);
	assert_true(strstr(kout, "keys 3 ") != NULL);
	assert_true(fake_now_ns < 10 * NSEC_PER_MSEC);
}

static void test_absent_controller_is_said_and_left_fast(void **state)
{
	kbc.absent = true;
	assert_int_equal(i8042_init(), 0);
	assert_int_equal(kbc.ncmds, 0);		/* nothing written to a bus with nothing on it */
	assert_true(fake_log_has("<6>i8042: no controller (status port reads 0xFF): no PS/2 keyboard"));
	assert_false(fake_log_has("FADT"));
	assert_int_equal(fake_now_ns, 0);
	assert_no_keyboard();
}

static void test_fadt_without_8042_is_said_and_probed_anyway(void **state)
{
	acpi_info.have_fadt = true;
	acpi_info.no_8042 = true;
	kbc.absent = true;
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("ACPI FADT declares no 8042"));
	assert_true(fake_log_has("no controller"));

	/* a controller that answers all the same (USB legacy emulation) is used */
	setup(state);
	acpi_info.have_fadt = true;
	acpi_info.no_8042 = true;
	assert_int_equal(i8042_init(), 0);
	assert_non_null(irqs.handler);
	assert_true(fake_log_has("PS/2 keyboard port on IRQ 1"));
}

static void test_selftest_failure_is_reported_and_the_keyboard_tried(void **state)
{
	kbc.selftest_answer = 0xFC;
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("<4>i8042: self-test answered 0xfc, not 0x55"));
	assert_non_null(irqs.handler);
	assert_true(kbc.ctr & I8042_CTR_KBDINT);
	assert_true(fake_log_has("(self-test failed)"));
	assert_true(strstr(run_kbd_command(), "self-test failed") != NULL);

	setup(state);
	kbc.selftest_silent = true;
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("<4>i8042: self-test got no answer"));
	assert_non_null(irqs.handler);
	assert_true(fake_now_ns <= 2 * I8042_TIMEOUT_US * NSEC_PER_USEC);
}

static void test_selftest_that_resets_the_controller_is_undone(void **state)
{
	/* the reset turns both ports and both interrupts on before we have a handler */
	kbc.selftest_resets = true;
	assert_int_equal(i8042_init(), 0);
	assert_false(irqs.ctr_at_request & (I8042_CTR_KBDINT | I8042_CTR_AUXINT));
	assert_true(irqs.ctr_at_request & I8042_CTR_AUXDIS);
	assert_int_equal(kbc.ctr & (I8042_CTR_AUXINT | I8042_CTR_AUXDIS), I8042_CTR_AUXDIS);
}

static void test_reset_0_skips_the_selftest(void **state)
{
	set_param("i8042.reset=0");
	assert_int_equal(i8042_init(), 0);
	assert_false(sent_command(I8042_CMD_CTL_TEST));
	assert_non_null(irqs.handler);
	assert_true(strstr(run_kbd_command(), "self-test skipped") != NULL);
}

static void test_nokbd_leaves_the_ports_alone(void **state)
{
	set_param("i8042.nokbd=1");
	assert_int_equal(i8042_init(), 0);
	assert_int_equal(kbc.reads, 0);
	assert_true(fake_log_has("i8042.nokbd"));
	assert_no_keyboard();
}

static void test_controller_that_takes_no_byte_times_out(void **state)
{
	kbc.ibf_stuck = true;
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("<4>i8042: controller does not answer (timed out): no PS/2 keyboard"));
	assert_int_equal(kbc.ncmds, 0);
	/* one wait, bounded: a tenth of a second, not a hang */
	assert_true(fake_now_ns >= I8042_TIMEOUT_US * NSEC_PER_USEC);
	assert_true(fake_now_ns <= 2 * I8042_TIMEOUT_US * NSEC_PER_USEC);
	assert_no_keyboard();
}

static void test_controller_that_never_answers_times_out(void **state)
{
	kbc.mute = true;
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("controller does not answer (timed out)"));
	assert_true(fake_now_ns <= 3 * I8042_TIMEOUT_US * NSEC_PER_USEC);
	assert_no_keyboard();
}

static void test_irq_that_cannot_be_had_leaves_the_keyboard_off(void **state)
{
	irqs.setup_ret = -28;	/* -ENOSPC: no vector left */
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("<3>i8042: cannot get ISA IRQ 1"));
	assert_false(kbc.ctr & I8042_CTR_KBDINT);
	assert_true(kbc.ctr & I8042_CTR_KBDDIS);
	assert_no_keyboard();
}

static void test_translation_that_will_not_turn_on_is_warned_about(void **state)
{
	kbc.no_xlate = true;
	assert_int_equal(i8042_init(), 0);
	assert_true(fake_log_has("<4>i8042: translation would not turn on"));
	assert_true(strstr(run_kbd_command(), "translation off") != NULL);
}

static void test_stuck_output_buffer_ends_the_handler(void **state)
{
	assert_int_equal(i8042_init(), 0);
	kbc.obf_stuck = true;
	kbc.reads = 0;
	assert_int_equal(irqs.handler(1, irqs.dev_id), IRQ_HANDLED);
	assert_true(kbc.reads <= 2 * I8042_BUFFER_SIZE + 1);
}

/* Feeds the keyboard's bytes one interrupt each, as a real one sends them. */
static void kbd_irq(u8 byte)
{
	kbc_push(byte, 0);
	assert_int_equal(irqs.handler(1, irqs.dev_id), IRQ_HANDLED);
}

static void test_lock_keys_light_the_keyboard(void **state)
{
	assert_int_equal(i8042_init(), 0);
	kbc.nkbd = 0;
	kbd_irq(0x3A);			/* Caps Lock: Set LEDs Num|Caps, then its ACKs */
	kbd_irq(0xBA);
	assert_int_equal(kbc.leds, 0x06);
	assert_memory_equal(kbc.kbd_bytes, ((const u8[]){ 0xED, 0x06 }), 2);
	kbd_irq(0x45);			/* Num Lock off */
	kbd_irq(0xC5);
	assert_int_equal(kbc.leds, 0x04);
	kbd_irq(0x1E);			/* a letter changes no light */
	assert_int_equal(kbc.nkbd, 4);
	assert_string_equal(typed(), "A");
	assert_int_equal(i8042.cmd_errors, 0);
	assert_true(strstr(run_kbd_command(), "caps_lock on num_lock off leds 0x4 cmd_errors 0") != NULL);
}

static void test_keys_typed_while_a_command_is_out_still_type(void **state)
{
	assert_int_equal(i8042_init(), 0);
	kbc.kbd_silent = true;		/* the ACK for the lights is late */
	kbc.nkbd = 0;
	kbd_irq(0x3A);
	assert_int_equal(kbc.nkbd, 1);	/* ED sent, its argument waits for the ACK */
	kbd_irq(0x1E);			/* a key in between */
	kbd_irq(0x9E);
	kbc_push(0xFA, 0);		/* the ACK after all: the argument goes */
	kbc.kbd_silent = false;
	irqs.handler(1, irqs.dev_id);
	assert_int_equal(kbc.nkbd, 2);
	assert_int_equal(kbc.kbd_bytes[1], 0x06);
	assert_string_equal(typed(), "A");
}

static void test_keyboard_that_refuses_or_never_answers_costs_nothing(void **state)
{
	kbc.kbd_refuses = true;
	assert_int_equal(i8042_init(), 0);
	assert_int_equal(kbc.nkbd, 1);	/* F4 refused: the rest dropped */
	assert_int_equal(i8042.cmd_errors, 1);
	assert_non_null(irqs.handler);	/* the keyboard may still type */
	kbc.kbd_refuses = false;
	kbc.kbd_silent = true;
	kbc.nkbd = 0;
	kbd_irq(0x3A);			/* ED out, never acknowledged */
	kbd_irq(0xBA);
	assert_int_equal(kbc.nkbd, 1);
	kbd_irq(0x1E);
	assert_string_equal(typed(), "A");
	fake_now_ns += ATKBD_ACK_TIMEOUT_NS + 1;
	kbc.kbd_silent = false;
	kbd_irq(0x3A);			/* Caps Lock off: the stale command given up */
	assert_int_equal(i8042.cmd_errors, 2);
	assert_int_equal(kbc.nkbd, 3);
	assert_int_equal(kbc.leds, 0x02);
	kbd_irq(0x2E);
	assert_string_equal(typed(), "c");
}

static void test_full_input_queue_counts_dropped_keys(void **state)
{
	char fill[1024];

	assert_int_equal(i8042_init(), 0);
	memset(fill, 'x', sizeof(fill));
	for (size_t n = sizeof(fill); n; n /= 2)	/* fill whatever the size */
		while (tty_insert_flip_string(fill, n))
			;
	tty_getc();
	tty_getc();
	kbc_push(0xE0, 0);		/* Up: four bytes that do not fit in two */
	kbc_push(0x48, 0);
	assert_int_equal(irqs.handler(1, irqs.dev_id), IRQ_HANDLED);
	assert_int_equal(i8042.dropped, 1);
	while (tty_getc() >= 0)
		;
	kbc_push(0x48, 0);		/* keypad 8 now goes in */
	irqs.handler(1, irqs.dev_id);
	assert_string_equal(typed(), "8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_present_controller_is_set_up_and_types, setup),
		cmocka_unit_test_setup(test_absent_controller_is_said_and_left_fast, setup),
		cmocka_unit_test_setup(test_fadt_without_8042_is_said_and_probed_anyway, setup),
		cmocka_unit_test_setup(test_selftest_failure_is_reported_and_the_keyboard_tried, setup),
		cmocka_unit_test_setup(test_selftest_that_resets_the_controller_is_undone, setup),
		cmocka_unit_test_setup(test_reset_0_skips_the_selftest, setup),
		cmocka_unit_test_setup(test_nokbd_leaves_the_ports_alone, setup),
		cmocka_unit_test_setup(test_controller_that_takes_no_byte_times_out, setup),
		cmocka_unit_test_setup(test_controller_that_never_answers_times_out, setup),
		cmocka_unit_test_setup(test_irq_that_cannot_be_had_leaves_the_keyboard_off, setup),
		cmocka_unit_test_setup(test_translation_that_will_not_turn_on_is_warned_about, setup),
		cmocka_unit_test_setup(test_stuck_output_buffer_ends_the_handler, setup),
		cmocka_unit_test_setup(test_lock_keys_light_the_keyboard, setup),
		cmocka_unit_test_setup(test_keys_typed_while_a_command_is_out_still_type, setup),
		cmocka_unit_test_setup(test_keyboard_that_refuses_or_never_answers_costs_nothing, setup),
		cmocka_unit_test_setup(test_full_input_queue_counts_dropped_keys, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
