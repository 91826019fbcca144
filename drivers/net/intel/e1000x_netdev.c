/*
 * The life of an Intel PRO/1000 adapter, written once for the three
 * drivers (e1000, e1000e, igb): probe's common steps, open, up, down,
 * stop, the software reset, the watchdog and ndo_tx_timeout. What each
 * family does differently -- its reset, registers, rings, vectors and NAPI
 * contexts -- it supplies in struct e1000x_life_ops (e1000x.h).
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <drivers/net/intel/e1000x.h>

static void watchdog_in(struct e1000x_adapter *x, unsigned int ms)
{
	mod_timer(&x->watchdog_timer, jiffies + msecs_to_jiffies(ms));
}

/* From reset to running: every register the driver relies on is written here. */
static int e1000x_up(struct e1000x_adapter *x)
{
	int ret = x->ops->reset_hw(x);

	if (!ret)
		ret = x->ops->configure(x);
	if (ret)
		return ret;
	x->up = true;
	if (!x->ops->start(x))
		pr_warn("%s: no RX buffers at open; the watchdog retries\n", x->netdev->name);
	x->ops->check_link(x);
	netif_tx_start_all_queues(x->netdev);
	watchdog_in(x, E1000X_WATCHDOG_MS);
	return 0;
}

/*
 * Stops the device before anything it could still write to is freed:
 * clearing RCTL.EN/TCTL.EN stops new work, but a descriptor write-back or a
 * frame already inside the MAC can still land. As Linux's e1000e_down():
 * both units off, 10 ms to drain (the driver's quiesce), then the MAC
 * reset, which ends all its DMA. Only after this may rings be freed.
 */
static void e1000x_down(struct e1000x_adapter *x)
{
	netif_tx_stop_all_queues(x->netdev);
	x->up = false;
	x->ops->quiesce(x);
	del_timer(&x->watchdog_timer);
	netif_carrier_off(x->netdev);
	x->ops->update_stats(x);	/* a real reset clears the counters */
	if (x->ops->reset_hw(x)) {
		/* Bus Master Enable off: the function can issue no memory write
		 * at all (PCI 3.0 6.2.2), so freeing is safe anyway. open sets it. */
		pr_err("%s: reset failed at down; bus mastering turned off instead\n",
		       x->netdev->name);
		pci_clear_master(x->pdev);
	}
}

static void free_rings(struct e1000x_adapter *x)
{
	e1000x_free_tx_ring(x);
	x->ops->free_rx_rings(x);
}

static int setup_rings(struct e1000x_adapter *x)
{
	int ret = x->ops->setup_tx_ring(x);

	if (ret)
		return ret;
	ret = x->ops->setup_rx_rings(x);
	if (ret)
		e1000x_free_tx_ring(x);
	return ret;
}

int e1000x_open(struct e1000x_adapter *x)
{
	int ret = x->ops->request_irq(x);

	if (ret)
		return ret;
	ret = setup_rings(x);
	if (ret)
		goto err_rings;
	pci_set_master(x->pdev);	/* no DMA, so no frame at all, without it */
	ret = e1000x_up(x);
	if (ret)
		goto err_up;
	x->ops->log_up(x);
	return 0;

err_up:
	/* up failed at the reset or a queue that never enabled: quiet it again. */
	x->up = false;
	x->ops->quiesce(x);
	free_rings(x);
err_rings:
	x->ops->free_irq(x);
	return ret;
}

int e1000x_stop(struct net_device *netdev)
{
	struct e1000x_adapter *x = netdev_priv(netdev);

	e1000x_down(x);
	x->ops->free_irq(x);
	free_rings(x);
	return 0;
}

void e1000x_reinit(struct e1000x_adapter *x)
{
	x->reset_pending = false;
	if (!x->up)
		return;
	x->reset_count++;
	pr_warn("%s: resetting the adapter\n", x->netdev->name);
	e1000x_down(x);
	free_rings(x);
	for (unsigned int q = 0; q < x->num_tx_queues; q++)
		memset(&x->tx_rings[q].hang, 0, sizeof(x->tx_rings[q].hang));
	if (setup_rings(x) || e1000x_up(x)) {
		pr_err("%s: reset failed; the interface stays down\n", x->netdev->name);
		return;
	}
	netif_tx_wake_all_queues(x->netdev);
}

/* ethtool -A: the new advertisement counts after renegotiation; the link drops now. */
int e1000x_set_pauseparam(struct net_device *netdev, struct ethtool_pauseparam *pp)
{
	struct e1000x_adapter *x = netdev_priv(netdev);
	int ret = x->ops->set_pause(x, pp->rx_pause, pp->tx_pause);

	if (!ret)
		x->ops->check_link(x);
	return ret;
}

/* ethtool -r: the link drops at once, so say so now. */
int e1000x_nway_reset(struct net_device *netdev)
{
	struct e1000x_adapter *x = netdev_priv(netdev);
	int ret = x->ops->restart_autoneg(x);

	if (!ret)
		x->ops->check_link(x);
	return ret;
}

/* ethtool's reset (the shell's reset IFACE): the watchdog's full reset, now. */
int e1000x_reset_op(struct net_device *netdev, u32 *flags)
{
	e1000x_reinit(netdev_priv(netdev));
	*flags = 0;	/* one reset covers every part */
	return 0;
}

void e1000x_schedule_link_check(struct e1000x_adapter *x)
{
	x->link_check_pending = true;
	mod_timer(&x->watchdog_timer, jiffies);
}

void e1000x_tx_timeout(struct net_device *netdev, unsigned int txqueue)
{
	struct e1000x_adapter *x = netdev_priv(netdev);

	x->tx_timeout_count++;
	if (txqueue < x->num_tx_queues)
		e1000x_log_tx_timeout(netdev, &x->tx_rings[txqueue]);
	x->reset_pending = true;
	mod_timer(&x->watchdog_timer, jiffies);
}

/*
 * Every 2 s: link, counters, a TX hang (frames pending at two checks in a
 * row with none completed: reset) and a refill a dry pool left undone (an
 * empty ring raises no interrupt). At once after a link interrupt (the
 * link only) or a TX timeout (the reset).
 */
static void e1000x_watchdog(struct timer_list *t)
{
	struct e1000x_adapter *x = from_timer(x, t, watchdog_timer);
	bool periodic = !x->link_check_pending && !x->reset_pending;

	if (!x->up)
		return;
	x->link_check_pending = false;
	x->ops->check_link(x);
	if (periodic) {
		x->ops->update_stats(x);
		for (unsigned int q = 0; q < x->num_tx_queues; q++) {
			if (e1000x_tx_hang_check(x->netdev, &x->tx_rings[q])) {
				x->tx_hang_count++;
				x->reset_pending = true;
			}
		}
		x->ops->refill(x);
	}
	if (x->reset_pending)
		e1000x_reinit(x);
	if (x->up)
		watchdog_in(x, E1000X_WATCHDOG_MS);
}

void e1000x_free_tx_ring(struct e1000x_adapter *x)
{
	for (unsigned int q = 0; q < x->num_tx_queues; q++)
		x->netdev->stats.tx_dropped += e1000x_free_ring(&x->tx_rings[q]);
}

unsigned int e1000x_param_ring(const char *drv, const char *name, int v, unsigned int dflt)
{
	if (v < 64 || v > 4096 || v % 8) {
		pr_warn("%s.%s=%d: not a multiple of 8 in 64..4096; using %u\n", drv, name, v,
			dflt);
		return dflt;
	}
	return (unsigned int)v;
}

u32 e1000x_param_itr(const char *drv, int v)
{
	if (v != 0 && (v < 100 || v > 100000)) {
		pr_warn("%s.itr=%d: not 0 or 100..100000; using 8000\n", drv, v);
		return 8000;
	}
	return (u32)v;
}

struct e1000x_adapter *e1000x_probe_alloc(struct pci_dev *pdev, size_t adapter_size,
					  const struct e1000x_life_ops *ops,
					  const char *drv_name, unsigned int txqs, int *err)
{
	struct net_device *netdev;
	struct e1000x_adapter *x;

	if (!txqs || txqs > E1000X_MAX_TX_QUEUES) {
		*err = -EINVAL;
		return NULL;
	}
	*err = pci_enable_device(pdev);
	if (*err)
		return NULL;
	netdev = alloc_etherdev_mq(adapter_size, txqs);
	if (!netdev) {
		*err = -ENOMEM;
		return NULL;
	}
	x = netdev_priv(netdev);
	x->hw.hw_addr = pci_iomap(pdev, 0, 0);	/* BAR0: the registers, on every part */
	if (!x->hw.hw_addr) {
		pr_err("%s: %04x:%04x: cannot map BAR0\n", drv_name, pdev->vendor, pdev->device);
		free_netdev(netdev);
		*err = -ENOMEM;
		return NULL;
	}
	x->netdev = netdev;
	x->pdev = pdev;
	x->ops = ops;
	x->drv_name = drv_name;
	x->num_tx_queues = 1;
	for (unsigned int q = 0; q < E1000X_MAX_TX_QUEUES; q++)
		x->tx_rings[q].queue_index = (u16)q;
	timer_setup(&x->watchdog_timer, e1000x_watchdog, 0);
	netdev->watchdog_timeo = msecs_to_jiffies(E1000X_TX_TIMEOUT_MS);
	netdev->max_mtu = ETH_DATA_LEN;	/* LPE stays off: 2 KiB buffers */
	return x;
}

int e1000x_check_nvm(struct e1000x_adapter *x, const struct e1000x_eerd *eerd,
		     const bool *ignore)
{
	const char *drv = x->drv_name;
	int ret = 0;
	u16 sum = 0;

	for (int i = 0; i < 3; i++) {
		ret = e1000x_validate_nvm_checksum(&x->hw, eerd, &sum);
		if (ret == 0)
			return 0;
	}
	if (ret == -ETIMEDOUT) {
		pr_err("%s: the NVM does not answer (EERD never DONE); refusing the device\n", drv);
		return ret;
	}
	pr_err("%s: NVM checksum is 0x%04x, not 0x%04x: the NVM is corrupt or was never "
	       "programmed, so the MAC address and settings read from it are whatever "
	       "its bits happen to be\n", drv, sum, E1000X_NVM_SUM);
	if (!ignore || !*ignore) {
		pr_err("%s: refusing the device, as Linux does%s%s%s\n", drv,
		       ignore ? "; boot with " : "", ignore ? drv : "",
		       ignore ? ".ignore_nvm_checksum=1 to use it anyway" : "");
		return -EIO;
	}
	pr_warn("%s: using it anyway (%s.ignore_nvm_checksum=1): its MAC address may be "
		"random, or the same as another card's\n", drv, drv);
	return 0;
}

int e1000x_probe_register(struct e1000x_adapter *x)
{
	struct net_device *netdev = x->netdev;

	if (!is_valid_ether_addr(x->perm_addr)) {
		pr_err("%s: invalid MAC address %pM (zero or multicast); refusing the device\n",
		       x->drv_name, x->perm_addr);
		return -EIO;
	}
	memcpy(netdev->dev_addr, x->perm_addr, ETH_ALEN);
	memcpy(netdev->perm_addr, x->perm_addr, ETH_ALEN);
	netif_carrier_off(netdev);
	pci_set_drvdata(x->pdev, x);
	return register_netdev(netdev);
}

void e1000x_probe_free(struct e1000x_adapter *x)
{
	struct pci_dev *pdev = x->pdev;

	pci_iounmap(pdev, x->hw.hw_addr);
	pci_set_drvdata(pdev, NULL);
	free_netdev(x->netdev);
}
