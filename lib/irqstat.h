/*
 * Per-IRQ counts for code that may not include arch headers (the layering
 * keeps net/ away from arch/): lib declares, the platform implements
 * (arch/x86_64/irq_cmd.c), as with ktime. The status page uses it.
 */
#ifndef LIB_IRQSTAT_H
#define LIB_IRQSTAT_H

#include <lib/types.h>

/*
 * Calls fn once per IRQ that has a handler or has fired, in IRQ order; name
 * is the first handler's (or "-"). fn must not sleep or take IRQ locks: it
 * runs with the IRQ table as it is (counts may move under it).
 */
void irq_for_each(void (*fn)(unsigned int irq, const char *name, u64 count, void *ctx),
		  void *ctx);

#endif
