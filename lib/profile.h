/*
 * The sampling profiler's logic, apart from the interrupt that feeds it
 * (arch/x86_64/profile.c): a fixed buffer of sampled call chains, the
 * bounded frame-pointer walk that produces them, and the reports (perf-top
 * style shares per function, folded stacks for flame-graph tools). Builds
 * on the host; tests/unit/test_profile.c.
 */
#ifndef LIB_PROFILE_H
#define LIB_PROFILE_H

#include <lib/types.h>

#define PROFILE_MAX_DEPTH	16	/* the sampled RIP and up to 15 callers */
#define PROFILE_UNKNOWN		1UL	/* stands for an address no symbol covers */

/* ip[0] is the interrupted RIP, ip[1..] return addresses; 0 ends a short chain. */
struct profile_sample {
	unsigned long ip[PROFILE_MAX_DEPTH];
};

struct profile_buf {
	struct profile_sample *samples;
	u32 size;		/* capacity; the interrupt never allocates */
	u32 count;
	u64 dropped;		/* samples that found the buffer full */
	bool symbolized;	/* ip[] now hold function start addresses */
};

/* Where a frame pointer may point and a return address may land. */
struct profile_bounds {
	unsigned long stack_lo, stack_hi;	/* [lo, hi) */
	unsigned long text_lo, text_hi;
	/*
	 * The interrupt entry's return address (0: none). The frame that holds
	 * it lies just below the saved registers, whose interrupted RIP (at
	 * regs_rip_offset) the chain then records: the interrupted function
	 * saved no return address of its own.
	 */
	unsigned long irq_return;
	unsigned long regs_rip_offset, regs_rsp_offset;
};

struct profile_entry {
	unsigned long func;	/* function start, or PROFILE_UNKNOWN */
	u32 count;
};

typedef void (*profile_emit_t)(void *ctx, const char *line);

void profile_reset(struct profile_buf *b, struct profile_sample *mem, u32 size);
/* Interrupt side: copies depth addresses; false (and dropped++) when full. */
bool profile_record(struct profile_buf *b, const unsigned long *ips, int depth);
/*
 * Fills ips[0] = rip and then return addresses found by following rbp, at
 * most max in all. Stops at a frame pointer outside the stack bounds or
 * misaligned, a return address outside text, or a frame that does not lie
 * above the last one, so a corrupt chain can neither fault nor loop.
 */
int profile_walk(const struct profile_bounds *bd, unsigned long rip, unsigned long rbp,
		 unsigned long *ips, int max);
/*
 * The same, given the interrupted rsp too (0: unknown): a function sampled
 * without a frame of its own (a small leaf such as memset, or any function
 * at its first instruction) keeps its return address at rsp, where the rbp
 * chain never looks. It is taken only when it follows a direct call to the
 * very function rip is in, so a stray value on the stack is never believed.
 */
int profile_walk_sp(const struct profile_bounds *bd, unsigned long rip, unsigned long rsp,
		    unsigned long rbp, unsigned long *ips, int max);

/* Name of a function start from profile_top(); "[unknown]" for PROFILE_UNKNOWN. */
const char *profile_func_name(unsigned long func);
/*
 * Symbolizes (once) and sorts the samples, then puts the max functions with
 * the most samples as leaf into out[], largest first (ties by address).
 * Returns how many it filled; *distinct gets the number of functions seen.
 */
u32 profile_top(struct profile_buf *b, struct profile_entry *out, u32 max, u32 *distinct);
/* Lines of a "profile top" report: header, one line per function, "other" rest. */
void profile_report_top(struct profile_buf *b, struct profile_entry *tmp, u32 n,
			profile_emit_t emit, void *ctx);
/* One "root;caller;leaf count" line per distinct stack. */
void profile_report_folded(struct profile_buf *b, profile_emit_t emit, void *ctx);
/*
 * The same lines one at a time, for a reader that takes them as its peer
 * makes room (the HTTP server's /profile.folded). profile_folded_begin()
 * symbolizes and sorts; each profile_folded_line() writes the line of the
 * stack at *pos and moves *pos past it, false once every line is out.
 */
void profile_folded_begin(struct profile_buf *b);
bool profile_folded_line(const struct profile_buf *b, u32 *pos, char *line, size_t size);
#define PROFILE_LINE_MAX	(PROFILE_MAX_DEPTH * 64 + 16)

/*
 * The kernel's last stopped profile for readers other than the shell. The
 * sampler publishes it when it stops and withdraws it before it starts
 * again; profile_get() fails with -EBUSY while sampling runs (the reports
 * sort the buffer in place) and -ENODATA before the first profile.
 * profile_withdraw() fails with -EBUSY while a reader holds it.
 */
void profile_publish(struct profile_buf *b);
int profile_withdraw(void);
int profile_get(struct profile_buf **out);
void profile_put(void);

#endif
