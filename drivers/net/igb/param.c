/*
 * Boot parameters igb.*: the names the e1000 and e1000e drivers use
 * (irq, napi, itr, rx_ring, tx_ring, tso), and queues, which Linux sets with
 * ethtool -L. Read at open; tso at probe.
 */
#define MODULE_PARAM_PREFIX "igb."
#include <lib/types.h>
#include <lib/params.h>
#include <lib/modinfo.h>
#include <drivers/net/igb/igb.h>

int igb_param_napi = 1;
int igb_param_itr = IGB_ITR_DYNAMIC;	/* Linux igb's default mode */
int igb_param_rx_ring = IGB_RING;
int igb_param_tx_ring = IGB_RING;
int igb_param_queues = IGB_DEFAULT_QUEUES;
const char *igb_param_irq = "auto";
/* Linux turns TSO off with ethtool -K tso off; here, as for e1000/e1000e, a boot switch. */
bool igb_param_tso = true;

module_param_named(irq, igb_param_irq, charp, 0444);
module_param_named(napi, igb_param_napi, int, 0444);
module_param_named(itr, igb_param_itr, int, 0444);
module_param_named(rx_ring, igb_param_rx_ring, int, 0444);
module_param_named(tx_ring, igb_param_tx_ring, int, 0444);
module_param_named(tso, igb_param_tso, bool, 0444);
module_param_named(queues, igb_param_queues, int, 0444);
MODULE_PARM_DESC(irq, "auto (MSI-X, MSI, INTx), msix, msi or intx");
MODULE_PARM_DESC(napi, "1: NAPI poll; 0: the top half drains RX into netif_rx()");
MODULE_PARM_DESC(itr, "interrupts per second per vector: 3 dynamic (by load), 0 off, or 100..100000");
MODULE_PARM_DESC(rx_ring, "RX descriptors, 64..4096, a multiple of 8");
MODULE_PARM_DESC(tx_ring, "TX descriptors, 64..4096, a multiple of 8");
MODULE_PARM_DESC(queues, "RX/TX queue pairs with MSI-X, 1..8 (fewer if vectors run short); MSI and INTx use 1");
MODULE_PARM_DESC(tso, "1: the NIC cuts large TCP segments over IPv4 and IPv6 (NETIF_F_TSO/TSO6); 0: the stack does");

/* igb.itr: 3 (or Linux's other dynamic value, 1) follows the load, starting
 * at IGB_ITR_MODERATE; otherwise a fixed rate, checked as the other drivers do. */
u32 igb_param_itr_value(bool *dynamic)
{
	*dynamic = igb_param_itr == IGB_ITR_DYNAMIC || igb_param_itr == 1;
	if (*dynamic)
		return IGB_ITR_MODERATE;
	return e1000x_param_itr(IGB_DRV_NAME, igb_param_itr);
}
