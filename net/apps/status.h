/*
 * The status for the HTTP page and the shell: as text (status.c, also the
 * body of the HTML page) and as JSON (status_json.c, GET /stats.json).
 */
#ifndef NET_APPS_STATUS_H
#define NET_APPS_STATUS_H

#include <lib/printk.h>
#include <lib/types.h>

#define STATUS_SUMMARY	0x1	/* uptime, interfaces, softnet, skb pool */
#define STATUS_LWIP	0x2	/* lwIP's protocol and memory statistics */
#define STATUS_IRQ	0x4	/* per-IRQ counts */

/* Bytes written (without the NUL); truncated to size - 1. */
size_t nicstack_status_text(char *buf, size_t size, unsigned int what);
/* Everything as one JSON object; truncated output is not valid JSON, so
 * callers treat a result of size - 1 as "did not fit". */
size_t nicstack_status_json(char *buf, size_t size);

/* A bounded text buffer that scnprintf()s and never overruns. */
struct status_out {
	char *buf;
	size_t size, len;
};
__printf(2, 3) void status_put(struct status_out *o, const char *fmt, ...);

/* The hostile-peer defences' counters (status_guard.c), for both formats. */
struct status_counter {
	const char *name;
	u64 value;
};
size_t status_guard_counters(struct status_counter *c, size_t max);
void status_guard_text(struct status_out *o);

#endif
