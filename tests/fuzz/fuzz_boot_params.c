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
#include <drivers/net/e1000e/e1000.h>
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

/*
 * Workaround "param_null": e1000e.irq and nicstack.app without "=VALUE"
 * reach their setters with NULL, which they pass to strcmp(). Blanked out
 * of the line before parsing (words split at blanks, as parse_args() does
 * outside quotes).
 */
static void blank_bare_params(char *line)
{
	static const char *const bare[] = { "e1000e.irq", "nicstack.app" };

	for (char *w = line; *w;) {
		size_t n = strcspn(w, " \t\n\r");

		for (size_t i = 0; i < sizeof(bare) / sizeof(bare[0]); i++)
			if (n == strlen(bare[i]) && !strncmp(w, bare[i], n))
				memset(w, ' ', n);
		w += n;
		w += strspn(w, " \t\n\r");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char line[BOOT_CMDLINE_MAX];
	size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;
	int rejected;

	memcpy(line, data, n);
	line[n] = '\0';
	fuzz_console_clear();
	if (fuzz_workaround("param_null"))
		blank_bare_params(line);

	rejected = parse_args(line);

	FUZZ_CHECK(rejected >= 0 && (size_t)rejected <= n, "%d rejected of %zu bytes", rejected, n);
	FUZZ_CHECK(console_loglevel >= 0 && console_loglevel <= 7, "loglevel %d", console_loglevel);
	/* Workaround "itr_overflow": e1000_set_itr() multiplies in 32 bits, so a
	 * multiple of 2^24 interrupts/s divides by zero. */
	if (fuzz_workaround("itr_overflow") && e1000e_itr > 0 && !(e1000e_itr % (1 << 24)))
		e1000e_itr--;
	stack_up_as_configured(0);
	traffic();
	stack_down();
	fuzz_params_restore();
	return 0;
}
