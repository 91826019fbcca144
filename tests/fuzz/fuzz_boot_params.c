/*
 * boot_params: lib/params.c's command line parser and every parameter's
 * setter: all module_param()s, core_param()s and __setup() handlers of the
 * stack (e1000e., nicstack., netdev_*, loglevel, ip=, gw=, ip6=, ...), as
 * collected by the linker exactly as in the kernel. Then the NIC is brought
 * up with what was set (rings, interrupt mode, NAPI weight, ITR, the
 * addresses, copybreak, budgets) and a few frames go through, so a value a
 * setter accepted but its user cannot live with shows up too. After each
 * input every parameter is put back through its own get/set pair (a value
 * it prints and then refuses is a crash: fuzz_params.c).
 *
 * Input: the command line, as text (cut at 1023 bytes, BOOT_CMDLINE_MAX).
 * Not covered: test.fault= (arch/x86_64/test_fault.c needs the paging
 * code) and skb_pool= (read once at boot to size the pool).
 */
#include <stdint.h>
#include <string.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <boot/bootinfo.h>
#include "fuzz_platform.h"
#include "fuzz_params.h"
#include "fuzz_stack.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	stack_init();
	fuzz_params_save();
	return 0;
}

static void traffic(void)
{
	static const char hello[] = "hello";
	u8 f[128];

	stack_rx_frame(f, stack_arp_request(f));
	stack_deliver();
	stack_rx_frame(f, stack_tcp_frame(f, 40000, 7, 5000, 0, STACK_TCP_SYN, 65535, NULL, 0));
	stack_deliver();
	stack_rx_frame(f, stack_tcp_frame(f, 40000, 7, 5001, STACK_ISN + 1, STACK_TCP_ACK, 65535,
					  hello, sizeof(hello) - 1));
	stack_deliver();
	stack_advance_ms(300);
	stack_rx_frame(f, stack_tcp_frame(f, 40000, 7, 5006, STACK_ISN + 6, STACK_TCP_RST, 0,
					  NULL, 0));
	stack_deliver();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char line[BOOT_CMDLINE_MAX];
	size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;
	int rejected;

	memcpy(line, data, n);
	line[n] = '\0';
	fuzz_console_clear();

	rejected = parse_args(line);

	FUZZ_CHECK(rejected >= 0 && (size_t)rejected <= n, "%d rejected of %zu bytes", rejected, n);
	FUZZ_CHECK(console_loglevel >= 0 && console_loglevel <= 7, "loglevel %d", console_loglevel);
	stack_up_as_configured(0);
	traffic();
	stack_down();
	fuzz_params_restore();
	return 0;
}
