/*
 * rx_frame: Ethernet frames from the wire through the real receive path:
 * the e1000e driver's RX ring (descriptor status, error bits and lengths
 * included), the interrupt handler and NAPI, the net core, the lwIP glue,
 * lwIP itself and the services (echo, http, iperf, ICMP echo replies and
 * the kernel's own ping), with time moving between frames so that TCP's
 * timers, reassembly and ARP/ND ageing run. After each input the NIC is
 * removed and time runs on: every skb, lwIP pool entry, heap byte and
 * kmalloc must be back (fuzz_stack.c), or it is a crash.
 *
 * Input (docs/fuzzing.md; tests/fuzz/make_corpus.py writes seeds):
 *   cfg:u8                          STACK_CFG_* bits (fuzz_stack.h)
 *   then records, each a tag byte and its body:
 *   0x00-0x3f  frame     len:u16be data[len]   as the NIC writes it (EOP
 *                        on the last 2 KiB buffer); tag bit 0 set: do not
 *                        deliver yet (frames batch up in the ring)
 *   0x40-0x7f  descriptor status:u8 errors:u8 desc_len:u16be len:u16be
 *                        data[len]: one raw descriptor, then delivered
 *   0x80-0xbf  time      n = tag & 0x3f: n < 32: (n + 1) x 25 ms,
 *                        else (n - 31) s
 *   0xc0-0xff  control   tag & 7: 0 deliver, 1 link down, 2 link up,
 *                        3 hold TX completions, 4 release them,
 *                        5 "ping 192.0.2.1 3" from the shell, 6-7 deliver
 * A body cut short by the end of the input is used as far as it goes.
 */
#include <stdint.h>
#include <string.h>
#include <lib/shell.h>
#include "fuzz_platform.h"
#include "fuzz_stack.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	stack_init();
	return 0;
}

static size_t take(struct fuzz_in *in, int want, const u8 **data)
{
	size_t n = want < 0 ? 0 : (size_t)want;

	if (n > in->left)
		n = in->left;
	*data = in->p;
	in->p += n;
	in->left -= n;
	return n;
}

static void control(int op)
{
	char cmd[] = "ping 192.0.2.1 3";

	switch (op) {
	case 1: stack_link(false); break;
	case 2: stack_link(true); break;
	case 3: stack_hold_tx(true); break;
	case 4: stack_hold_tx(false); stack_deliver(); break;
	case 5: shell_execute(cmd); stack_deliver(); break;
	default: stack_deliver(); break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	int cfg = fuzz_u8(&in), tag;

	if (cfg < 0)
		return -1;
	stack_up((unsigned int)cfg);
	while ((tag = fuzz_u8(&in)) >= 0) {
		const u8 *d;
		size_t n;

		if (tag < 0x40) {
			n = take(&in, fuzz_u16(&in), &d);
			stack_rx_frame(d, n);
			if (!(tag & 1))
				stack_deliver();
		} else if (tag < 0x80) {
			int status = fuzz_u8(&in), errors = fuzz_u8(&in), dlen = fuzz_u16(&in);

			n = take(&in, fuzz_u16(&in), &d);
			stack_rx_desc(d, n, (u16)(dlen < 0 ? (int)n : dlen), (u8)(status < 0 ? 2 : status),
				      (u8)(errors < 0 ? 0 : errors));
			stack_deliver();
		} else if (tag < 0xc0) {
			unsigned int t = tag & 0x3f;

			stack_advance_ms(t < 32 ? (t + 1) * 25 : (t - 31) * 1000);
		} else {
			control(tag & 7);
		}
	}
	/* A ping still running, or anything held by the shell, is stopped by a key. */
	shell_input_char('\x03');
	stack_down();
	return 0;
}
