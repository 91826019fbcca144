/*
 * Boot parameters: the tables the linker collects (kparams, setup_params),
 * the standard types' set/get, and parse_args() over the multiboot command
 * line. A bad parameter never stops the boot: it is named in the log and
 * the compiled-in default stays.
 */
#include <lib/params.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>

/* Weak: a host test without any parameter of a kind still links. */
extern const struct kernel_param __start_kparams[] __attribute__((weak));
extern const struct kernel_param __stop_kparams[] __attribute__((weak));
extern const struct obs_kernel_param __start_setup_params[] __attribute__((weak));
extern const struct obs_kernel_param __stop_setup_params[] __attribute__((weak));

#define PARAM_VAL_MAX	128	/* longest value shown by "params" and the boot log */
#define SET_ARENA_SIZE	1024	/* run-time values kept alive for charp params */

/* ---- the standard types ------------------------------------------------ */

#define STD_PARAM_OPS(type, ctype, parse, fmt)					\
	static int param_set_##type(const char *val, const struct kernel_param *kp) \
	{									\
		ctype v;							\
		int err;							\
										\
		if (!val)							\
			return -EINVAL;						\
		err = parse(val, 0, &v);					\
		if (!err)							\
			*(ctype *)kp->arg = v;					\
		return err;							\
	}									\
	static int param_get_##type(char *buf, size_t size, const struct kernel_param *kp) \
	{									\
		return scnprintf(buf, size, fmt, *(ctype *)kp->arg);		\
	}									\
	const struct kernel_param_ops param_ops_##type = {			\
		.set = param_set_##type, .get = param_get_##type,		\
	}

/* kstrtol() is not in the contract; long is long long's size on x86-64. */
static int parse_long(const char *s, unsigned int base, long *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (!err)
		*res = (long)v;
	return err;
}

STD_PARAM_OPS(int, int, kstrtoint, "%d");
STD_PARAM_OPS(uint, unsigned int, kstrtouint, "%u");
STD_PARAM_OPS(long, long, parse_long, "%ld");
STD_PARAM_OPS(ulong, unsigned long, kstrtoul, "%lu");

/* A bare "name" (val NULL) means true, as in Linux. */
static int param_set_bool(const char *val, const struct kernel_param *kp)
{
	return kstrtobool(val ? val : "1", (bool *)kp->arg);
}

static int param_get_bool(char *buf, size_t size, const struct kernel_param *kp)
{
	return scnprintf(buf, size, "%c", *(bool *)kp->arg ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {
	.set = param_set_bool, .get = param_get_bool,
};

/* The pointer is kept, so val must outlive the parameter (the command line does). */
static int param_set_charp(const char *val, const struct kernel_param *kp)
{
	if (!val)
		return -EINVAL;
	*(const char **)kp->arg = val;
	return 0;
}

static int param_get_charp(char *buf, size_t size, const struct kernel_param *kp)
{
	const char *s = *(const char **)kp->arg;

	return scnprintf(buf, size, "%s", s ? s : "(null)");
}

const struct kernel_param_ops param_ops_charp = {
	.set = param_set_charp, .get = param_get_charp,
};

/* ---- lookup -------------------------------------------------------------- */

/* Linux treats '-' and '_' in names as the same character; so do we. */
static bool name_eq(const char *a, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < blen && a[i]; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
	}
	return i == blen && !a[i];
}

const struct kernel_param *param_find(const char *name)
{
	for (const struct kernel_param *kp = __start_kparams; kp < __stop_kparams; kp++)
		if (name_eq(kp->name, name, strlen(name)))
			return kp;
	return NULL;
}

static const struct obs_kernel_param *setup_find(const char *name)
{
	for (const struct obs_kernel_param *p = __start_setup_params;
	     p < __stop_setup_params; p++) {
		size_t len = strlen(p->str);

		if (len && p->str[len - 1] == '=')
			len--;		/* "ip=" matches "ip" */
		if (name_eq(name, p->str, len))
			return p;
	}
	return NULL;
}

static const char *param_get(const struct kernel_param *kp, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!kp->ops->get || kp->ops->get(buf, size, kp) < 0)
		scnprintf(buf, size, "?");
	return buf;
}

void param_for_each(void (*fn)(const struct kernel_param *kp, const char *val, void *ctx),
		    void *ctx)
{
	char buf[PARAM_VAL_MAX];

	for (const struct kernel_param *kp = __start_kparams; kp < __stop_kparams; kp++)
		fn(kp, param_get(kp, buf, sizeof(buf)), ctx);
}

/* ---- setting one ---------------------------------------------------------- */

static const char *type_name(const struct kernel_param_ops *ops)
{
	static const struct { const struct kernel_param_ops *ops; const char *name; } t[] = {
		{ &param_ops_int, "int" }, { &param_ops_uint, "uint" },
		{ &param_ops_long, "long" }, { &param_ops_ulong, "ulong" },
		{ &param_ops_bool, "bool" }, { &param_ops_charp, "string" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		if (t[i].ops == ops)
			return t[i].name;
	return "value";
}

/* Says why a value was refused, in words a person at the console can act on. */
static void report_rejected(const struct kernel_param *kp, const char *val, int err)
{
	char cur[PARAM_VAL_MAX];

	param_get(kp, cur, sizeof(cur));
	if (!val)
		pr_warn("%s: needs a value, keeping %s\n", kp->name, cur);
	else if (err == -EINVAL)
		pr_warn("%s: '%s' is not a valid %s, keeping %s\n", kp->name, val,
			type_name(kp->ops), cur);
	else if (err == -ERANGE)
		pr_warn("%s: '%s' is out of range, keeping %s\n", kp->name, val, cur);
	else
		pr_warn("%s: '%s' refused (%s), keeping %s\n", kp->name, val, errname(err), cur);
}

/* Keeps run-time values alive after the shell reuses its line buffer. */
static const char *keep_value(const char *val)
{
	static char arena[SET_ARENA_SIZE];
	static size_t used;
	size_t len = strlen(val) + 1;
	char *copy;

	if (len > sizeof(arena) - used)
		return NULL;
	copy = arena + used;
	memcpy(copy, val, len);
	used += len;
	return copy;
}

int param_set(const char *name, const char *val)
{
	const struct kernel_param *kp = param_find(name);

	if (!kp)
		return -ENOENT;
	if (!(kp->perm & S_IWUSR))
		return -EPERM;
	/* Only a charp keeps the pointer; the others must not use up the arena. */
	if (val && kp->ops == &param_ops_charp) {
		val = keep_value(val);
		if (!val)
			return -ENOSPC;
	}
	return kp->ops->set(val, kp);
}

/* ---- the command line ----------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Cuts the next argument out of p in place: splits "name=value" at the first
 * '=', drops double quotes (so name="a b" keeps its space). Returns where the
 * next argument starts, or NULL when there is none.
 */
static char *next_arg(char *p, char **name, char **val, bool *open_quote)
{
	bool quoted = false;
	char *w, *next;

	while (is_space(*p))
		p++;
	if (!*p)
		return NULL;
	*name = w = p;
	*val = NULL;
	for (; *p && (quoted || !is_space(*p)); p++) {
		if (*p == '"') {
			quoted = !quoted;
		} else if (*p == '=' && !*val) {
			*w++ = '\0';
			*val = w;
		} else {
			*w++ = *p;	/* w trails p once a quote was dropped */
		}
	}
	next = *p ? p + 1 : p;
	*w = '\0';
	*open_quote = quoted;
	return next;
}

static int apply_setup(const struct obs_kernel_param *sp, char *name, char *val)
{
	if (sp->setup_func(val ? val : "")) {
		pr_warn("%s: '%s' refused, ignored\n", name, val ? val : "");
		return 1;
	}
	pr_info("param: %s%s%s\n", name, val ? "=" : "", val ? val : "");
	return 0;
}

/* Returns 1 if the argument was rejected. */
static int apply_arg(char *name, char *val)
{
	const struct kernel_param *kp = param_find(name);
	const struct obs_kernel_param *sp;
	char cur[PARAM_VAL_MAX];
	int err;

	if (kp) {
		/* A bare name means "true" to a bool; every other setter gets a
		 * value, so none has to guard against NULL (found by fuzzing). */
		err = !val && kp->ops != &param_ops_bool ? -EINVAL : kp->ops->set(val, kp);
		if (err) {
			report_rejected(kp, val, err);
			return 1;
		}
		pr_info("param: %s=%s\n", kp->name, param_get(kp, cur, sizeof(cur)));
		return 0;
	}
	sp = setup_find(name);
	if (sp)
		return apply_setup(sp, name, val);
	pr_warn("unknown boot parameter '%s%s%s' ignored\n", name, val ? "=" : "",
		val ? val : "");
	return 1;
}

int parse_args(char *cmdline)
{
	char *p = cmdline, *name, *val;
	bool open_quote, first = true;
	int rejected = 0;

	while (p && (p = next_arg(p, &name, &val, &open_quote))) {
		/* A loader may put the kernel image's path first; it is no parameter. */
		if (first && name[0] == '/') {
			first = false;
			continue;
		}
		first = false;
		if (open_quote) {
			pr_warn("boot parameter '%s' has an unterminated quote, ignored\n", name);
			rejected++;
			continue;
		}
		rejected += apply_arg(name, val);
	}
	return rejected;
}
