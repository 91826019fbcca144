/*
 * Random numbers for the whole kernel (Linux's get_random_u32()): TCP
 * initial sequence numbers and lwIP's ports and ids, the stack protector's
 * canary. From the CPU's hardware generator where it has one; else a
 * SplitMix64 stream that absorbs the cycle counter at every draw and
 * whatever add_device_randomness() was given -- hard to guess from the
 * boot sequence, not cryptographic.
 */
#ifndef LIB_RANDOM_H
#define LIB_RANDOM_H

#include <lib/types.h>

u32 get_random_u32(void);
u64 get_random_u64(void);
/* Stirs buf into the fallback stream (boot addresses, MACs): no entropy
 * credited, only something that differs from one machine or boot to the next. */
void add_device_randomness(const void *buf, size_t len);

/* The platform provides these (arch/x86_64/random.c). */
bool arch_get_random_u64(u64 *v);	/* the hardware generator, false if none */
u64 random_get_entropy(void);		/* a fast-moving cycle counter */

#endif
