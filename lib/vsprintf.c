/*
 * vsnprintf() and friends: C's printf conversions plus the kernel's pointer
 * extensions %pM (MAC), %pI4 (IPv4) and %pS (symbol+offset). No floating
 * point: the kernel is built without SSE/x87.
 */
#include <lib/printk.h>
#include <lib/kallsyms.h>

enum {
	F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16,
	F_SIGNED = 32, F_UPPER = 64,
};

#define FIELD_MAX 100000

struct spec {
	unsigned int flags;
	int width;		/* -1: none */
	int precision;		/* -1: none */
	unsigned int base;
};

/* Output cursor: counts every character, stores only what fits. */
struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* A string padded to the field width; precision caps its length. */
static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (sp->precision < 0 || len < sp->precision))
		len++;
	if (!(sp->flags & F_LEFT))
		put_n(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->flags & F_LEFT)
		put_n(o, ' ', sp->width - len);
}

static void put_number(struct out *o, unsigned long long v, bool neg, struct spec sp)
{
	const char *digits = (sp.flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];	/* 22 octal digits hold 64 bits */
	const char *prefix = "";
	char sign = 0;
	int n = 0, zeros, pad;

	/* C: precision 0 with value 0 prints no digits at all. */
	if (v || sp.precision != 0)
		do {
			tmp[n++] = digits[v % sp.base];
			v /= sp.base;
		} while (v);
	if (neg)
		sign = '-';
	else if (sp.flags & F_SIGNED && sp.flags & F_PLUS)
		sign = '+';
	else if (sp.flags & F_SIGNED && sp.flags & F_SPACE)
		sign = ' ';
	if (sp.flags & F_ALT && sp.base == 16 && n && !(n == 1 && tmp[0] == '0'))
		prefix = (sp.flags & F_UPPER) ? "0X" : "0x";
	/* '#' with octal: the first digit must be 0. */
	if (sp.flags & F_ALT && sp.base == 8 && (n == 0 || tmp[n - 1] != '0') &&
	    sp.precision <= n)
		sp.precision = n + 1;

	zeros = sp.precision > n ? sp.precision - n : 0;
	pad = sp.width - zeros - n - (sign ? 1 : 0) - (prefix[0] ? 2 : 0);
	/* '0' pads with zeros after the sign, unless '-' or a precision overrides it. */
	if (sp.flags & F_ZERO && !(sp.flags & F_LEFT) && sp.precision < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp.flags & F_LEFT))
		put_n(o, ' ', pad);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	put_n(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp.flags & F_LEFT)
		put_n(o, ' ', pad);
}

static const char *fmt_pointer(char *tmp, size_t size, const char *fmt, const void *p,
			       int *consumed)
{
	const u8 *b = p;
	unsigned long off;
	const char *name;

	*consumed = 0;
	if (fmt[0] == 'M') {
		*consumed = 1;
		if (!p)
			return NULL;
		snprintf(tmp, size, "%02x:%02x:%02x:%02x:%02x:%02x",
			 b[0], b[1], b[2], b[3], b[4], b[5]);
	} else if (fmt[0] == 'I' && fmt[1] == '4') {
		*consumed = 2;
		if (!p)
			return NULL;
		snprintf(tmp, size, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	} else if (fmt[0] == 'S') {
		*consumed = 1;
		name = ksym_lookup((unsigned long)p, &off);
		if (name)
			snprintf(tmp, size, "%s+0x%lx", name, off);
		else
			snprintf(tmp, size, "0x%lx", (unsigned long)p);
	} else {
		snprintf(tmp, size, "0x%lx", (unsigned long)p);
	}
	return tmp;
}

/* A field wider than any buffer is a format bug; cap it rather than overflow int. */
static int add_digit(int v, char c)
{
	return v < FIELD_MAX ? v * 10 + (c - '0') : v;
}

/* Parses flags, width, precision; returns the first character after them. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	sp->width = -1;
	sp->precision = -1;
	for (;; f++) {
		if (*f == '-')
			sp->flags |= F_LEFT;
		else if (*f == '0')
			sp->flags |= F_ZERO;
		else if (*f == '+')
			sp->flags |= F_PLUS;
		else if (*f == ' ')
			sp->flags |= F_SPACE;
		else if (*f == '#')
			sp->flags |= F_ALT;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {	/* C: a negative '*' width means '-' */
			sp->flags |= F_LEFT;
			sp->width = sp->width == -__INT_MAX__ - 1 ? __INT_MAX__ : -sp->width;
		}
		f++;
	} else {
		for (; *f >= '0' && *f <= '9'; f++)
			sp->width = add_digit(sp->width < 0 ? 0 : sp->width, *f);
	}
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;	/* C: as if omitted */
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->precision = add_digit(sp->precision, *f);
	}
	return f;
}

enum { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_PTRDIFF };

static const char *parse_length(const char *f, int *len)
{
	*len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h') {
		*len = LEN_CHAR;
		return f + 2;
	}
	if (f[0] == 'l' && f[1] == 'l') {
		*len = LEN_LLONG;
		return f + 2;
	}
	switch (*f) {
	case 'h': *len = LEN_SHORT; return f + 1;
	case 'l': *len = LEN_LONG; return f + 1;
	case 'z': *len = LEN_SIZE; return f + 1;
	case 't': *len = LEN_PTRDIFF; return f + 1;
	}
	return f;
}

static long long get_signed(va_list *ap, int len)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return (long long)va_arg(*ap, size_t);	/* %zd: ssize_t */
	case LEN_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	}
	return va_arg(*ap, int);
}

static unsigned long long get_unsigned(va_list *ap, int len)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	case LEN_PTRDIFF: return (unsigned long long)va_arg(*ap, ptrdiff_t);
	}
	return va_arg(*ap, unsigned int);
}

/* One conversion after its '%'; returns where the format continues. */
static const char *convert(struct out *o, const char *pct, va_list *ap)
{
	struct spec sp;
	const char *f = parse_spec(pct + 1, &sp, ap);
	char tmp[64];
	long long sv;
	int len, used;

	f = parse_length(f, &len);
	switch (*f) {
	case 'd':
	case 'i':
		sv = get_signed(ap, len);
		sp.base = 10;
		sp.flags |= F_SIGNED;
		put_number(o, sv < 0 ? 0ULL - (unsigned long long)sv : (unsigned long long)sv,
			   sv < 0, sp);
		return f + 1;
	case 'u': sp.base = 10; break;
	case 'x': sp.base = 16; break;
	case 'X': sp.base = 16; sp.flags |= F_UPPER; break;
	case 'o': sp.base = 8; break;
	case 'c':
		tmp[0] = (char)va_arg(*ap, int);
		tmp[1] = '\0';
		sp.precision = 1;	/* so that %c of '\0' still prints one char */
		if (!tmp[0]) {
			put_n(o, ' ', (sp.flags & F_LEFT) ? 0 : sp.width - 1);
			put(o, '\0');
			put_n(o, ' ', (sp.flags & F_LEFT) ? sp.width - 1 : 0);
		} else {
			put_str(o, tmp, &sp);
		}
		return f + 1;
	case 's':
		put_str(o, va_arg(*ap, const char *), &sp);
		return f + 1;
	case 'p':
		put_str(o, fmt_pointer(tmp, sizeof(tmp), f + 1, va_arg(*ap, const void *), &used),
			&sp);
		return f + 1 + used;
	case '%':
		put(o, '%');
		return f + 1;
	default:
		/* Unknown conversion: show it literally so the mistake is visible. */
		for (; pct < f; pct++)
			put(o, *pct);
		return f;
	}
	put_number(o, get_unsigned(ap, len), false, sp);
	return f + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%')
			put(&o, *fmt++);
		else
			fmt = convert(&o, fmt, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return o.pos > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Like vsnprintf() but returns what was stored, so "pos += ..." never passes the end. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
