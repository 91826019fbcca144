/*
 * shell_line: what a terminal sends to the serial shell, one character at
 * a time: lib/shell.c's line editor (cursor keys and the other escape
 * sequences, Home/End/Delete, Ctrl keys, history on Up/Down), its argument
 * splitter, then whatever command the line names, with the whole stack
 * behind them (ifconfig, ping, capture, trace, ethtool, set, params, help,
 * modinfo, ifup/ifdown, reset, lwip, skb, softnet, ...).
 *
 * Input: the bytes typed. A line ending (CR, LF) runs the line and lets
 * 50 ms pass; at the end CR and Ctrl-C are typed (a held command such as
 * ping or capture stops on a key). Each input starts from the same
 * history (16 fixed lines typed first) and ends with the parameters, the
 * trace switch and the NIC put back, and the stack's memory checked.
 */
#include <stdint.h>
#include <lib/shell.h>
#include "fuzz_platform.h"
#include "fuzz_params.h"
#include "fuzz_stack.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	stack_init();
	fuzz_params_save();
	return 0;
}

static void type(const char *s)
{
	while (*s)
		shell_input_char(*s++);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hist[16] = {
		"help", "uptime", "params", "ifconfig", "skb", "softnet", "netdev", "lwip",
		"ethtool eth0", "ethtool -S eth0", "modinfo e1000e", "trace", "softirqs",
		"set e1000e.weight 32", "capture 1", "help set",
	};
	char off[] = "trace rx off";

	stack_up(0);
	shell_input_char('\x03');
	for (int i = 0; i < 16; i++) {
		type(hist[i]);
		type("\r\x03");
	}
	stack_deliver();
	for (size_t i = 0; i < size; i++) {
		shell_input_char((char)data[i]);
		if (data[i] == '\r' || data[i] == '\n')
			stack_advance_ms(50);
	}
	type("\r\x03");
	stack_deliver();
	shell_execute(off);
	stack_down();
	fuzz_params_restore();
	return 0;
}
