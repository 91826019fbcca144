/* Error numbers, Linux's values, returned negated (-ENOMEM). */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#include <lib/types.h>

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define E2BIG		7
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define ENODATA		61
#define EOVERFLOW	75
#define EMSGSIZE	90
#define EOPNOTSUPP	95
#define ETIMEDOUT	110

#define MAX_ERRNO	4095

/* Pointers that carry an error: the top 4095 addresses are never valid. */
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}
static inline bool IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }

/* "ENOMEM" for -12: messages name the error, not just its number. */
const char *errname(int err);

#endif
