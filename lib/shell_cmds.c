/* The shell's own commands: help, params, set, uptime. */
#include <lib/shell.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/timer.h>

extern const struct shell_command __start_shell_cmds[] __attribute__((weak));
extern const struct shell_command __stop_shell_cmds[] __attribute__((weak));

/* The first command sorting after prev (NULL: the first of all). No array, no allocation. */
static const struct shell_command *next_sorted(const struct shell_command *prev)
{
	const struct shell_command *best = NULL;

	for (const struct shell_command *c = __start_shell_cmds; c < __stop_shell_cmds; c++) {
		if (prev && strcmp(c->name, prev->name) <= 0)
			continue;
		if (!best || strcmp(c->name, best->name) < 0)
			best = c;
	}
	return best;
}

static int cmd_help(int argc, char **argv)
{
	const struct shell_command *c;

	if (argc > 2)
		return shell_usage(shell_find("help"));
	if (argc == 2) {
		c = shell_find(argv[1]);
		if (!c) {
			kprintf("help: no command '%s'\n", argv[1]);
			return 1;
		}
		kprintf("usage: %s\n  %s\n", c->usage, c->help);
		return 0;
	}
	for (c = next_sorted(NULL); c; c = next_sorted(c))
		kprintf("  %-12s %s\n", c->name, c->help);
	return 0;
}
SHELL_COMMAND("help", cmd_help, "help [COMMAND]", "list commands, or show one's usage");

static void print_param(const struct kernel_param *kp, const char *val, void *ctx)
{
	kprintf("%s=%s\n", kp->name, val);
}

static int cmd_params(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("params"));
	param_for_each(print_param, NULL);
	return 0;
}
SHELL_COMMAND("params", cmd_params, "params", "show every boot parameter's current value");

static int cmd_set(int argc, char **argv)
{
	const struct kernel_param *kp;
	char cur[128];
	int err;

	if (argc != 3)
		return shell_usage(shell_find("set"));
	kp = param_find(argv[1]);
	err = param_set(argv[1], argv[2]);
	if (err == -ENOENT) {
		kprintf("set: no parameter '%s' (see params)\n", argv[1]);
	} else if (err == -EPERM) {
		kprintf("set: %s can only be set at boot\n", kp->name);
	} else if (err == -EINVAL) {
		kprintf("set: '%s' is not a valid value for %s\n", argv[2], kp->name);
	} else if (err == -ERANGE) {
		kprintf("set: '%s' is out of range for %s\n", argv[2], kp->name);
	} else if (err) {
		kprintf("set: %s not changed (%s)\n", kp->name, errname(err));
	} else {
		if (!kp->ops->get || kp->ops->get(cur, sizeof(cur), kp) < 0)
			scnprintf(cur, sizeof(cur), "%s", argv[2]);
		kprintf("%s=%s\n", kp->name, cur);
		return 0;
	}
	return 1;
}
SHELL_COMMAND("set", cmd_set, "set PARAM VALUE", "change a run-time boot parameter");

static int cmd_uptime(int argc, char **argv)
{
	u64 ns = ktime_get_ns();

	if (argc != 1)
		return shell_usage(shell_find("uptime"));
	kprintf("up %llu.%06llu s, jiffies %llu\n", (unsigned long long)(ns / NSEC_PER_SEC),
		(unsigned long long)(ns % NSEC_PER_SEC / NSEC_PER_USEC),
		(unsigned long long)jiffies);
	return 0;
}
SHELL_COMMAND("uptime", cmd_uptime, "uptime", "time since boot");
