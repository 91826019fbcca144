/*
 * Address -> symbol, for %pS and backtraces. The platform implements it from
 * the table tools/gensyms.py embeds at link time (arch/x86_64/ksyms.c); host
 * tests supply a fake (tests/unit/fake/kallsyms_fake.c).
 */
#ifndef LIB_KALLSYMS_H
#define LIB_KALLSYMS_H

/* The function containing addr and addr's offset into it, or NULL if none. */
const char *ksym_lookup(unsigned long addr, unsigned long *offset);

#endif
