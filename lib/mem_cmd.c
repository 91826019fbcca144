/* The "meminfo" shell command: page allocator and kmalloc counters, /proc/meminfo style. */
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/shell.h>

static int cmd_meminfo(int argc, char **argv)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	kprintf("MemTotal:       %10lu kB\n", nr_total_pages() * (PAGE_SIZE >> 10));
	kprintf("MemFree:        %10lu kB\n", nr_free_pages() * (PAGE_SIZE >> 10));
	/* allocs - frees is the number of live objects; it should settle when traffic stops. */
	kprintf("kmalloc allocs: %10llu\n", (unsigned long long)st.allocs);
	kprintf("kmalloc frees:  %10llu\n", (unsigned long long)st.frees);
	kprintf("kmalloc failed: %10llu\n", (unsigned long long)st.failures);
	kprintf("kmalloc in use: %10zu bytes\n", st.bytes_in_use);
	return 0;
}

SHELL_COMMAND("meminfo", cmd_meminfo, "meminfo", "free pages and kmalloc counters");
