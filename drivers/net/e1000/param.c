/*
 * Boot parameters e1000.*: the project's names, as the e1000e driver has
 * them (napi, itr, rx_ring, tx_ring), and Linux e1000's own names for the
 * ones it also has (InterruptThrottleRate, RxDescriptors, TxDescriptors),
 * bound to the same variables. Read at open; tso at probe.
 */
#define MODULE_PARAM_PREFIX "e1000."
#include <lib/types.h>
#include <lib/params.h>
#include <lib/modinfo.h>
#include <drivers/net/e1000/e1000.h>

int e1k_param_napi = 1;
int e1k_param_itr = 8000;	/* QEMU's floor is near 7800/s: the same choice as e1000e */
int e1k_param_rx_ring = E1K_RING;
int e1k_param_tx_ring = E1K_RING;
/* Linux turns TSO off with ethtool -K tso off; here, as for e1000e, a boot switch. */
bool e1k_param_tso = true;

module_param_named(napi, e1k_param_napi, int, 0444);
module_param_named(itr, e1k_param_itr, int, 0444);
module_param_named(rx_ring, e1k_param_rx_ring, int, 0444);
module_param_named(tx_ring, e1k_param_tx_ring, int, 0444);
module_param_named(tso, e1k_param_tso, bool, 0444);
module_param_named(InterruptThrottleRate, e1k_param_itr, int, 0444);
module_param_named(RxDescriptors, e1k_param_rx_ring, int, 0444);
module_param_named(TxDescriptors, e1k_param_tx_ring, int, 0444);
MODULE_PARM_DESC(napi, "1: NAPI poll; 0: the top half drains RX into netif_rx()");
MODULE_PARM_DESC(itr, "interrupts per second, 0 (off) or 100..100000");
MODULE_PARM_DESC(rx_ring, "RX descriptors, 64..4096, a multiple of 8");
MODULE_PARM_DESC(tx_ring, "TX descriptors, 64..4096, a multiple of 8");
MODULE_PARM_DESC(tso, "1: the NIC cuts large TCP/IPv4 segments (NETIF_F_TSO; not on the 82544); "
		 "0: no large segments, or net/core/gso.c cuts them (nicstack.gso=on)");
MODULE_PARM_DESC(InterruptThrottleRate, "Linux's name for itr");
MODULE_PARM_DESC(RxDescriptors, "Linux's name for rx_ring");
MODULE_PARM_DESC(TxDescriptors, "Linux's name for tx_ring");
