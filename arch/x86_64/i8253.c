/*
 * The 8254 PIT's channel 2 as a reference for calibrating the TSC: the one
 * channel that needs no interrupt, gated through port 0x61 (Intel 8254 data
 * sheet; the PC's wiring of channel 2 and port 0x61). Many recent platforms
 * gate the 8254 off altogether, so the first thing done is to check that
 * the count moves at all, within a bounded number of reads.
 */
#include <arch/x86_64/clocksource.h>
#include <arch/x86_64/io.h>
#include <lib/errno.h>
#include <lib/printk.h>

#define PIT_HZ			1193182
#define PIT_CH2_DATA		0x42
#define PIT_MODE		0x43
#define PIT_CH2_MODE2		0xb4	/* channel 2, low then high byte, mode 2, binary */
#define PIT_CH2_LATCH		0x80	/* counter latch command for channel 2 */
#define PIT_GATE_PORT		0x61	/* bit 0: channel 2 gate; bit 1: speaker */
#define PIT_GATE		BIT(0)
#define PIT_SPEAKER		BIT(1)
/*
 * The count drops every 838 ns and a latch-and-read takes three port
 * accesses (about a microsecond each on real chipsets): a live PIT changes
 * within a few reads, so a count unchanged over a thousand is no PIT, found
 * in a few milliseconds.
 */
#define PIT_PROBE_READS		1000

static u8 pit_saved_gate;

/* Latched, so the two bytes belong to one count (8254 data sheet, counter latch command). */
static u16 pit_count(void)
{
	u8 lo, hi;

	outb(PIT_CH2_LATCH, PIT_MODE);
	lo = inb(PIT_CH2_DATA);
	hi = inb(PIT_CH2_DATA);
	return (u16)(lo | hi << 8);
}

static int pit_start(struct refclock *rc)
{
	u16 first;

	pit_saved_gate = inb(PIT_GATE_PORT);
	outb((pit_saved_gate & ~PIT_SPEAKER) | PIT_GATE, PIT_GATE_PORT);
	/* Mode 2 with an initial count of 0 (65536) counts down for ever, wrapping. */
	outb(PIT_CH2_MODE2, PIT_MODE);
	outb(0, PIT_CH2_DATA);
	outb(0, PIT_CH2_DATA);
	first = pit_count();
	for (int i = 0; i < PIT_PROBE_READS; i++) {
		if (pit_count() != first) {
			rc->hz = PIT_HZ;
			rc->mask = 0xffff;
			return 0;
		}
	}
	outb(pit_saved_gate, PIT_GATE_PORT);
	pr_warn("pit: channel 2 count stuck at 0x%04x over %d reads: no 8254 (gated off?)\n",
		first, PIT_PROBE_READS);
	return -ENODEV;
}

/* The count runs down; its negation runs up, as the calibration wants. */
static u32 pit_read(struct refclock *rc)
{
	return (u32)-pit_count() & 0xffff;
}

static void pit_stop(struct refclock *rc)
{
	outb(pit_saved_gate, PIT_GATE_PORT);
}

struct refclock pit_refclock = {
	.name = "pit",
	.label = "PIT",
	.start = pit_start,
	.read = pit_read,
	.stop = pit_stop,
};
