/*
 * The serial shell's command registry. Any file adds commands with
 * SHELL_COMMAND(); the linker collects them, "help" lists them.
 * A command returns 0, or -EINVAL after printing its one-line usage.
 * Commands run with bottom halves disabled (they may touch the net core).
 */
#ifndef LIB_SHELL_H
#define LIB_SHELL_H

#include <lib/types.h>

struct shell_command {
	const char *name;
	const char *usage;	/* "ethtool [-S] IFACE" */
	const char *help;	/* one line */
	int (*fn)(int argc, char **argv);
} __aligned(8);

#define SHELL_COMMAND(cname, cfn, cusage, chelp)				\
	static const struct shell_command __shell_cmd_##cfn			\
	__attribute__((used, section("shell_cmds"), aligned(8))) = { cname, cusage, chelp, cfn }

#define SHELL_MAX_ARGS	16
#define SHELL_LINE_MAX	256

const struct shell_command *shell_find(const char *name);
int shell_execute(char *line);		/* splits, finds, runs; unknown -> message */
void shell_input_char(char c);		/* line discipline: echo, backspace, enter */
void shell_prompt(void);
int shell_usage(const struct shell_command *cmd);	/* prints usage, returns -EINVAL */

/*
 * A command that goes on after it returns (capture runs from softirq) calls
 * shell_hold(stop) before returning: no prompt until shell_release(), and a
 * key typed meanwhile calls stop() (bottom halves off) and then releases.
 * The job calls shell_release() itself when it ends on its own; any context
 * but hard IRQ.
 */
void shell_hold(void (*stop)(void));
void shell_release(void);

#endif
