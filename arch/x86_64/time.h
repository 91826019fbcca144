/* Platform timekeeping: TSC clock and the LAPIC tick (arch/x86_64/tsc.c, apic_timer.c). */
#ifndef ARCH_X86_64_TIME_H
#define ARCH_X86_64_TIME_H

#include <lib/types.h>

extern u64 tsc_khz;
extern struct tsc_calibration tsc_calibration;	/* arch/x86_64/clocksource.h */
extern u32 lapic_timer_hz_measured;

void tsc_init(void);
int apic_timer_init(void);
/* Tick interrupts per second: HZ, or faster for the profiler; returns the rate set. */
unsigned int apic_timer_set_rate(unsigned int hz);

#endif
