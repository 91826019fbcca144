/* Address -> function name, from the table tools/gensyms.py embeds at link time. */
#include <lib/types.h>

extern const u64 ksym_count;
extern const u64 ksym_addrs[];
extern const u32 ksym_name_offsets[];
extern const char ksym_names[];

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	u64 lo = 0, hi = ksym_count;

	if (!ksym_count || addr < ksym_addrs[0])
		return NULL;
	/* The last symbol at or below addr. */
	while (hi - lo > 1) {
		u64 mid = (lo + hi) / 2;

		if (ksym_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - ksym_addrs[lo];
	return &ksym_names[ksym_name_offsets[lo]];
}
