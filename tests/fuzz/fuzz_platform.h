/*
 * What every fuzz target shares (tests/fuzz/fuzz_platform.c): a console
 * that keeps the last lines the kernel printed (shown when a target
 * crashes, silent otherwise: a fuzzer runs millions of inputs), panic()
 * ending in abort() so libFuzzer records a crash with the panic message,
 * and FUZZ_CHECK() for a harness invariant (a leak, a counter off).
 */
#ifndef TESTS_FUZZ_FUZZ_PLATFORM_H
#define TESTS_FUZZ_FUZZ_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

/* Registers the quiet console (idempotent) and forgets what it kept. */
void fuzz_console_init(void);
void fuzz_console_clear(void);
/* The kept text (NUL-terminated, at most the last 64 KiB). */
const char *fuzz_console_text(void);
/* FUZZ_VERBOSE=1 in the environment: the console goes to stderr too. */
extern int fuzz_verbose;

/*
 * A harness detour around a kernel bug already reported, so a fuzzing run
 * can go past it: on only when FUZZ_WORKAROUNDS (a comma-separated list of
 * names) asks for it. make fuzz-regress sets none, so an unfixed bug fails
 * it. docs/fuzzing.md lists the names.
 */
int fuzz_workaround(const char *name);

/* Prints the message and what the console kept, then abort(). */
__attribute__((noreturn, format(printf, 3, 4)))
void fuzz_fail(const char *file, int line, const char *fmt, ...);

#define FUZZ_CHECK(cond, ...)							\
	do {									\
		if (!(cond))							\
			fuzz_fail(__FILE__, __LINE__, "check failed: " #cond	\
				  ": " __VA_ARGS__);				\
	} while (0)

/* Little helpers for reading an input. */
struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline int fuzz_u8(struct fuzz_in *in)
{
	if (!in->left)
		return -1;
	in->left--;
	return *in->p++;
}

/* Big-endian u16, or -1 at the end. */
static inline int fuzz_u16(struct fuzz_in *in)
{
	int hi = fuzz_u8(in), lo;

	if (hi < 0)
		return -1;
	lo = fuzz_u8(in);
	return lo < 0 ? -1 : (hi << 8 | lo);
}

#endif
