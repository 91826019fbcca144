/*
 * Descriptor ring arithmetic. The device owns [head, tail); software owns
 * the rest. One slot always stays empty, so "head == tail" can only mean
 * "the device has nothing" and never "the device has everything".
 */
#ifndef DRIVERS_NET_E1000E_RING_H
#define DRIVERS_NET_E1000E_RING_H

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
 * TX hang detector, run by the watchdog: a hang is descriptors pending and
 * next_to_clean unchanged across two consecutive checks. Returns true once
 * per hang (the caller resets, which clears the state).
 */
struct tx_hang_state {
	unsigned int last_ntc;
	unsigned int stalled_checks;
};

#define TX_HANG_CHECKS 2

static inline bool tx_hang_check(struct tx_hang_state *s, unsigned int pending,
				 unsigned int ntc)
{
	if (!pending || ntc != s->last_ntc) {
		s->last_ntc = ntc;
		s->stalled_checks = 0;
		return false;
	}
	return ++s->stalled_checks == TX_HANG_CHECKS - 1;
}

#endif
