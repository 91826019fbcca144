/*
 * The OS side of the 8254x driver: pci_driver registration, probe, open,
 * stop, NAPI's poll and the watchdog. Linux keeps this driver (e1000)
 * apart from the PCIe one (e1000e); so does nicstack.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/softirq.h>
#include <lib/modinfo.h>
#include <lib/testfault.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000/e1000.h>

#define TEST_TX_STOP_AFTER 200	/* frames sent before test.fault=e1000_tx_stop bites */

/*
 * test.fault=e1000_tx_stop: the TX unit is switched off once, as a wedged
 * MAC would be, so the watchdog's hang detection and reset have something
 * to find. Here in poll, after TX was cleaned, not in the transmit path.
 */
static void e1k_test_tx_stop(struct e1k_adapter *a)
{
	if (a->tx_stopped_by_test || a->netdev->stats.tx_packets < TEST_TX_STOP_AFTER ||
	    !test_fault_is("e1000_tx_stop"))
		return;
	a->tx_stopped_by_test = true;
	e1k_wr(a, E1000_TCTL, e1k_rd(a, E1000_TCTL) & ~E1000_TCTL_EN);
	pr_warn("%s: test.fault: TX unit stopped on purpose\n", a->netdev->name);
}

/* Poll: TX first (frees buffers), then RX within the budget; unmask only when both are done. */
int e1k_poll(struct napi_struct *napi, int budget)
{
	struct e1k_adapter *a = container_of(napi, struct e1k_adapter, napi);
	bool tx_done = e1k_clean_tx_irq(a);
	int work;

	e1000x_tx_batch(&a->tx_ring);		/* what RX makes the stack send: one doorbell */
	work = e1k_clean_rx_irq(a, budget);
	e1000x_tx_flush(a->netdev, &a->tx_ring);

	a->sw_stats.napi_polls++;
	e1k_test_tx_stop(a);
	if (work < budget && tx_done) {
		if (napi_complete_done(napi, work) && a->up)
			e1k_wr(a, E1000_IMS, E1K_IMS_RXTX);
		return work;
	}
	return budget;
}

/* After a reset: every register the driver relies on. */
static int e1k_configure(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	e1k_setup_link(a);
	e1k_configure_tx(a);
	e1k_configure_rx(a);
	e1k_set_itr(a, a->itr);
	return 0;
}

static bool e1k_start(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);
	bool filled;

	napi_enable(&a->napi);
	filled = e1k_alloc_rx_buffers(a);
	e1k_irq_enable(a);
	return filled;
}

static void e1k_quiesce(struct e1000x_adapter *x)
{
	e1000x_stop_rxtx(&x->hw);	/* masked, both units off, 10 ms for DMA to land */
	napi_disable(&e1k_adapter(x)->napi);
}

static void e1k_refill(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	if (e1000x_rx_needs_refill(&a->rx_ring))
		napi_schedule(&a->napi);
}

static void e1k_log_up(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	pr_info("%s: up: irq %d (INTx, shared), napi %s, rings rx %u tx %u, itr %u/s\n",
		a->netdev->name, a->irq, a->use_napi ? "on" : "off (netif_rx)", a->rx_ring.count,
		a->tx_ring.count, a->itr);
}

static const struct e1000x_life_ops e1k_life_ops = {
	.reset_hw = e1k_reset_hw,
	.configure = e1k_configure,
	.request_irq = e1k_request_irq,
	.free_irq = e1k_free_irq,
	.setup_tx_ring = e1k_setup_tx_ring,
	.setup_rx_rings = e1k_setup_rx_ring,
	.free_rx_rings = e1k_free_rx_ring,
	.start = e1k_start,
	.quiesce = e1k_quiesce,
	.check_link = e1k_check_link,
	.update_stats = e1k_update_stats,
	.refill = e1k_refill,
	.log_up = e1k_log_up,
	.restart_autoneg = e1k_phy_restart_autoneg,
	.set_pause = e1k_set_pauseparam,
};

static int e1k_open(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);

	a->use_napi = e1k_param_napi != 0;
	a->itr = e1000x_param_itr(E1K_DRV_NAME, e1k_param_itr);
	a->rx_count = e1000x_param_ring(E1K_DRV_NAME, "rx_ring", e1k_param_rx_ring, E1K_RING);
	a->tx_count = e1000x_param_ring(E1K_DRV_NAME, "tx_ring", e1k_param_tx_ring, E1K_RING);
	return e1000x_open(&a->x);
}

static const struct net_device_ops e1k_netdev_ops = {
	.ndo_open = e1k_open,
	.ndo_stop = e1000x_stop,
	.ndo_start_xmit = e1k_xmit_frame,
	.ndo_get_stats = e1k_get_stats,
	.ndo_set_rx_mode = e1000x_set_rx_mode,
	.ndo_set_mac_address = e1000x_set_mac,
	.ndo_tx_timeout = e1000x_tx_timeout,
};

/* The first I/O BAR, for the reset write these MACs need (mac.c); 0 if none. */
static u16 e1k_find_io_bar(struct pci_dev *pdev)
{
	for (int bar = 1; bar < PCI_STD_NUM_BARS; bar++) {
		if ((pci_resource_flags(pdev, bar) & IORESOURCE_IO) &&
		    pci_resource_start(pdev, bar) && pci_resource_start(pdev, bar) <= 0xFFFF)
			return (u16)pci_resource_start(pdev, bar);
	}
	return 0;
}

static int e1k_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct e1000x_adapter *x;
	struct e1k_adapter *a;
	int ret;

	x = e1000x_probe_alloc(pdev, sizeof(*a), &e1k_life_ops, E1K_DRV_NAME, 1, &ret);
	if (!x)
		return ret;
	a = e1k_adapter(x);
	a->io_base = e1k_find_io_bar(pdev);
	ret = e1k_reset_hw(&a->x);
	if (!ret)
		ret = e1000x_check_nvm(&a->x, &e1k_eerd, NULL);
	if (!ret)
		ret = e1000x_read_mac_nvm(&a->hw, &e1k_eerd, a->perm_addr);
	if (ret)
		goto err;
	a->netdev->netdev_ops = &e1k_netdev_ops;
	a->netdev->ethtool_ops = &e1k_ethtool_ops;
	a->stats = &e1k_stats_table;
	a->netdev->features = NETIF_F_SG | NETIF_F_RXCSUM | e1k_tx_features(a);
	netif_napi_add(a->netdev, &a->napi, e1k_poll, 64);
	ret = e1000x_probe_register(&a->x);
	if (ret)
		goto err;
	pr_info("%s: Intel 8254x %04x:%04x at %#llx, MAC %pM\n", a->netdev->name, pdev->vendor,
		pdev->device, (unsigned long long)pci_resource_start(pdev, E1000_BAR_MMIO),
		a->netdev->dev_addr);
	return 0;

err:
	e1000x_probe_free(&a->x);
	return ret;
}

static void e1k_remove(struct pci_dev *pdev)
{
	struct e1k_adapter *a = pci_get_drvdata(pdev);

	if (!a)
		return;
	unregister_netdev(a->netdev);	/* closes it if open */
	netif_napi_del(&a->napi);
	e1000x_probe_free(&a->x);
}

/*
 * The first three are what QEMU 7.2 emulates and are tested there. The
 * rest are relatives Linux's e1000 drives with the same legacy descriptors;
 * they are listed as data and UNVERIFIED: no test has run on one (the
 * 82541/82547 need PHY work this driver lacks; docs/e1000.md).
 */
static const struct pci_device_id e1k_pci_tbl[] = {
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, E1000_DEV_ID_82540EM) },
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, E1000_DEV_ID_82544GC_COPPER) },
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, E1000_DEV_ID_82545EM_COPPER) },
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x1015) },	/* 82540EM LOM, unverified */
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x1016) },	/* 82540EP LOM, unverified */
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x1017) },	/* 82540EP LP, unverified */
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x101E) },	/* 82540EP LP mobile, unverified */
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x1026) },	/* 82545GM copper, unverified */
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x1010) },	/* 82546EB copper, unverified */
	{ PCI_DEVICE(E1000_VENDOR_ID_INTEL, 0x1079) },	/* 82546GB copper, unverified */
	{ 0 }
};

static struct pci_driver e1k_driver = {
	.name = E1K_DRV_NAME,
	.id_table = e1k_pci_tbl,
	.probe = e1k_probe,
	.remove = e1k_remove,
};

static int e1k_init_module(void)
{
	return pci_register_driver(&e1k_driver);
}
device_initcall(e1k_init_module);
MODULE_PCI_INFO(e1000, "Intel 8254x PRO/1000 gigabit Ethernet (PCI/PCI-X)", e1k_pci_tbl);
