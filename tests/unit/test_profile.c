/*
 * lib/profile: the sample buffer (drops when full), the bounded frame-pointer
 * walk, symbolization of sampled addresses, per-function shares (sorting,
 * top N and the rest), folded stacks for flame-graph tools (whole and one
 * line at a time), and the published profile's readers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>
#include <lib/profile.h>
#include <lib/kallsyms.h>
#include <lib/errno.h>

/* A symbol table of our own: adjacent functions, then a gap, then one more. */
static const struct { unsigned long addr, size; const char *name; } syms[] = {
	{ 0x100000, 0x100, "start_kernel" },
	{ 0x100100, 0x100, "cpu_idle_loop" },
	{ 0x100200, 0x100, "net_rx_action" },
	{ 0x100300, 0x100, "e1000e_poll" },
	{ 0x100400, 0x100, "ip4_input" },
	{ 0x200000, 0x100, "far_away" },
};

/* Host bytes standing in for text: caller_fn at code[0], leaf_fn at code[32]. */
static unsigned char code[64];

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	unsigned long c = (unsigned long)code;

	if (addr >= c && addr < c + sizeof(code)) {
		*offset = (addr - c) % 32;
		return addr - c < 32 ? "caller_fn" : "leaf_fn";
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		if (addr >= syms[i].addr && addr < syms[i].addr + syms[i].size) {
			*offset = addr - syms[i].addr;
			return syms[i].name;
		}
	}
	return NULL;
}

#define KERNEL	0x100000UL
#define IDLE	0x100100UL
#define RX	0x100200UL
#define POLL	0x100300UL
#define IP4	0x100400UL

static struct profile_sample mem[16];
static struct profile_buf buf;
static char lines[32][700];
static int nlines;

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	assert_true(nlines < 32);
	snprintf(lines[nlines++], sizeof(lines[0]), "%s", line);
}

static int setup(void **state)
{
	(void)state;
	memset(mem, 0xAA, sizeof(mem));
	profile_reset(&buf, mem, 16);
	nlines = 0;
	return 0;
}

/* A sampled chain: a RIP inside leaf, return addresses inside the callers. */
static void sample(unsigned long leaf, unsigned long caller, unsigned long root)
{
	unsigned long ips[3] = { leaf + 0x10, caller + 0x20, root + 0x30 };
	int depth = !caller ? 1 : !root ? 2 : 3;

	assert_true(profile_record(&buf, ips, depth));
}

static void test_record_pads_and_drops_when_full(void **state)
{
	unsigned long ips[PROFILE_MAX_DEPTH + 2];

	(void)state;
	for (int i = 0; i < PROFILE_MAX_DEPTH + 2; i++)
		ips[i] = 0x100000 + i;
	assert_true(profile_record(&buf, ips, 2));
	assert_int_equal(mem[0].ip[0], 0x100000);
	assert_int_equal(mem[0].ip[1], 0x100001);
	assert_int_equal(mem[0].ip[2], 0);		/* old contents do not leak in */
	assert_int_equal(mem[0].ip[PROFILE_MAX_DEPTH - 1], 0);
	for (int i = 1; i < 16; i++)
		assert_true(profile_record(&buf, ips, PROFILE_MAX_DEPTH));
	assert_int_equal(buf.count, 16);
	assert_false(profile_record(&buf, ips, 1));
	assert_false(profile_record(&buf, ips, 1));
	assert_int_equal(buf.count, 16);
	assert_int_equal(buf.dropped, 2);

	/* No memory, no samples: everything is a drop, nothing is written. */
	profile_reset(&buf, NULL, 16);
	assert_false(profile_record(&buf, ips, 1));
	assert_int_equal(buf.dropped, 1);
}

static unsigned long stack[64];

static struct profile_bounds bounds(void)
{
	struct profile_bounds bd = {
		.stack_lo = (unsigned long)&stack[0],
		.stack_hi = (unsigned long)&stack[64],
		.text_lo = 0x100000, .text_hi = 0x100500,
	};
	return bd;
}

/* Frame at stack[at]: saved rbp, then the return address. */
static void frame(int at, unsigned long next_rbp, unsigned long ret)
{
	stack[at] = next_rbp;
	stack[at + 1] = ret;
}

static void test_walk_follows_a_good_chain(void **state)
{
	struct profile_bounds bd = bounds();
	unsigned long ips[PROFILE_MAX_DEPTH];

	(void)state;
	frame(4, (unsigned long)&stack[10], RX + 5);
	frame(10, (unsigned long)&stack[20], IDLE + 7);
	frame(20, 0, KERNEL + 9);
	assert_int_equal(profile_walk(&bd, POLL + 1, (unsigned long)&stack[4], ips, 8), 4);
	assert_int_equal(ips[0], POLL + 1);
	assert_int_equal(ips[1], RX + 5);
	assert_int_equal(ips[2], IDLE + 7);
	assert_int_equal(ips[3], KERNEL + 9);
	/* Bounded by max, whatever the chain. */
	assert_int_equal(profile_walk(&bd, POLL + 1, (unsigned long)&stack[4], ips, 2), 2);
	assert_int_equal(profile_walk(&bd, POLL + 1, (unsigned long)&stack[4], ips, 0), 0);
}

static void test_walk_never_leaves_the_stack(void **state)
{
	struct profile_bounds bd = bounds();
	unsigned long ips[PROFILE_MAX_DEPTH];
	unsigned long outside[4] = { 0, RX + 5, 0, 0 };

	(void)state;
	/* A frame pointer below, above, straddling the top, or misaligned: RIP only. */
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)outside, ips, 8), 1);
	assert_int_equal(profile_walk(&bd, POLL, bd.stack_hi, ips, 8), 1);
	frame(62, 0, RX + 5);
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[63], ips, 8), 1);
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[4] + 4, ips, 8), 1);
	assert_int_equal(profile_walk(&bd, POLL, 0, ips, 8), 1);
	/* The last frame fits exactly under the top. */
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[62], ips, 8), 2);

	/* A chain that points out of the stack stops there, after the good frame. */
	frame(4, (unsigned long)outside, RX + 5);
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[4], ips, 8), 2);
	/* A return address outside text ends the chain. */
	frame(4, (unsigned long)&stack[10], 0xdead0000);
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[4], ips, 8), 1);
	/* A loop (or a chain going down the stack) ends after one step. */
	frame(4, (unsigned long)&stack[4], RX + 5);
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[4], ips, 8), 2);
	frame(10, (unsigned long)&stack[2], IDLE + 1);
	frame(4, (unsigned long)&stack[10], RX + 5);
	assert_int_equal(profile_walk(&bd, POLL, (unsigned long)&stack[4], ips, 8), 3);
}

/* An interrupt frame: entry's return address, then the saved registers above it. */
static void test_walk_crosses_an_interrupt(void **state)
{
	struct profile_bounds bd = bounds();
	unsigned long ips[PROFILE_MAX_DEPTH];
	unsigned long irq_ret = KERNEL + 0x80;

	(void)state;
	bd.irq_return = irq_ret;
	bd.regs_rip_offset = 3 * sizeof(unsigned long);
	frame(2, (unsigned long)&stack[4], RX + 5);	/* handler called from the entry */
	frame(4, (unsigned long)&stack[30], irq_ret);
	stack[6 + 3] = POLL + 0x10;			/* the interrupted RIP */
	frame(30, 0, IDLE + 7);				/* the interrupted function's caller */
	assert_int_equal(profile_walk(&bd, IP4 + 1, (unsigned long)&stack[2], ips, 8), 5);
	assert_int_equal(ips[1], RX + 5);
	assert_int_equal(ips[2], irq_ret);
	assert_int_equal(ips[3], POLL + 0x11);		/* as a caller: reports take ip - 1 */
	assert_int_equal(ips[4], IDLE + 7);
	profile_record(&buf, ips, 5);
	profile_report_folded(&buf, collect, NULL);
	assert_string_equal(lines[0], "cpu_idle_loop;e1000e_poll;start_kernel;net_rx_action;ip4_input 1");

	/* Room for the entry's address but not the RIP: the chain ends there. */
	assert_int_equal(profile_walk(&bd, IP4 + 1, (unsigned long)&stack[2], ips, 3), 3);
	/* An interrupted RIP outside text ends the chain after the entry. */
	stack[6 + 3] = 0xdead0000;
	assert_int_equal(profile_walk(&bd, IP4 + 1, (unsigned long)&stack[2], ips, 8), 3);
	/* Saved registers past the top of the stack are never read. */
	frame(60, 0, irq_ret);
	assert_int_equal(profile_walk(&bd, IP4 + 1, (unsigned long)&stack[60], ips, 8), 2);
	/* Without an entry address nothing is special. */
	stack[6 + 3] = POLL + 0x10;
	bd.irq_return = 0;
	assert_int_equal(profile_walk(&bd, IP4 + 1, (unsigned long)&stack[2], ips, 8), 4);
	assert_int_equal(ips[3], IDLE + 7);
}

/* code[10]: call rel32 to code + target; returns to code[15]. */
static void put_call(unsigned char op, int target)
{
	int rel = target - 15;

	memset(code, 0x90, sizeof(code));
	code[10] = op;
	memcpy(&code[11], &rel, 4);
}

static void test_walk_finds_a_frameless_leafs_caller(void **state)
{
	struct profile_bounds bd = bounds();
	unsigned long ips[PROFILE_MAX_DEPTH];
	unsigned long c = (unsigned long)code;

	(void)state;
	bd.text_lo = c;
	bd.text_hi = c + sizeof(code);
	put_call(0xE8, 32);
	stack[3] = c + 15;			/* at rsp: leaf_fn's return into caller_fn */
	frame(4, 0, c + 20);			/* rbp: caller_fn's frame, its own caller */
	assert_int_equal(profile_walk_sp(&bd, c + 40, (unsigned long)&stack[3],
					 (unsigned long)&stack[4], ips, 8), 3);
	assert_int_equal(ips[1], c + 15);
	assert_int_equal(ips[2], c + 20);
	/* Bounded by max here too. */
	assert_int_equal(profile_walk_sp(&bd, c + 40, (unsigned long)&stack[3],
					 (unsigned long)&stack[4], ips, 1), 1);
	/* rsp unknown, or off the stack: the chain alone. */
	assert_int_equal(profile_walk_sp(&bd, c + 40, 0, (unsigned long)&stack[4], ips, 8), 2);
	assert_int_equal(profile_walk_sp(&bd, c + 40, bd.stack_hi, (unsigned long)&stack[4],
					 ips, 8), 2);
	/* Not a direct call, or a call to another function: not a return address of ours. */
	put_call(0xFF, 32);
	assert_int_equal(profile_walk_sp(&bd, c + 40, (unsigned long)&stack[3],
					 (unsigned long)&stack[4], ips, 8), 2);
	put_call(0xE8, 36);
	assert_int_equal(profile_walk_sp(&bd, c + 40, (unsigned long)&stack[3],
					 (unsigned long)&stack[4], ips, 8), 2);
	/* A value at rsp outside text is never dereferenced as code. */
	put_call(0xE8, 32);
	stack[3] = 0x10;
	assert_int_equal(profile_walk_sp(&bd, c + 40, (unsigned long)&stack[3],
					 (unsigned long)&stack[4], ips, 8), 2);
	/* Found both at rsp and in the frame: recorded once. */
	stack[3] = c + 15;
	frame(4, 0, c + 15);
	assert_int_equal(profile_walk_sp(&bd, c + 40, (unsigned long)&stack[3],
					 (unsigned long)&stack[4], ips, 8), 2);
	assert_int_equal(ips[1], c + 15);
}

static void test_top_symbolizes_and_sorts(void **state)
{
	struct profile_entry e[8];
	u32 distinct, n;

	(void)state;
	for (int i = 0; i < 5; i++)
		sample(IDLE, KERNEL, 0);
	for (int i = 0; i < 3; i++)
		sample(POLL, RX, IDLE);
	sample(IP4, POLL, RX);
	sample(IP4, POLL, RX);
	sample(RX, IDLE, 0);
	assert_true(profile_record(&buf, (unsigned long[]){ 0x300000 }, 1));
	n = profile_top(&buf, e, 8, &distinct);
	assert_int_equal(n, 5);
	assert_int_equal(distinct, 5);
	assert_int_equal(e[0].func, IDLE);
	assert_int_equal(e[0].count, 5);
	assert_string_equal(profile_func_name(e[0].func), "cpu_idle_loop");
	assert_int_equal(e[1].func, POLL);
	assert_int_equal(e[1].count, 3);
	assert_int_equal(e[2].func, IP4);
	assert_int_equal(e[2].count, 2);
	/* Ties: lower address first; an address no symbol covers is "[unknown]". */
	assert_int_equal(e[3].func, PROFILE_UNKNOWN);
	assert_int_equal(e[4].func, RX);
	assert_string_equal(profile_func_name(e[3].func), "[unknown]");

	/* Top 2 keeps the two largest; a second call gives the same (symbolized once). */
	n = profile_top(&buf, e, 2, &distinct);
	assert_int_equal(n, 2);
	assert_int_equal(distinct, 5);
	assert_int_equal(e[0].func, IDLE);
	assert_int_equal(e[1].func, POLL);
}

static void test_return_address_at_next_function_is_the_caller(void **state)
{
	struct profile_entry e[2];
	/* A call as the caller's last instruction returns to the next function's start. */
	unsigned long ips[2] = { POLL + 4, POLL };
	unsigned long rip_at_start[1] = { POLL };

	(void)state;
	assert_true(profile_record(&buf, ips, 2));
	profile_report_folded(&buf, collect, NULL);
	assert_int_equal(nlines, 1);
	assert_string_equal(lines[0], "net_rx_action;e1000e_poll 1");
	/* A sampled RIP is the instruction itself: at a function's start it is that function. */
	profile_reset(&buf, mem, 16);
	assert_true(profile_record(&buf, rip_at_start, 1));
	assert_int_equal(profile_top(&buf, e, 2, NULL), 1);
	assert_int_equal(e[0].func, POLL);
}

static void test_report_top_shares_sum_to_100(void **state)
{
	struct profile_entry e[2];

	(void)state;
	for (int i = 0; i < 4; i++)
		sample(IDLE, KERNEL, 0);
	sample(POLL, RX, IDLE);
	sample(POLL, RX, IDLE);
	sample(IP4, POLL, RX);
	sample(RX, IDLE, 0);
	buf.dropped = 3;
	profile_report_top(&buf, e, 2, collect, NULL);
	assert_int_equal(nlines, 5);
	assert_string_equal(lines[0], "8 samples, 3 dropped, 4 functions");
	assert_string_equal(lines[1], "  share  samples  function");
	assert_string_equal(lines[2], " 50.00%        4  cpu_idle_loop");
	assert_string_equal(lines[3], " 25.00%        2  e1000e_poll");
	assert_string_equal(lines[4], " 25.00%        2  [other 2 functions]");

	/* Everything fits: no "other" line. */
	nlines = 0;
	profile_reset(&buf, mem, 16);
	sample(IDLE, 0, 0);
	sample(IDLE, 0, 0);
	sample(RX, 0, 0);
	profile_report_top(&buf, e, 2, collect, NULL);
	assert_int_equal(nlines, 4);
	assert_string_equal(lines[2], " 66.67%        2  cpu_idle_loop");
	assert_string_equal(lines[3], " 33.33%        1  net_rx_action");

	/* An empty profile says so and divides by nothing. */
	nlines = 0;
	profile_reset(&buf, mem, 16);
	profile_report_top(&buf, e, 2, collect, NULL);
	assert_int_equal(nlines, 2);
	assert_string_equal(lines[0], "0 samples, 0 dropped, 0 functions");
}

static void test_folded_stacks(void **state)
{
	struct profile_entry e[4];

	(void)state;
	sample(POLL, RX, IDLE);
	sample(IDLE, KERNEL, 0);
	sample(POLL, RX, IDLE);
	sample(IP4, POLL, RX);
	sample(IDLE, KERNEL, 0);
	sample(POLL, RX, IDLE);
	sample(POLL, RX, 0);		/* same leaf, shorter stack: its own line */
	profile_report_folded(&buf, collect, NULL);
	assert_int_equal(nlines, 4);
	assert_string_equal(lines[0], "start_kernel;cpu_idle_loop 2");
	assert_string_equal(lines[1], "net_rx_action;e1000e_poll 1");
	assert_string_equal(lines[2], "cpu_idle_loop;net_rx_action;e1000e_poll 3");
	assert_string_equal(lines[3], "net_rx_action;e1000e_poll;ip4_input 1");

	/* Folding then top, and folding again, see the same samples. */
	assert_int_equal(profile_top(&buf, e, 4, NULL), 3);
	assert_int_equal(e[0].func, POLL);
	assert_int_equal(e[0].count, 4);
	nlines = 0;
	profile_report_folded(&buf, collect, NULL);
	assert_int_equal(nlines, 4);
	assert_string_equal(lines[2], "cpu_idle_loop;net_rx_action;e1000e_poll 3");
}

/* Line by line (the HTTP stream) gives what the whole report gives. */
static void test_folded_one_line_at_a_time(void **state)
{
	char line[PROFILE_LINE_MAX], tiny[12];
	u32 pos = 0, n = 0;

	(void)state;
	sample(POLL, RX, IDLE);
	sample(IDLE, KERNEL, 0);
	sample(POLL, RX, IDLE);
	sample(IP4, POLL, RX);
	profile_report_folded(&buf, collect, NULL);
	assert_int_equal(nlines, 3);
	profile_folded_begin(&buf);
	while (profile_folded_line(&buf, &pos, line, sizeof(line))) {
		assert_true(n < 3);
		assert_string_equal(line, lines[n]);
		n++;
	}
	assert_int_equal(n, 3);
	assert_int_equal(pos, 4);
	assert_false(profile_folded_line(&buf, &pos, line, sizeof(line)));

	/* A short buffer truncates the line but still moves past the stack. */
	pos = 0;
	assert_true(profile_folded_line(&buf, &pos, tiny, sizeof(tiny)));
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
	assert_int_equal(pos, 1);
}

/* Sampling never restarts under a reader, and readers wait for a stop. */
static void test_published_profile_readers(void **state)
{
	struct profile_buf *got = NULL;

	(void)state;
	assert_int_equal(profile_get(&got), -ENODATA);
	assert_int_equal(profile_withdraw(), 0);	/* the first start */
	assert_int_equal(profile_get(&got), -EBUSY);	/* sampling */
	profile_publish(&buf);				/* stopped */
	assert_int_equal(profile_get(&got), 0);
	assert_ptr_equal(got, &buf);
	assert_int_equal(profile_get(&got), 0);		/* two readers */
	assert_int_equal(profile_withdraw(), -EBUSY);
	profile_put();
	assert_int_equal(profile_withdraw(), -EBUSY);
	profile_put();
	assert_int_equal(profile_withdraw(), 0);
	assert_int_equal(profile_get(&got), -EBUSY);
	profile_publish(&buf);
}

static void test_sort_many_samples(void **state)
{
	static struct profile_sample big[500];
	struct profile_entry e[3];
	u32 distinct;

	(void)state;
	profile_reset(&buf, big, 500);
	/* A scrambled order: 250 idle, 150 poll, 100 rx. */
	for (int i = 0; i < 500; i++) {
		int k = (i * 7919) % 500;
		unsigned long f = k < 250 ? IDLE : k < 400 ? POLL : RX;

		assert_true(profile_record(&buf, (unsigned long[]){ f + (unsigned long)(k % 200) }, 1));
	}
	assert_int_equal(profile_top(&buf, e, 3, &distinct), 3);
	assert_int_equal(distinct, 3);
	assert_int_equal(e[0].count, 250);
	assert_int_equal(e[1].count, 150);
	assert_int_equal(e[2].count, 100);
	for (u32 i = 1; i < buf.count; i++)
		assert_true(big[i - 1].ip[0] <= big[i].ip[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_record_pads_and_drops_when_full, setup),
		cmocka_unit_test_setup(test_walk_follows_a_good_chain, setup),
		cmocka_unit_test_setup(test_walk_never_leaves_the_stack, setup),
		cmocka_unit_test_setup(test_walk_crosses_an_interrupt, setup),
		cmocka_unit_test_setup(test_walk_finds_a_frameless_leafs_caller, setup),
		cmocka_unit_test_setup(test_top_symbolizes_and_sorts, setup),
		cmocka_unit_test_setup(test_return_address_at_next_function_is_the_caller, setup),
		cmocka_unit_test_setup(test_report_top_shares_sum_to_100, setup),
		cmocka_unit_test_setup(test_folded_stacks, setup),
		cmocka_unit_test_setup(test_folded_one_line_at_a_time, setup),
		cmocka_unit_test_setup(test_published_profile_readers, setup),
		cmocka_unit_test_setup(test_sort_many_samples, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
