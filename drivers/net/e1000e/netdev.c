/*
 * The OS side of the driver: the classic list of a network driver's entry
 * points -- load (pci_driver registration), detect and initialise (probe),
 * open, close, transmit (tx.c), interrupt (intr.c), multicast (mac.c),
 * software reset and unload (remove) -- plus NAPI's poll and the watchdog.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/kmalloc.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000e/e1000.h>
#include <lib/modinfo.h>
#include <net/core/trace.h>

LIST_HEAD(e1000e_adapter_list);

/*
 * NAPI poll: reclaim TX, then RX up to the budget. Interrupts come back on
 * only when the ring is drained (work < budget); otherwise net_rx_action
 * polls again and the device stays quiet -- the whole point of NAPI.
 */
int e1000_poll(struct napi_struct *napi, int budget)
{
	struct e1000_adapter *a = container_of(napi, struct e1000_adapter, napi);
	bool tx_done;
	int work;

	trace_rx(__func__, napi);
	tx_done = e1000_clean_tx_irq(a, false);
	e1000x_tx_batch(&a->tx_ring);		/* what RX makes the stack send: one doorbell */
	work = e1000_clean_rx_irq(a, budget, false);
	e1000x_tx_flush(a->netdev, &a->tx_ring);

	a->sw_stats.napi_polls++;
	if (a->irq_mode == E1000_IRQ_POLL)
		tx_done = true;	/* the idle loop comes back anyway */
	/* LAB rx: BEGIN return work */
	/* LAB rx: HINT budget used or TX not clean: return the budget and stay on the poll list */
	/* LAB rx: HINT else napi_complete_done(); only when it says done: count napi_complete and unmask (IMS, a->ims_rx_tx) unless irq=poll or the interface is down */
	/* LAB rx: STUB (void)tx_done; */
	/* LAB rx: STUB napi_complete_done(napi, work); */
	if (work < budget && tx_done) {
		if (napi_complete_done(napi, work)) {
			a->sw_stats.napi_complete++;
			if (a->irq_mode != E1000_IRQ_POLL && a->up)
				ew32(a, E1000_IMS, a->ims_rx_tx);
		}
		return work;
	}
	return budget;	/* more to do: stay on the poll list */
	/* LAB rx: END */
}

static void e1000_refill_timer(struct timer_list *t)
{
	struct e1000_adapter *a = from_timer(a, t, refill_timer);

	if (a->up)
		napi_schedule(&a->napi);	/* poll refills after it cleans */
}

/* After a reset: every register the driver relies on. */
static int e1000_configure(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);

	e1000_configure_hw_misc(a);
	e1000_setup_link(a);		/* PHY trouble is logged; the MAC's link still counts */
	e1000_configure_tx(a);
	e1000_configure_rx(a);
	if (a->irq_mode == E1000_IRQ_MSIX)
		e1000_configure_msix(a);	/* a real reset clears IVAR and EIAC */
	e1000_set_itr(a, a->itr);
	return 0;
}

static bool e1000_start(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);
	bool filled;

	a->rx_discarding = false;
	napi_enable(&a->napi);
	filled = e1000_alloc_rx_buffers(a);
	e1000_irq_enable(a);
	return filled;
}

static void e1000_quiesce(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);

	e1000x_stop_rxtx(&a->hw);	/* interrupts masked, both units off, 10 ms */
	napi_disable(&a->napi);
	del_timer(&a->refill_timer);
}

static void e1000_refill(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);

	if (e1000x_rx_needs_refill(&a->rx_ring))
		napi_schedule(&a->napi);
}

static void e1000_log_up(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);

	pr_info("%s: up: irq %s, napi %s, rings rx %u tx %u, itr %u/s\n", a->netdev->name,
		e1000_irq_mode_name(a->irq_mode), a->use_napi ? "on" : "off (netif_rx)",
		a->rx_ring.count, a->tx_ring.count, a->itr);
}

static const struct e1000x_life_ops e1000e_life_ops = {
	.reset_hw = e1000_reset_hw,
	.configure = e1000_configure,
	.request_irq = e1000_request_irqs,
	.free_irq = e1000_free_irqs,
	.setup_tx_ring = e1000_setup_tx_ring,
	.setup_rx_rings = e1000_setup_rx_ring,
	.free_rx_rings = e1000_free_rx_ring,
	.start = e1000_start,
	.quiesce = e1000_quiesce,
	.check_link = e1000_check_link,
	.update_stats = e1000_update_stats,
	.refill = e1000_refill,
	.log_up = e1000_log_up,
	.restart_autoneg = e1000_phy_restart_autoneg,
	.set_pause = e1000_set_pauseparam,
};

static int e1000_open(struct net_device *netdev)
{
	struct e1000_adapter *a = netdev_priv(netdev);

	a->rx_count = e1000_validate_ring_size("e1000e.rx_ring", e1000e_rx_ring);
	a->tx_count = e1000_validate_ring_size("e1000e.tx_ring", e1000e_tx_ring);
	return e1000x_open(&a->x);
}

static int e1000_stop(struct net_device *netdev)
{
	e1000x_stop(netdev);
	e1000_phy_power_down(netdev_priv(netdev));	/* Linux's choice: no link while nobody listens */
	return 0;
}

static int e1000_change_mtu(struct net_device *netdev, int new_mtu)
{
	/* LPE stays off, so nothing above the standard frame fits a 2 KiB buffer. */
	if (new_mtu < 68 || new_mtu > ETH_DATA_LEN)
		return -EINVAL;
	netdev->mtu = new_mtu;
	return 0;
}

static const struct net_device_ops e1000e_netdev_ops = {
	.ndo_open = e1000_open,
	.ndo_stop = e1000_stop,
	.ndo_start_xmit = e1000_xmit_frame,
	.ndo_get_stats = e1000_get_stats,
	.ndo_set_rx_mode = e1000x_set_rx_mode,
	.ndo_set_mac_address = e1000x_set_mac,
	.ndo_change_mtu = e1000_change_mtu,
	.ndo_tx_timeout = e1000x_tx_timeout,
};

static int e1000_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct e1000x_adapter *x;
	struct e1000_adapter *a;
	int ret;

	/*
	 * The 82574's specification update lists TX hangs and unreliable
	 * PCIe completions with ASPM; Linux turns L0s and L1 off on its link
	 * for this MAC (FLAG2_DISABLE_ASPM_L0S | _L1), at both ends.
	 */
	pci_disable_link_state(pdev, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1);
	x = e1000x_probe_alloc(pdev, sizeof(*a), &e1000e_life_ops, DRV_NAME, 1, &ret);
	if (!x)
		return ret;
	a = e1000e_adapter(x);
	a->use_napi = e1000e_napi != 0;
	a->itr = e1000e_itr > 0 ? (u32)e1000e_itr : 0;
	a->fc_req_rx = a->fc_req_tx = true;	/* Linux's default: full flow control */
	timer_setup(&a->refill_timer, e1000_refill_timer, 0);

	ret = e1000_reset_hw(x);
	if (!ret)
		ret = e1000x_check_nvm(x, &e1000_eerd, &e1000e_ignore_nvm_checksum);
	if (!ret)
		ret = e1000_read_mac_addr(a, a->perm_addr);
	if (ret)
		goto err;
	e1000_log_phy(a);
	a->netdev->netdev_ops = &e1000e_netdev_ops;
	a->netdev->ethtool_ops = &e1000e_ethtool_ops;
	a->netdev->features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM | NETIF_F_RXCSUM;
	if (e1000e_tso)
		a->netdev->features |= NETIF_F_TSO | NETIF_F_TSO6;
	netif_napi_add(a->netdev, &a->napi, e1000_poll, e1000e_weight);
	ret = e1000x_probe_register(x);
	if (ret)
		goto err;
	list_add_tail(&a->list, &e1000e_adapter_list);
	pr_info("%s: Intel 82574L at %#llx, MAC %pM\n", a->netdev->name,
		(unsigned long long)pci_resource_start(pdev, E1000_BAR_MMIO), a->netdev->dev_addr);
	return 0;

err:
	e1000x_probe_free(x);
	return ret;
}

static void e1000_remove(struct pci_dev *pdev)
{
	struct e1000_adapter *a = pci_get_drvdata(pdev);

	if (!a)
		return;
	list_del(&a->list);
	unregister_netdev(a->netdev);	/* closes it if open */
	netif_napi_del(&a->napi);
	/* After the close above: its reset sets DRV_LOAD again. */
	ew32(a, E1000_CTRL_EXT, er32(a, E1000_CTRL_EXT) & ~E1000_CTRL_EXT_DRV_LOAD);
	e1000x_probe_free(&a->x);
}

static const struct pci_device_id e1000e_pci_tbl[] = {
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, E1000_DEV_ID_82574L) },
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, E1000_DEV_ID_82574LA) },
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, E1000_DEV_ID_82583V) },
	{ 0 }
};

static struct pci_driver e1000e_driver = {
	.name = DRV_NAME,
	.id_table = e1000e_pci_tbl,
	.probe = e1000_probe,
	.remove = e1000_remove,
};

static int e1000e_init_module(void)
{
	int ret = pci_register_driver(&e1000e_driver);

	if (ret == 0 && list_empty(&e1000e_adapter_list))
		pr_info("e1000e: no supported Intel 82574 NIC found; continuing without one\n");
	return ret;
}
device_initcall(e1000e_init_module);
MODULE_PCI_INFO(e1000e, "Intel 82574L/82583V gigabit Ethernet (PCIe)", e1000e_pci_tbl);
