/*
 * -include'd by tests that link lib/vsprintf.c: our printf family gets names
 * of its own, so libc's (used by cmocka) stays libc's, and a test can call
 * the host's version as (snprintf)(...) to compare.
 */
#define vsnprintf(...)	k_vsnprintf(__VA_ARGS__)
#define snprintf(...)	k_snprintf(__VA_ARGS__)
#define vscnprintf(...)	k_vscnprintf(__VA_ARGS__)
#define scnprintf(...)	k_scnprintf(__VA_ARGS__)
