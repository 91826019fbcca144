/* test.fault=NAME boot parameter (arch/x86_64/test_fault.c): test-only fault injection. */
#ifndef LIB_TESTFAULT_H
#define LIB_TESTFAULT_H

#include <lib/types.h>

bool test_fault_is(const char *name);

#endif
