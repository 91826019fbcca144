/*
 * Every boot parameter's value, kept and put back (tests/fuzz/fuzz_params.c):
 * a target whose input sets parameters (boot_params, shell_line's "set")
 * restores them after each input, so inputs do not leak into each other.
 * Each value goes back through its own get/set pair, which checks that
 * every parameter takes what it prints.
 */
#ifndef TESTS_FUZZ_FUZZ_PARAMS_H
#define TESTS_FUZZ_FUZZ_PARAMS_H

void fuzz_params_save(void);
/* Back to the saved values; ip=, gw=, and ip6= to "none". */
void fuzz_params_restore(void);

#endif
