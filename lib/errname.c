/* errname(): -ENOMEM -> "ENOMEM", so log lines name the error. */
#include <lib/errno.h>

#define E(name) [name] = #name

static const char *const names[] = {
	E(EPERM), E(ENOENT), E(EIO), E(E2BIG), E(EAGAIN), E(ENOMEM), E(EFAULT),
	E(EBUSY), E(EEXIST), E(ENODEV), E(EINVAL), E(ENOSPC), E(ERANGE), E(ENOSYS),
	E(ENODATA), E(EOVERFLOW), E(EMSGSIZE), E(EOPNOTSUPP), E(ETIMEDOUT),
};

/* Accepts -12 or 12. Never NULL, so it can go straight into a "%s". */
const char *errname(int err)
{
	unsigned int e = err < 0 ? 0U - (unsigned int)err : (unsigned int)err;

	if (e == 0)
		return "OK";
	if (e < ARRAY_SIZE(names) && names[e])
		return names[e];
	return "E?";
}
