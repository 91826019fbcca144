/* See fuzz_params.h. */
#include <string.h>
#include <lib/params.h>
#include <lib/string.h>
#include "fuzz_platform.h"
#include "fuzz_params.h"

#define MAX_PARAMS	64
#define VAL_MAX		128

static struct saved {
	const struct kernel_param *kp;
	char val[VAL_MAX];
	const char *charp;
} saved[MAX_PARAMS];
static int nr_saved;

static void save_one(const struct kernel_param *kp, const char *val, void *ctx)
{
	struct saved *s;

	FUZZ_CHECK(nr_saved < MAX_PARAMS, "more than %d parameters", MAX_PARAMS);
	s = &saved[nr_saved++];
	s->kp = kp;
	strlcpy(s->val, val, sizeof(s->val));
	if (kp->ops == &param_ops_charp)
		s->charp = *(const char **)kp->arg;
}

void fuzz_params_save(void)
{
	nr_saved = 0;
	param_for_each(save_one, NULL);
}

void fuzz_params_restore(void)
{
	/* The __setup() ones keep no value to read back: their "off" spelling. */
	char setup_off[] = "ip=- gw=- ip6=-";

	for (int i = 0; i < nr_saved; i++) {
		const struct kernel_param *kp = saved[i].kp;

		if (kp->ops == &param_ops_charp)
			*(const char **)kp->arg = saved[i].charp;
		else
			FUZZ_CHECK(kp->ops->set(saved[i].val, kp) == 0,
				   "%s does not take back its own value '%s'", kp->name, saved[i].val);
	}
	parse_args(setup_off);
}
