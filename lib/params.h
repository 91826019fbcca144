/*
 * Boot parameters, Linux style, collected by the linker into sections and set
 * from the multiboot command line by parse_args():
 *   module_param(weight, int, 0644)  in a file with MODULE_PARAM_PREFIX "e1000e."
 *       -> "e1000e.weight=32"
 *   core_param(loglevel, console_loglevel, int, 0644) -> "loglevel=7"
 *   __setup("ip=", ip_setup)          -> the handler gets the text after '='
 * An unknown or malformed parameter is reported by name and the default kept.
 */
#ifndef LIB_PARAMS_H
#define LIB_PARAMS_H

#include <lib/types.h>

struct kernel_param;

struct kernel_param_ops {
	int (*set)(const char *val, const struct kernel_param *kp);	/* 0 or -errno */
	int (*get)(char *buf, size_t size, const struct kernel_param *kp);
};

struct kernel_param {
	const char *name;		/* full name, prefix included */
	const struct kernel_param_ops *ops;
	void *arg;
	u16 perm;			/* 0644 style: writable at run time if S_IWUSR */
	const char *desc;
} __aligned(8);

struct obs_kernel_param {
	const char *str;		/* "ip=" */
	int (*setup_func)(char *val);	/* 0 on success */
} __aligned(8);

extern const struct kernel_param_ops param_ops_int, param_ops_uint, param_ops_long,
	param_ops_ulong, param_ops_bool, param_ops_charp;
/*
 * <stdbool.h> makes bool a macro for _Bool, and module_param() expands its
 * type argument before pasting it into param_ops_##type.
 */
#define param_ops__Bool param_ops_bool

#ifndef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX ""
#endif

/*
 * The linker packs these into arrays walked from __start_X to __stop_X, so no
 * entry may be aligned beyond its size: GCC gives objects of 32 bytes or more
 * 32-byte alignment unless the variable states its own (hence __aligned(8)).
 */
#define __param_section __attribute__((used, section("kparams"), aligned(8)))
#define __setup_section __attribute__((used, section("setup_params"), aligned(8)))

#define module_param_cb(name, ops, arg, perm)					\
	static const struct kernel_param __param_##name __param_section =	\
		{ MODULE_PARAM_PREFIX #name, ops, arg, perm, NULL }
#define module_param_named(name, var, type, perm)				\
	module_param_cb(name, &param_ops_##type, &(var), perm)
#define module_param(name, type, perm) module_param_named(name, name, type, perm)
#define core_param(name, var, type, perm)					\
	static const struct kernel_param __param_##name __param_section =	\
		{ #name, &param_ops_##type, &(var), perm, NULL }

#define __setup(str, fn)							\
	static const struct obs_kernel_param __setup_##fn __setup_section = { str, fn }

/*
 * Parses "a=1 b c.d=x" (quotes allowed around values), applies known
 * parameters and reports unknown/malformed ones. Modifies cmdline in place.
 * Returns the number of parameters that were rejected.
 */
int parse_args(char *cmdline);

const struct kernel_param *param_find(const char *name);
int param_set(const char *name, const char *val);	/* run-time "set" (checks perm) */
/* Visits every parameter with its current value (for the "params" command). */
void param_for_each(void (*fn)(const struct kernel_param *kp, const char *val, void *ctx), void *ctx);

#define S_IWUSR 0200

#endif
