/*
 * -include'd by test_string only: gives lib/string.c's functions names of
 * their own so the host's libc (and ASan's interceptors) keep theirs.
 */
#define memcpy	ks_memcpy
#define memmove	ks_memmove
#define memset	ks_memset
#define memcmp	ks_memcmp
#define strlen	ks_strlen
#define strnlen	ks_strnlen
#define strcmp	ks_strcmp
#define strncmp	ks_strncmp
#define strchr	ks_strchr
#define strrchr	ks_strrchr
#define strstr	ks_strstr
#define strlcpy	ks_strlcpy
