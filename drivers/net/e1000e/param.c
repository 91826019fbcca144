/*
 * Boot parameters (Linux's "module parameters"): e1000e.irq=, .napi=,
 * .weight=, .rx_ring=, .tx_ring=, .itr=. Values that parse but make no sense
 * for the hardware are corrected with a message when the driver uses them.
 */
#define MODULE_PARAM_PREFIX "e1000e."
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <drivers/net/e1000e/e1000.h>
#include <lib/modinfo.h>

static const char *const irq_mode_names[] = {
	[E1000_IRQ_AUTO] = "auto", [E1000_IRQ_MSIX] = "msix", [E1000_IRQ_MSI] = "msi",
	[E1000_IRQ_INTX] = "intx", [E1000_IRQ_POLL] = "poll",
};

static enum e1000_irq_mode irq_mode_param = E1000_IRQ_AUTO;

static int irq_mode_set(const char *val, const struct kernel_param *kp)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(irq_mode_names); i++) {
		if (strcmp(val, irq_mode_names[i]) == 0) {
			*(enum e1000_irq_mode *)kp->arg = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int irq_mode_get(char *buf, size_t size, const struct kernel_param *kp)
{
	return scnprintf(buf, size, "%s", irq_mode_names[*(enum e1000_irq_mode *)kp->arg]);
}

static const struct kernel_param_ops irq_mode_ops = { .set = irq_mode_set, .get = irq_mode_get };
module_param_cb(irq, &irq_mode_ops, &irq_mode_param, 0444);
MODULE_PARM_DESC(irq, "interrupt mode: auto (MSI-X, MSI, INTx), msix, msi, intx, or poll");

int e1000e_napi = 1;
int e1000e_weight = 64;
int e1000e_rx_ring = E1000_DEFAULT_RING;
int e1000e_tx_ring = E1000_DEFAULT_RING;
/*
 * Interrupts per second per vector. 8000/s (125 us) is what QEMU 7.2 can
 * deliver at most (its floor is 128 us), and measured best for one frame in
 * flight; NAPI keeps a flood far below one interrupt per frame anyway.
 * docs/e1000e.md has the measurement.
 */
int e1000e_itr = 8000;

module_param_named(napi, e1000e_napi, int, 0444);
module_param_named(weight, e1000e_weight, int, 0644);
module_param_named(rx_ring, e1000e_rx_ring, int, 0444);
module_param_named(tx_ring, e1000e_tx_ring, int, 0444);
module_param_named(itr, e1000e_itr, int, 0644);
MODULE_PARM_DESC(napi, "1: NAPI poll from NET_RX_SOFTIRQ; 0: the top half drains RX into netif_rx()");
MODULE_PARM_DESC(weight, "NAPI weight: frames per poll");
MODULE_PARM_DESC(rx_ring, "RX descriptors (64..4096, a power of two)");
MODULE_PARM_DESC(tx_ring, "TX descriptors (64..4096, a power of two)");
MODULE_PARM_DESC(itr, "interrupt throttle: interrupts per second per vector (QEMU caps it near 7800)");

enum e1000_irq_mode e1000e_param_irq_mode(void)
{
	return irq_mode_param;
}

const char *e1000_irq_mode_name(enum e1000_irq_mode mode)
{
	return mode < ARRAY_SIZE(irq_mode_names) ? irq_mode_names[mode] : "?";
}

/*
 * RDLEN/TDLEN must be a multiple of 128 bytes (8 descriptors; 82574 DS
 * 10.2.6.x / SDM 13.4.27). We also keep a power of two so index wrap stays
 * a compare, and bound the size by memory (16 MiB machines).
 */
unsigned int e1000_validate_ring_size(const char *which, int requested)
{
	unsigned int n = E1000_MIN_RING;

	if (requested < E1000_MIN_RING || requested > E1000_MAX_RING) {
		pr_warn("e1000e: %s=%d out of range %d..%d; using %d\n", which, requested,
			E1000_MIN_RING, E1000_MAX_RING, E1000_DEFAULT_RING);
		return E1000_DEFAULT_RING;
	}
	while (n < (unsigned int)requested)
		n <<= 1;
	if (n != (unsigned int)requested)
		pr_warn("e1000e: %s=%d is not a power of two; using %u\n", which, requested, n);
	return n;
}
