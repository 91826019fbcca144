/* See fuzz_platform.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lib/printk.h>
#include "fuzz_platform.h"

#define KEEP	65536

int fuzz_verbose;
static char kept[KEEP + 1];
static size_t kept_len;

static void keep_write(struct console *con, const char *s, size_t len)
{
	if (fuzz_verbose)
		fwrite(s, 1, len, stderr);
	if (len >= KEEP) {
		s += len - KEEP;
		len = KEEP;
	}
	if (kept_len + len > KEEP) {
		/* Drop the oldest half: the end of the log says what went wrong. */
		size_t drop = kept_len + len - KEEP / 2;

		drop = drop > kept_len ? kept_len : drop;
		memmove(kept, kept + drop, kept_len - drop);
		kept_len -= drop;
	}
	memcpy(kept + kept_len, s, len);
	kept_len += len;
	kept[kept_len] = '\0';
}

static struct console keep_console = { .name = "fuzz", .write = keep_write };

void fuzz_console_init(void)
{
	static int registered;

	if (!registered) {
		const char *v = getenv("FUZZ_VERBOSE");

		fuzz_verbose = v && *v && strcmp(v, "0");
		register_console(&keep_console);
		registered = 1;
	}
	fuzz_console_clear();
}

void fuzz_console_clear(void)
{
	kept_len = 0;
	kept[0] = '\0';
}

const char *fuzz_console_text(void)
{
	return kept;
}

int fuzz_workaround(const char *name)
{
	const char *list = getenv("FUZZ_WORKAROUNDS");
	size_t n = strlen(name);

	for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n==== console (last lines) ====\n%s\n==== end of console ====\n", kept);
	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- the platform half of panic() (lib/panic.c) ---- */

void arch_dump_stack(void)
{
	/* abort() below makes the sanitizer print the real stack. */
}

__attribute__((noreturn)) void arch_halt_on_panic(void)
{
	fuzz_fail(__FILE__, __LINE__, "kernel panic (the message is above)");
}

/* Crashes must stop the run; a huge allocation request is a NULL, as kmalloc's. */
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1:handle_abort=1:detect_leaks=1";
}
