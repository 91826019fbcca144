/*
 * Scancode set 1 to console input: what a typist gets for each key with
 * Shift, Ctrl, Caps Lock and Num Lock, the E0 keys as the escape sequences
 * lib/shell.c understands, releases typing nothing, and the bytes that are
 * no keys (errors, answers to commands, Pause's E1 sequence, fake shifts,
 * codes no keyboard sends) typing nothing and counted where they should be.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <drivers/input/atkbd.h>

static struct atkbd kbd;

/* Feeds codes to the translator; returns everything typed, NUL-terminated. */
static const char *feed(const u8 *codes, size_t n)
{
	static char typed[256];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		char out[ATKBD_SEQ_MAX + 4];
		size_t k;

		memset(out, '#', sizeof(out));
		k = atkbd_translate(&kbd, codes[i], out);
		assert_true(k <= ATKBD_SEQ_MAX);
		assert_int_equal(out[ATKBD_SEQ_MAX], '#');	/* never past the limit */
		assert_true(len + k < sizeof(typed));
		memcpy(typed + len, out, k);
		len += k;
	}
	typed[len] = '\0';
	return typed;
}
#define FEED(...) feed((const u8[]){ __VA_ARGS__ }, sizeof((const u8[]){ __VA_ARGS__ }))

/* A press and its release (set 1: the same code with bit 7 set). */
#define TAP(c)		(c), (u8)((c) | 0x80)
#define E0TAP(c)	0xE0, (c), 0xE0, (u8)((c) | 0x80)
#define LSHIFT		0x2A
#define RSHIFT		0x36
#define LCTRL		0x1D
#define CAPS		0x3A
#define NUMLOCK		0x45

static int setup(void **state)
{
	atkbd_init(&kbd);
	return 0;
}

static void test_plain_keys_type_us_layout(void **state)
{
	/* "ls -l /" then Enter: l s space - l space / Enter */
	assert_string_equal(FEED(TAP(0x26), TAP(0x1F), TAP(0x39), TAP(0x0C), TAP(0x26),
				 TAP(0x39), TAP(0x35), TAP(0x1C)), "ls -l /\r");
	assert_string_equal(FEED(TAP(0x02), TAP(0x0B), TAP(0x10), TAP(0x2C), TAP(0x29),
				 TAP(0x2B), TAP(0x1A), TAP(0x28)), "10qz`\\['");
	/* Backspace is DEL as on a Linux console, Tab and Esc their ASCII selves */
	assert_string_equal(FEED(TAP(0x0E), TAP(0x0F), TAP(0x01)), "\x7f\t\x1b");
	assert_int_equal(kbd.keys, 19);
	assert_int_equal(kbd.unmapped, 0);
}

static void test_shift_either_side_while_held(void **state)
{
	assert_string_equal(FEED(LSHIFT, TAP(0x1E), TAP(0x03), LSHIFT | 0x80, TAP(0x1E)), "A@a");
	assert_string_equal(FEED(RSHIFT, TAP(0x0C), TAP(0x27), TAP(0x33), RSHIFT | 0x80, TAP(0x33)),
			    "_:<,");
	/* both held, one released: still shifted until the other goes too */
	assert_string_equal(FEED(LSHIFT, RSHIFT, LSHIFT | 0x80, TAP(0x10), RSHIFT | 0x80, TAP(0x10)),
			    "Qq");
}

static void test_typematic_repeat_types_again(void **state)
{
	assert_string_equal(FEED(0x20, 0x20, 0x20, 0xA0), "ddd");
}

static void test_caps_lock_shifts_letters_only_and_toggles_once_per_press(void **state)
{
	/* held Caps Lock repeats its make code: it must toggle once, not twice */
	assert_string_equal(FEED(CAPS, CAPS, CAPS | 0x80, TAP(0x2E), TAP(0x02), TAP(0x1A)),
			    "C1[");
	assert_true(atkbd_caps_lock(&kbd));
	assert_string_equal(FEED(LSHIFT, TAP(0x2E), TAP(0x02), LSHIFT | 0x80), "c!");
	assert_string_equal(FEED(TAP(CAPS), TAP(0x2E)), "c");
	assert_false(atkbd_caps_lock(&kbd));
}

static void test_ctrl_makes_control_characters(void **state)
{
	/* Ctrl-C, Ctrl-A, Ctrl-U as the shell expects them; right Ctrl is E0 1D */
	assert_string_equal(FEED(LCTRL, TAP(0x2E), TAP(0x1E), TAP(0x16), LCTRL | 0x80), "\x03\x01\x15");
	assert_string_equal(FEED(0xE0, LCTRL, TAP(0x2E), 0xE0, LCTRL | 0x80, TAP(0x2E)), "\x03" "c");
	/* with Shift or Caps Lock a letter is the same control character */
	assert_string_equal(FEED(TAP(CAPS), LCTRL, LSHIFT, TAP(0x2E), LSHIFT | 0x80,
				 LCTRL | 0x80, TAP(CAPS)), "\x03");
	/* Ctrl-[ is ESC, Ctrl-\ FS, Ctrl-? (Ctrl-Shift-/) DEL; Ctrl-1 stays 1 */
	assert_string_equal(FEED(LCTRL, TAP(0x1A), TAP(0x2B), TAP(0x02), LSHIFT, TAP(0x35),
				 LSHIFT | 0x80, LCTRL | 0x80), "\x1b\x1c" "1\x7f");
}

static void test_extended_keys_become_escape_sequences(void **state)
{
	assert_string_equal(FEED(E0TAP(0x48)), "\x1b[A");	/* Up */
	assert_string_equal(FEED(E0TAP(0x50)), "\x1b[B");	/* Down */
	assert_string_equal(FEED(E0TAP(0x4D)), "\x1b[C");	/* Right */
	assert_string_equal(FEED(E0TAP(0x4B)), "\x1b[D");	/* Left */
	assert_string_equal(FEED(E0TAP(0x47)), "\x1b[H");	/* Home */
	assert_string_equal(FEED(E0TAP(0x4F)), "\x1b[F");	/* End */
	assert_string_equal(FEED(E0TAP(0x53)), "\x1b[3~");	/* Delete */
	assert_string_equal(FEED(E0TAP(0x49)), "\x1b[5~");	/* Page Up */
	assert_string_equal(FEED(E0TAP(0x51)), "\x1b[6~");	/* Page Down */
	assert_string_equal(FEED(E0TAP(0x52)), "\x1b[2~");	/* Insert */
	assert_string_equal(FEED(E0TAP(0x1C), E0TAP(0x35)), "\r/");	/* keypad Enter, / */
	/* the prefix is for one byte only: a plain 0x48 next is keypad 8 */
	assert_string_equal(FEED(TAP(0x48)), "8");
}

static void test_fake_shifts_around_gray_keys_are_not_shift(void **state)
{
	/* Up with Num Lock on: E0 2A E0 48 (a fake Shift press first); 'a' while Up is held */
	assert_string_equal(FEED(0xE0, 0x2A, 0xE0, 0x48, TAP(0x1E), 0xE0, 0xC8, 0xE0, 0xAA,
				 TAP(0x1E)), "\x1b[A" "aa");
	/* Shift+Left: the keyboard sends a fake Shift release, yet Shift is still held */
	assert_string_equal(FEED(LSHIFT, 0xE0, 0xAA, 0xE0, 0x4B, TAP(0x1E), 0xE0, 0xCB, 0xE0, 0x2A,
				 TAP(0x1E), LSHIFT | 0x80, TAP(0x1E)), "\x1b[D" "AAa");
	assert_int_equal(kbd.unmapped, 0);
}

static void test_keypad_follows_num_lock(void **state)
{
	assert_true(atkbd_num_lock(&kbd));
	assert_string_equal(FEED(TAP(0x47), TAP(0x4C), TAP(0x53), TAP(0x4A), TAP(0x4E), TAP(0x37)),
			    "75.-+*");
	assert_string_equal(FEED(TAP(NUMLOCK), TAP(0x48), TAP(0x4F), TAP(0x53), TAP(0x4A)),
			    "\x1b[A" "\x1b[F" "\x1b[3~" "-");
	assert_false(atkbd_num_lock(&kbd));
	assert_string_equal(FEED(TAP(0x4C)), "");	/* keypad 5 without Num Lock */
	assert_int_equal(kbd.unmapped, 1);
}

static void test_releases_type_nothing(void **state)
{
	u8 codes[128];

	for (int i = 0; i < 128; i++)
		codes[i] = (u8)(0x80 | i);
	assert_string_equal(feed(codes, sizeof(codes)), "");
	assert_int_equal(kbd.keys, 0);
	assert_int_equal(kbd.unmapped, 0);
	/* releasing E0 keys neither */
	assert_string_equal(FEED(0xE0, 0xC8, 0xE0, 0xD3, 0xE0, 0x9C), "");
}

static void test_unknown_and_unmapped_codes_type_nothing(void **state)
{
	/* F1, F10, F11, F12, Scroll Lock, code 0x70, E0 5B (Win), E0 37 (PrtSc), E0 20 (Mute) */
	assert_string_equal(FEED(TAP(0x3B), TAP(0x44), TAP(0x57), TAP(0x58), TAP(0x46), TAP(0x70),
				 E0TAP(0x5B), E0TAP(0x37), E0TAP(0x20), 0xE0, 0x4C), "");
	assert_int_equal(kbd.unmapped, 10);
	assert_int_equal(kbd.keys, 0);
	/* Alt types nothing and is no unmapped key; the next key is plain */
	assert_string_equal(FEED(0x38, 0xE0, 0x38, TAP(0x1E), 0xB8, 0xE0, 0xB8), "a");
	assert_int_equal(kbd.unmapped, 10);
	/* every other byte the translator may see: nothing typed, nothing out of bounds */
	for (int c = 0x59; c < 0x80; c++)
		assert_string_equal(FEED((u8)c, 0xE0, (u8)c), "");
}

static void test_pause_sequence_is_swallowed_whole(void **state)
{
	/* E1 1D 45 E1 9D C5: the 1D inside must not leave Ctrl held */
	assert_string_equal(FEED(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5, TAP(0x2E)), "c");
	assert_true(atkbd_num_lock(&kbd));	/* nor toggle Num Lock with its 45 */
}

static void test_keyboard_answers_and_errors_type_nothing(void **state)
{
	/* ACK, resend, echo: answers to commands; FF and 00 overruns; FC a failed self-test */
	assert_string_equal(FEED(0xFA, 0xFE, 0xEE, 0xFF, 0x00, 0xFC), "");
	assert_int_equal(kbd.errors, 3);
	/* an error right after E0 drops the prefix: the next byte is a plain key */
	assert_string_equal(FEED(0xE0, 0xFF, TAP(0x48)), "8");
	assert_int_equal(kbd.keys, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plain_keys_type_us_layout, setup),
		cmocka_unit_test_setup(test_shift_either_side_while_held, setup),
		cmocka_unit_test_setup(test_typematic_repeat_types_again, setup),
		cmocka_unit_test_setup(test_caps_lock_shifts_letters_only_and_toggles_once_per_press, setup),
		cmocka_unit_test_setup(test_ctrl_makes_control_characters, setup),
		cmocka_unit_test_setup(test_extended_keys_become_escape_sequences, setup),
		cmocka_unit_test_setup(test_fake_shifts_around_gray_keys_are_not_shift, setup),
		cmocka_unit_test_setup(test_keypad_follows_num_lock, setup),
		cmocka_unit_test_setup(test_releases_type_nothing, setup),
		cmocka_unit_test_setup(test_unknown_and_unmapped_codes_type_nothing, setup),
		cmocka_unit_test_setup(test_pause_sequence_is_swallowed_whole, setup),
		cmocka_unit_test_setup(test_keyboard_answers_and_errors_type_nothing, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
