/*
 * The profiler's buffer and reports. The interrupt only copies a chain into
 * the next free slot; everything costly (symbol lookups, sorting, printing)
 * happens later, from the shell, on a stopped buffer.
 */
#include <lib/profile.h>
#include <lib/errno.h>
#include <lib/kallsyms.h>
#include <lib/printk.h>

void profile_reset(struct profile_buf *b, struct profile_sample *mem, u32 size)
{
	b->samples = mem;
	b->size = mem ? size : 0;
	b->count = 0;
	b->dropped = 0;
	b->symbolized = false;
}

bool profile_record(struct profile_buf *b, const unsigned long *ips, int depth)
{
	struct profile_sample *s;

	if (b->count >= b->size) {
		b->dropped++;
		return false;
	}
	s = &b->samples[b->count++];
	for (int i = 0; i < PROFILE_MAX_DEPTH; i++)
		s->ip[i] = i < depth ? ips[i] : 0;
	return true;
}

static bool on_stack(const struct profile_bounds *bd, unsigned long p, unsigned long len)
{
	return !(p & 7) && p >= bd->stack_lo && p < bd->stack_hi && bd->stack_hi - p >= len;
}

/* SDM vol. 2, CALL: E8 and a 32-bit displacement from the next instruction. */
static unsigned long frameless_return(const struct profile_bounds *bd, unsigned long rip,
				      unsigned long rsp)
{
	unsigned long off, ret;
	const u8 *call;
	s32 rel;

	if (!rsp || !on_stack(bd, rsp, sizeof(unsigned long)))
		return 0;
	ret = *(const unsigned long *)rsp;
	if (ret < bd->text_lo + 5 || ret > bd->text_hi || !ksym_lookup(rip, &off))
		return 0;
	call = (const u8 *)(ret - 5);
	if (call[0] != 0xE8)
		return 0;
	rel = (s32)((u32)call[1] | (u32)call[2] << 8 | (u32)call[3] << 16 | (u32)call[4] << 24);
	return ret + (unsigned long)(long)rel == rip - off ? ret : 0;
}

int profile_walk_sp(const struct profile_bounds *bd, unsigned long rip, unsigned long rsp,
		    unsigned long rbp, unsigned long *ips, int max)
{
	unsigned long from_rsp;
	int n = 0;

	if (max <= 0)
		return 0;
	ips[n++] = rip;
	from_rsp = frameless_return(bd, rip, rsp);
	if (from_rsp && n < max)
		ips[n++] = from_rsp;
	while (n < max) {
		const unsigned long *frame = (const unsigned long *)rbp;
		unsigned long next, ret;

		/* The saved rbp and return address (16 bytes) must both be on the stack. */
		if (!on_stack(bd, rbp, 2 * sizeof(unsigned long)))
			break;
		next = frame[0];
		ret = frame[1];
		if (ret < bd->text_lo || ret >= bd->text_hi)
			break;
		/* A function at its first instruction: rsp and rbp name the same caller. */
		if (ret != from_rsp)
			ips[n++] = ret;
		from_rsp = 0;
		if (ret == bd->irq_return && bd->irq_return && n < max) {
			unsigned long regs = rbp + 2 * sizeof(unsigned long);

			if (!on_stack(bd, regs, bd->regs_rip_offset + sizeof(unsigned long)) ||
			    !on_stack(bd, regs, bd->regs_rsp_offset + sizeof(unsigned long)))
				break;
			rip = *(const unsigned long *)(regs + bd->regs_rip_offset);
			rsp = *(const unsigned long *)(regs + bd->regs_rsp_offset);
			if (rip < bd->text_lo || rip >= bd->text_hi)
				break;
			/* +1: reports take a caller's address as ret - 1 */
			ips[n++] = rip + 1;
			from_rsp = frameless_return(bd, rip, rsp);
			if (from_rsp && n < max)
				ips[n++] = from_rsp;
		}
		if (next <= rbp)	/* callers' frames lie above: anything else is garbage */
			break;
		rbp = next;
	}
	return n;
}

int profile_walk(const struct profile_bounds *bd, unsigned long rip, unsigned long rbp,
		 unsigned long *ips, int max)
{
	return profile_walk_sp(bd, rip, 0, rbp, ips, max);
}

const char *profile_func_name(unsigned long func)
{
	unsigned long off;
	const char *name = func == PROFILE_UNKNOWN ? NULL : ksym_lookup(func, &off);

	return name ? name : "[unknown]";
}

static unsigned long func_start(unsigned long addr)
{
	unsigned long off = 0;

	if (!ksym_lookup(addr, &off))
		return PROFILE_UNKNOWN;
	return addr - off;
}

/*
 * Return addresses point after the call, which may be the first byte of
 * the next function when the call was the last instruction (a noreturn
 * callee): ret - 1 is always inside the caller.
 */
static void symbolize(struct profile_buf *b)
{
	if (b->symbolized)
		return;
	for (u32 i = 0; i < b->count; i++) {
		unsigned long *ip = b->samples[i].ip;

		for (int d = 0; d < PROFILE_MAX_DEPTH && ip[d]; d++)
			ip[d] = func_start(d ? ip[d] - 1 : ip[d]);
	}
	b->symbolized = true;
}

static int sample_cmp(const struct profile_sample *a, const struct profile_sample *b)
{
	for (int d = 0; d < PROFILE_MAX_DEPTH; d++) {
		if (a->ip[d] != b->ip[d])
			return a->ip[d] < b->ip[d] ? -1 : 1;
	}
	return 0;
}

static void sample_swap(struct profile_sample *a, struct profile_sample *b)
{
	struct profile_sample t = *a;

	*a = *b;
	*b = t;
}

static void sift_down(struct profile_sample *s, u32 root, u32 n)
{
	for (;;) {
		u32 child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && sample_cmp(&s[child], &s[child + 1]) < 0)
			child++;
		if (sample_cmp(&s[root], &s[child]) >= 0)
			return;
		sample_swap(&s[root], &s[child]);
		root = child;
	}
}

/* Heapsort: in place, no recursion, bounded time, whatever the data. */
static void sort_samples(struct profile_buf *b)
{
	struct profile_sample *s = b->samples;
	u32 n = b->count;

	for (u32 i = n / 2; i-- > 0;)
		sift_down(s, i, n);
	for (u32 end = n; end > 1; end--) {
		sample_swap(&s[0], &s[end - 1]);
		sift_down(s, 0, end - 1);
	}
}

/* Sorted by leaf first, so equal leaves and equal whole stacks lie together. */
static void prepare(struct profile_buf *b)
{
	symbolize(b);
	sort_samples(b);
}

static void top_insert(struct profile_entry *out, u32 *filled, u32 max,
		       unsigned long func, u32 count)
{
	u32 pos = *filled;

	/* Ties keep the earlier (lower-addressed) function first. */
	while (pos > 0 && out[pos - 1].count < count)
		pos--;
	if (pos >= max)
		return;
	if (*filled < max)
		(*filled)++;
	for (u32 i = *filled - 1; i > pos; i--)
		out[i] = out[i - 1];
	out[pos].func = func;
	out[pos].count = count;
}

u32 profile_top(struct profile_buf *b, struct profile_entry *out, u32 max, u32 *distinct)
{
	u32 filled = 0, funcs = 0;

	prepare(b);
	for (u32 i = 0; i < b->count;) {
		unsigned long func = b->samples[i].ip[0];
		u32 j = i;

		while (j < b->count && b->samples[j].ip[0] == func)
			j++;
		funcs++;
		top_insert(out, &filled, max, func, j - i);
		i = j;
	}
	if (distinct)
		*distinct = funcs;
	return filled;
}

/* Hundredths of a percent, rounded, printed as "12.34". */
static void share(u32 part, u32 whole, u32 *units, u32 *hundredths)
{
	u64 h = whole ? ((u64)part * 10000 + whole / 2) / whole : 0;

	*units = (u32)(h / 100);
	*hundredths = (u32)(h % 100);
}

void profile_report_top(struct profile_buf *b, struct profile_entry *tmp, u32 n,
			profile_emit_t emit, void *ctx)
{
	char line[160];
	u32 distinct, filled, shown = 0, u, h;

	filled = profile_top(b, tmp, n, &distinct);
	snprintf(line, sizeof(line), "%u samples, %llu dropped, %u functions",
		 b->count, (unsigned long long)b->dropped, distinct);
	emit(ctx, line);
	emit(ctx, "  share  samples  function");
	for (u32 i = 0; i < filled; i++) {
		share(tmp[i].count, b->count, &u, &h);
		snprintf(line, sizeof(line), "%3u.%02u%% %8u  %s", u, h, tmp[i].count,
			 profile_func_name(tmp[i].func));
		emit(ctx, line);
		shown += tmp[i].count;
	}
	if (shown < b->count) {
		share(b->count - shown, b->count, &u, &h);
		snprintf(line, sizeof(line), "%3u.%02u%% %8u  [other %u functions]", u, h,
			 b->count - shown, distinct - filled);
		emit(ctx, line);
	}
}

void profile_folded_begin(struct profile_buf *b)
{
	prepare(b);
}

bool profile_folded_line(const struct profile_buf *b, u32 *pos, char *line, size_t size)
{
	const struct profile_sample *s;
	size_t len = 0;
	int depth = 0;
	u32 j = *pos;

	if (*pos >= b->count || !size)
		return false;
	s = &b->samples[*pos];
	while (j < b->count && !sample_cmp(&b->samples[j], s))
		j++;
	while (depth < PROFILE_MAX_DEPTH && s->ip[depth])
		depth++;
	/* Flame-graph tools want the root first: the outermost caller. */
	for (int d = depth - 1; d >= 0; d--)
		len += scnprintf(line + len, size - len, "%s%s", profile_func_name(s->ip[d]),
				 d ? ";" : "");
	scnprintf(line + len, size - len, " %u", j - *pos);
	*pos = j;
	return true;
}

void profile_report_folded(struct profile_buf *b, profile_emit_t emit, void *ctx)
{
	char line[PROFILE_LINE_MAX];
	u32 pos = 0;

	profile_folded_begin(b);
	while (profile_folded_line(b, &pos, line, sizeof(line)))
		emit(ctx, line);
}

static struct profile_buf *published;
static bool withdrawn;		/* sampling into it right now */
static unsigned int readers;

void profile_publish(struct profile_buf *b)
{
	published = b;
	withdrawn = false;
}

int profile_withdraw(void)
{
	if (readers)
		return -EBUSY;
	withdrawn = true;
	return 0;
}

int profile_get(struct profile_buf **out)
{
	if (withdrawn)
		return -EBUSY;
	if (!published)
		return -ENODATA;
	readers++;
	*out = published;
	return 0;
}

void profile_put(void)
{
	if (readers)
		readers--;
}
