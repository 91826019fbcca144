/* See lib/random.h. */
#include <lib/random.h>

static u64 state;

/* SplitMix64's finaliser: every input bit affects every output bit, so the
 * counter's few unpredictable low bits spread over the whole word. */
static u64 mix64(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void add_device_randomness(const void *buf, size_t len)
{
	const u8 *p = buf;

	for (size_t i = 0; i < len; i++)
		state = mix64(state ^ ((u64)p[i] << (8 * (i & 7))));
}

u64 get_random_u64(void)
{
	u64 v;

	if (arch_get_random_u64(&v))
		return v;
	/* The golden-ratio step keeps the stream moving when the counter does not. */
	state += 0x9e3779b97f4a7c15ULL ^ random_get_entropy();
	return mix64(state);
}

#ifdef HOST_TEST
void random_reset_for_test(void)
{
	state = 0;
}
#endif

u32 get_random_u32(void)
{
	return (u32)(get_random_u64() >> 32);
}
