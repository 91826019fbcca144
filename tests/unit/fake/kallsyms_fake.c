/* A fixed symbol table for %pS: two functions at made-up addresses. */
#include <lib/kallsyms.h>
#include <stddef.h>

static const struct { unsigned long addr, size; const char *name; } syms[] = {
	{ 0x100000, 0x40, "start_kernel" },
	{ 0x100040, 0x200, "e1000e_poll" },
};

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		if (addr >= syms[i].addr && addr < syms[i].addr + syms[i].size) {
			*offset = addr - syms[i].addr;
			return syms[i].name;
		}
	}
	return NULL;
}
