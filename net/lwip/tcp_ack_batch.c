/*
 * One ACK per connection per receive batch (lwIP patch 0020). lwIP ACKs
 * every second in-order segment at once; a NAPI poll that delivers 64
 * segments of a bulk transfer thus makes 32 ACK frames, each a transmit
 * the NIC must do (under QEMU: a descriptor fetch, a DMA and a tap write).
 * Linux's GRO merges such a batch and ACKs it once. Here, while a poll
 * delivers (napi_in_poll()), the ACK tcp_ack() would send is held, and the
 * net core's end-of-batch hook sends one ACK for every connection that
 * owes one. Only that ACK waits: duplicate ACKs, ACKs of SYN and FIN and
 * window updates stay immediate (the patch says why), and a connection
 * that sends data meanwhile carries its ACK there.
 */
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/params.h>
#include <lib/modinfo.h>
#include <net/core/napi.h>
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip_hooks.h"

/* 0: every second segment is ACKed at once, as lwIP does unpatched (the A/B switch). */
static bool ack_batch = true;
module_param(ack_batch, bool, 0644);
MODULE_PARM_DESC(ack_batch, "lwIP ACKs a connection once per NAPI receive batch, not every second segment");

static bool acks_held;

int nicstack_tcp_ack_batch_hold(void)
{
	if (!READ_ONCE(ack_batch) || !napi_in_poll())
		return 0;
	acks_held = true;
	return 1;
}

static void tcp_ack_batch_end(void)
{
	if (!acks_held)
		return;
	acks_held = false;
	tcp_ack_batch_flush();
}

void nicstack_tcp_ack_batch_init(void)
{
	napi_set_rx_batch_end(tcp_ack_batch_end);
}
