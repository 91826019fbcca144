/*
 * Scancode set 1 to console input (see atkbd.h). Set 1 is what the i8042
 * hands over with translation on: one byte per key, bit 7 set on release,
 * E0 in front of the keys the 101-key keyboard added (the gray cursor block,
 * right Ctrl and Alt, keypad Enter and /), E1 in front of Pause. Code
 * values: IBM PC AT Technical Reference, keyboard section; Microsoft's
 * "Keyboard Scan Code Specification" (rev. 1.3a) for the E0 and E1 keys.
 */
#include <lib/types.h>
#include <drivers/input/atkbd.h>

#define ATKBD_E0	BIT(0)	/* the previous byte was the E0 prefix */
#define ATKBD_LSHIFT	BIT(1)
#define ATKBD_RSHIFT	BIT(2)
#define ATKBD_LCTRL	BIT(3)
#define ATKBD_RCTRL	BIT(4)
#define ATKBD_CAPS	BIT(5)	/* Caps Lock is on */
#define ATKBD_CAPS_DOWN	BIT(6)	/* held: its typematic repeats must not toggle again */
#define ATKBD_NUM	BIT(7)	/* Num Lock is on: the keypad types digits */
#define ATKBD_NUM_DOWN	BIT(8)

#define SC_RELEASE	0x80
#define SC_E0		0xE0
#define SC_E1		0xE1
#define SC_LCTRL	0x1D	/* with E0: right Ctrl */
#define SC_LSHIFT	0x2A	/* with E0: a "fake shift" the keyboard wraps around */
#define SC_RSHIFT	0x36	/*   gray keys under Num Lock or Shift; not a key */
#define SC_ENTER	0x1C	/* with E0: keypad Enter */
#define SC_SLASH	0x35	/* with E0: keypad / */
#define SC_ALT		0x38	/* with E0: right Alt (AltGr) */
#define SC_CAPS		0x3A
#define SC_NUM		0x45
#define SC_KP_FIRST	0x47	/* keypad 7 / Home; with E0 the gray Home */
#define SC_KP_LAST	0x53	/* keypad . / Delete; with E0 the gray Delete */
#define SC_KP_MINUS	0x4A
#define SC_KP_PLUS	0x4E
#define E1_PAUSE_LEN	2	/* E1 1D 45 on press, E1 9D C5 on release */

/* Bytes that are the keyboard speaking, not keys (set 2 00 becomes FF in translation). */
#define KBD_ERROR	0xFF	/* key detection error or buffer overrun */
#define KBD_ERROR_ALT	0x00	/* the same from a keyboard left in set 1 */
#define KBD_BAT_FAIL	0xFC
#define KBD_ACK		0xFA
#define KBD_RESEND	0xFE
#define KBD_ECHO	0xEE

/* US layout, codes 0x00..0x39; NUL where the key types nothing by itself. */
static const char normal[] =
	"\0\x1b" "1234567890-=" "\x7f\t"
	"qwertyuiop[]" "\r\0"
	"asdfghjkl;'`" "\0\\"
	"zxcvbnm,./" "\0*\0 ";
static const char shifted[] =
	"\0\x1b" "!@#$%^&*()_+" "\x7f\t"
	"QWERTYUIOP{}" "\r\0"
	"ASDFGHJKL:\"~" "\0|"
	"ZXCVBNM<>?" "\0*\0 ";
BUILD_BUG_ON(sizeof(normal) != 0x3A + 1 || sizeof(shifted) != sizeof(normal));

/* Codes 0x47..0x53: the keypad with Num Lock, and the cursor block. */
static const char keypad[] = "789-456+1230.";
static const char *const cursor_keys[] = {
	"\x1b[H", "\x1b[A", "\x1b[5~", NULL,		/* Home Up PgUp (keypad -) */
	"\x1b[D", NULL, "\x1b[C", NULL,			/* Left (keypad 5) Right (keypad +) */
	"\x1b[F", "\x1b[B", "\x1b[6~", "\x1b[2~", "\x1b[3~",	/* End Down PgDn Ins Del */
};
BUILD_BUG_ON(ARRAY_SIZE(cursor_keys) != SC_KP_LAST - SC_KP_FIRST + 1);
BUILD_BUG_ON(sizeof(keypad) != SC_KP_LAST - SC_KP_FIRST + 2);

void atkbd_init(struct atkbd *kbd)
{
	*kbd = (struct atkbd){ .state = ATKBD_NUM };
}

bool atkbd_caps_lock(const struct atkbd *kbd) { return kbd->state & ATKBD_CAPS; }
bool atkbd_num_lock(const struct atkbd *kbd) { return kbd->state & ATKBD_NUM; }

/* What a terminal sends for Ctrl with this character (ASCII's control column). */
static char ctrl_char(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 1);
	if (c >= '@' && c <= '_')	/* A-Z and @ [ \ ] ^ _ */
		return (char)(c - '@');
	if (c == '?')
		return 0x7f;
	return c;
}

static size_t put_seq(const char *seq, char *out)
{
	size_t n = 0;

	while (seq[n] && n < ATKBD_SEQ_MAX) {
		out[n] = seq[n];
		n++;
	}
	return n;
}

/* A modifier or lock key; true if code was one (pressed or released). */
static bool modifier(struct atkbd *kbd, u8 key, bool e0, bool release)
{
	u16 bit, down_bit = 0, lock_bit = 0;

	if (key == SC_LCTRL)
		bit = e0 ? ATKBD_RCTRL : ATKBD_LCTRL;
	else if (key == SC_LSHIFT && !e0)
		bit = ATKBD_LSHIFT;
	else if (key == SC_RSHIFT && !e0)
		bit = ATKBD_RSHIFT;
	else if (key == SC_CAPS && !e0)
		down_bit = ATKBD_CAPS_DOWN, lock_bit = ATKBD_CAPS;
	else if (key == SC_NUM && !e0)
		down_bit = ATKBD_NUM_DOWN, lock_bit = ATKBD_NUM;
	else
		return false;
	if (lock_bit) {
		if (!release && !(kbd->state & down_bit))
			kbd->state ^= lock_bit;
		bit = down_bit;
	}
	if (release)
		kbd->state &= (u16)~bit;
	else
		kbd->state |= bit;
	return true;
}

/* A letter or symbol key (codes below 0x3A) with the modifiers applied. */
static char main_key(const struct atkbd *kbd, u8 key)
{
	bool shift = kbd->state & (ATKBD_LSHIFT | ATKBD_RSHIFT);
	char c = shift ? shifted[key] : normal[key];

	/* Caps Lock shifts letters only, and Shift undoes it, as on every PC. */
	if ((kbd->state & ATKBD_CAPS) && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c = shift ? normal[key] : shifted[key];
	if (kbd->state & (ATKBD_LCTRL | ATKBD_RCTRL))
		c = ctrl_char(c);
	return c;
}

/* A key press that is not a modifier: what it types, into out. */
static size_t key_press(struct atkbd *kbd, u8 key, bool e0, char *out)
{
	const char *seq = NULL;
	char c = 0;

	if (key == SC_ALT || (e0 && (key == SC_LSHIFT || key == SC_RSHIFT)))
		return 0;	/* Alt alone types nothing; fake shifts are no keys */
	if (key >= SC_KP_FIRST && key <= SC_KP_LAST) {
		/* Keypad - and + type themselves whatever Num Lock says. */
		if (!e0 && ((kbd->state & ATKBD_NUM) || key == SC_KP_MINUS || key == SC_KP_PLUS))
			c = keypad[key - SC_KP_FIRST];
		else
			seq = cursor_keys[key - SC_KP_FIRST];	/* NULL: keypad 5 */
	} else if (e0) {
		if (key == SC_ENTER)
			c = '\r';
		else if (key == SC_SLASH)
			c = '/';
	} else if (key < sizeof(normal) - 1) {
		c = main_key(kbd, key);
		if (!c)
			return 0;	/* Ctrl-@ (NUL): nothing the shell would use */
	}
	if (seq)
		return put_seq(seq, out);
	if (!c) {
		kbd->unmapped++;	/* F1-F12, Win, Menu, Scroll Lock, multimedia... */
		return 0;
	}
	out[0] = c;
	return 1;
}

size_t atkbd_translate(struct atkbd *kbd, u8 code, char out[ATKBD_SEQ_MAX])
{
	bool e0 = kbd->state & ATKBD_E0;
	bool release = code & SC_RELEASE;
	u8 key = code & (u8)~SC_RELEASE;
	size_t n;

	if (kbd->e1_skip) {
		kbd->e1_skip--;
		return 0;
	}
	switch (code) {
	case SC_E0:
		kbd->state |= ATKBD_E0;
		return 0;
	case SC_E1:
		kbd->state &= (u16)~ATKBD_E0;
		kbd->e1_skip = E1_PAUSE_LEN;
		return 0;
	case KBD_ERROR: case KBD_ERROR_ALT: case KBD_BAT_FAIL:
		kbd->errors++;
		kbd->state &= (u16)~ATKBD_E0;
		return 0;
	case KBD_ACK: case KBD_RESEND: case KBD_ECHO:
		return 0;	/* answers to commands, which the i8042 driver sends */
	}
	kbd->state &= (u16)~ATKBD_E0;
	if (modifier(kbd, key, e0, release) || release)
		return 0;
	n = key_press(kbd, key, e0, out);
	if (n)
		kbd->keys++;
	return n;
}
