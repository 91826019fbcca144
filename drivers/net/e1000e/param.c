/*
 * Boot parameters (Linux's "module parameters"): e1000e.irq=, .napi=,
 * .weight=, .rx_ring=, .tx_ring=, .itr=, .ignore_nvm_checksum=. Values that
 * parse but make no sense for the hardware are corrected with a message when
 * the driver uses them; .itr and .weight are checked when set, and can be set
 * at run time ("set" in the shell).
 */
#define MODULE_PARAM_PREFIX "e1000e."
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/softirq.h>
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

/*
 * The two run-time parameters take effect at once on every interface (a
 * "set" in the shell reaches here as at boot, when there is none yet).
 * Out-of-range values are refused with the range, and the old value kept.
 */
static int parse_in_range(const char *val, const struct kernel_param *kp, int *v,
			  int min, int max, bool zero_ok)
{
	int err = kstrtoint(val, 0, v);

	if (err)
		return err;
	if ((*v < min || *v > max) && !(zero_ok && *v == 0)) {
		pr_warn("%s: %d is out of range: %s%d..%d\n", kp->name, *v,
			zero_ok ? "0 (off) or " : "", min, max);
		return -ERANGE;
	}
	return 0;
}

static int itr_set(const char *val, const struct kernel_param *kp)
{
	int v, err = parse_in_range(val, kp, &v, E1000_ITR_MIN_RATE, E1000_ITR_MAX_RATE, true);
	struct e1000_adapter *a;

	if (err)
		return err;
	*(int *)kp->arg = v;
	local_bh_disable();	/* the watchdog's reset reprograms ITR from softirq */
	list_for_each_entry(a, &e1000e_adapter_list, list) {
		if (a->up)
			e1000_set_itr(a, (u32)v);	/* ITR, or every EITR */
		else
			a->itr = (u32)v;		/* for the next open */
	}
	local_bh_enable();
	return 0;
}

static int weight_set(const char *val, const struct kernel_param *kp)
{
	int v, err = parse_in_range(val, kp, &v, 1, E1000_MAX_WEIGHT, false);
	struct e1000_adapter *a;

	if (err)
		return err;
	*(int *)kp->arg = v;
	/* net_rx_action reads the weight before every poll: the next one uses it. */
	local_bh_disable();
	list_for_each_entry(a, &e1000e_adapter_list, list)
		a->napi.weight = v;
	local_bh_enable();
	return 0;
}

static int int_get(char *buf, size_t size, const struct kernel_param *kp)
{
	return scnprintf(buf, size, "%d", *(int *)kp->arg);
}

static const struct kernel_param_ops itr_ops = { .set = itr_set, .get = int_get };
static const struct kernel_param_ops weight_ops = { .set = weight_set, .get = int_get };

module_param_named(napi, e1000e_napi, int, 0444);
/* Linux has no such switch: a card with a bad NVM checksum does not probe. */
bool e1000e_ignore_nvm_checksum;
module_param_named(ignore_nvm_checksum, e1000e_ignore_nvm_checksum, bool, 0444);
/* Linux turns TSO off with ethtool -K tso off; here it is a boot switch. */
bool e1000e_tso = true;
module_param_named(tso, e1000e_tso, bool, 0444);
module_param_cb(weight, &weight_ops, &e1000e_weight, 0644);
module_param_named(rx_ring, e1000e_rx_ring, int, 0444);
module_param_named(tx_ring, e1000e_tx_ring, int, 0444);
module_param_cb(itr, &itr_ops, &e1000e_itr, 0644);
MODULE_PARM_DESC(napi, "1: NAPI poll from NET_RX_SOFTIRQ; 0: the top half drains RX into netif_rx()");
MODULE_PARM_DESC(tso, "1: the NIC cuts large TCP segments (NETIF_F_TSO/TSO6); 0: the stack does");
MODULE_PARM_DESC(weight, "NAPI weight: frames per poll (1..256; takes effect at once)");
MODULE_PARM_DESC(ignore_nvm_checksum, "1: use a NIC whose NVM checksum is wrong (its MAC address may be garbage)");
MODULE_PARM_DESC(rx_ring, "RX descriptors (64..4096, a power of two)");
MODULE_PARM_DESC(tx_ring, "TX descriptors (64..4096, a power of two)");
MODULE_PARM_DESC(itr, "interrupt throttle: interrupts per second per vector, 0 (off) or 100..100000 (QEMU caps it near 7800; takes effect at once)");

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
