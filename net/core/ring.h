/*
 * Descriptor ring arithmetic, for any NIC whose rings work the Intel way:
 * the device owns [head, tail); software owns the rest. One slot always
 * stays empty, so "head == tail" can only mean "the device has nothing" and
 * never "the device has everything". Linux keeps the same helpers in each
 * driver (e1000_desc_unused()); here both Intel drivers share one copy.
 */
#ifndef NET_CORE_RING_H
#define NET_CORE_RING_H

#include <lib/types.h>

/* Slots software may still fill: everything between use and clean, minus one. */
static inline unsigned int ring_unused(unsigned int next_to_use, unsigned int next_to_clean,
				       unsigned int count)
{
	if (next_to_clean > next_to_use)
		return next_to_clean - next_to_use - 1;
	return count + next_to_clean - next_to_use - 1;
}

static inline unsigned int ring_next(unsigned int i, unsigned int count)
{
	return (i + 1 == count) ? 0 : i + 1;
}

/* Slots filled and not yet reclaimed. */
static inline unsigned int ring_in_use(unsigned int next_to_use, unsigned int next_to_clean,
				       unsigned int count)
{
	return count - 1 - ring_unused(next_to_use, next_to_clean, count);
}

/*
 * TX hang detector, run by the watchdog: a hang is descriptors pending at
 * two consecutive checks with no frame completed in between. Progress is a
 * counter that only grows (frames cleaned): a ring index could come all the
 * way round between checks and look unchanged. Returns true once per hang
 * (the caller resets, which clears the state).
 */
struct tx_hang_state {
	u64 last_done;
	bool armed;		/* the previous check saw frames pending */
	bool reported;
};

static inline bool tx_hang_check(struct tx_hang_state *s, unsigned int pending, u64 done)
{
	if (!pending || done != s->last_done || !s->armed) {
		s->last_done = done;
		s->armed = pending != 0;
		s->reported = false;
		return false;
	}
	if (s->reported)
		return false;
	s->reported = true;
	return true;
}

#endif
