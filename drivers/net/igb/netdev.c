/*
 * The OS side of the igb driver: pci_driver registration, probe, open,
 * stop, NAPI's poll and the watchdog, in the shape of drivers/net/e1000
 * (docs/add-a-driver.md), with the 82576's reset, queue enabling and
 * MSI-X routing.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/softirq.h>
#include <lib/modinfo.h>
#include <lib/random.h>
#include <lib/testfault.h>
#include <net/core/ethernet.h>
#include <drivers/net/igb/igb.h>

static const char *const igb_irq_mode_names[] = { "none", "msix", "msi", "intx" };

#define TEST_TX_STOP_AFTER 200	/* frames sent before test.fault=igb_tx_stop bites */

/*
 * test.fault=igb_tx_stop: the first TX queue to have sent 200 frames is
 * switched off once, as a wedged queue would be, so the watchdog's hang
 * detection and the full reset have something to find (whichever queue
 * the test's flow hashed to). In poll, after TX was cleaned.
 */
static void igb_test_tx_stop(struct igb_q_vector *q)
{
	struct igb_adapter *a = q->adapter;
	unsigned int n = q->idx;

	if (a->tx_stopped_by_test || q->tx_ring->packets < TEST_TX_STOP_AFTER ||
	    !test_fault_is("igb_tx_stop"))
		return;
	a->tx_stopped_by_test = true;
	igb_wr(a, E1000_TXDCTL(n), igb_rd(a, E1000_TXDCTL(n)) & ~E1000_XDCTL_QUEUE_ENABLE);
	pr_warn("%s: test.fault: TX queue %u stopped on purpose\n", a->netdev->name, n);
}

/*
 * Poll one queue pair: TX first (frees buffers), then RX within the
 * budget; unmask only when both are done.
 */
int igb_poll(struct napi_struct *napi, int budget)
{
	struct igb_q_vector *q = container_of(napi, struct igb_q_vector, napi);
	struct igb_adapter *a = q->adapter;
	bool tx_done = igb_clean_tx_irq(q);
	int work = igb_clean_rx_irq(q, budget);

	a->sw_stats.napi_polls++;
	igb_test_tx_stop(q);
	if (work < budget && tx_done) {
		igb_update_itr(q, (unsigned int)work, true);
		if (napi_complete_done(napi, work) && a->up)
			igb_queue_irq_enable(q);
		return work;
	}
	igb_update_itr(q, (unsigned int)work, false);
	return budget;
}

/* After a reset: every register the driver relies on; a queue that never enables fails it. */
static int igb_configure(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);
	int ret;

	igb_setup_link(a);
	ret = igb_configure_tx(a);
	if (!ret)
		ret = igb_configure_rx(a);
	if (ret)
		return ret;
	igb_configure_irq(a);
	igb_set_itr(a, a->itr);
	return 0;
}

static bool igb_start(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);
	bool filled = true;

	for (unsigned int n = 0; n < a->num_queues; n++) {
		napi_enable(&a->q[n].napi);
		if (!igb_alloc_rx_buffers(&a->q[n]))
			filled = false;
	}
	igb_irq_enable(a);
	return filled;
}

static void igb_quiesce(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	igb_irq_disable(a);		/* the queue vectors' EIMS too */
	e1000x_stop_rxtx(&a->hw);
	for (unsigned int n = 0; n < a->num_queues; n++)
		napi_disable(&a->q[n].napi);
}

static void igb_refill(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	for (unsigned int n = 0; n < a->num_queues; n++)
		if (e1000x_rx_needs_refill(&a->q[n].rx_ring))
			napi_schedule(&a->q[n].napi);
}

static void igb_log_up(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	pr_info("%s: up: irq %s (%d vector%s), %u queue pair%s%s, napi %s, rings rx %u tx %u, "
		"itr %u/s%s\n", a->netdev->name, igb_irq_mode_names[a->irq_mode], a->nr_irqs,
		a->nr_irqs == 1 ? "" : "s", a->num_queues, a->num_queues == 1 ? "" : "s",
		a->num_queues > 1 ? " (RSS)" : "", a->use_napi ? "on" : "off (netif_rx)",
		a->q[0].rx_ring.count, a->tx_ring.count, a->itr,
		a->itr_dynamic ? " (dynamic)" : "");
}

static const struct e1000x_life_ops igb_life_ops = {
	.reset_hw = igb_reset_hw,
	.configure = igb_configure,
	.request_irq = igb_request_irq,	/* the vectors decide how many queue pairs */
	.free_irq = igb_free_irq,
	.setup_tx_ring = igb_setup_tx_ring,
	.setup_rx_rings = igb_setup_rx_rings,
	.free_rx_rings = igb_free_rx_rings,
	.start = igb_start,
	.quiesce = igb_quiesce,
	.check_link = igb_check_link,
	.update_stats = igb_update_stats,
	.refill = igb_refill,
	.log_up = igb_log_up,
	.restart_autoneg = igb_phy_restart_autoneg,
};

static int igb_open(struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);

	a->use_napi = igb_param_napi != 0;
	a->itr = igb_param_itr_value(&a->itr_dynamic);
	a->rx_count = e1000x_param_ring(IGB_DRV_NAME, "rx_ring", igb_param_rx_ring, IGB_RING);
	a->tx_count = e1000x_param_ring(IGB_DRV_NAME, "tx_ring", igb_param_tx_ring, IGB_RING);
	return e1000x_open(&a->x);
}

static const struct net_device_ops igb_netdev_ops = {
	.ndo_open = igb_open,
	.ndo_stop = e1000x_stop,
	.ndo_start_xmit = igb_xmit_frame,
	.ndo_get_stats = igb_get_stats,
	.ndo_set_rx_mode = e1000x_set_rx_mode,
	.ndo_set_mac_address = e1000x_set_mac,
	.ndo_tx_timeout = e1000x_tx_timeout,
};

static int igb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct e1000x_adapter *x;
	struct igb_adapter *a;
	int ret;

	x = e1000x_probe_alloc(pdev, sizeof(*a), &igb_life_ops, IGB_DRV_NAME, IGB_MAX_QUEUES,
				&ret);
	if (!x)
		return ret;
	a = igb_adapter(x);
	ret = igb_reset_hw(x);
	if (!ret)
		ret = e1000x_check_nvm(x, &igb_eerd, NULL);
	if (!ret)
		ret = igb_read_mac_addr(a);
	if (ret)
		goto err;
	igb_phy_hw_reset(a);	/* a failure leaves the PHY as it was: still usable */
	a->phy_id = igb_read_phy_id(a);
	a->netdev->netdev_ops = &igb_netdev_ops;
	a->netdev->ethtool_ops = &igb_ethtool_ops;
	a->stats = &igb_stats_table;
	/* TCP/UDP checksums over IPv4 and IPv6 through context descriptors (tx.c). */
	a->netdev->features = NETIF_F_SG | NETIF_F_RXCSUM | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM;
	/* TCP segmentation over IPv4 and IPv6 (DS 7.2.4), tx.c; QEMU's model does both. */
	if (igb_param_tso)
		a->netdev->features |= NETIF_F_TSO | NETIF_F_TSO6;
	for (unsigned int n = 0; n < IGB_MAX_QUEUES; n++) {
		a->q[n].adapter = a;
		a->q[n].idx = n;
		a->q[n].tx_ring = &a->tx_rings[n];
		netif_napi_add(a->netdev, &a->q[n].napi, igb_poll, 64);
	}
	a->num_queues = 1;
	/* One key for the device's life: a flow keeps its queue across resets. */
	for (unsigned int i = 0; i < IGB_RSS_KEY_REGS; i++)
		a->rss_key[i] = get_random_u32();
	ret = e1000x_probe_register(x);
	if (ret)
		goto err;
	pr_info("%s: Intel %04x:%04x (igb) at %#llx, MAC %pM (from %s), PHY id %08x\n",
		a->netdev->name, pdev->vendor, pdev->device,
		(unsigned long long)pci_resource_start(pdev, 0), a->netdev->dev_addr,
		a->mac_from_nvm ? "NVM" : "RAR0", a->phy_id);
	return 0;

err:
	e1000x_probe_free(x);
	return ret;
}

static void igb_remove(struct pci_dev *pdev)
{
	struct igb_adapter *a = pci_get_drvdata(pdev);

	if (!a)
		return;
	unregister_netdev(a->netdev);	/* closes it if open */
	for (unsigned int n = 0; n < IGB_MAX_QUEUES; n++)
		netif_napi_del(&a->q[n].napi);
	e1000x_probe_free(&a->x);
}

/*
 * The 82576 (8086:10c9) is what QEMU 8+ emulates and is tested there. The
 * rest are parts Linux's igb drives; they are listed as data and
 * UNVERIFIED: no test has run on one, and each differs in ways this driver
 * does not handle yet (docs/igb.md: IVAR layout, iNVM, per-port semaphores).
 */
static const struct pci_device_id igb_pci_tbl[] = {
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, IGB_DEV_ID_82576) },
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x10E6) },	/* 82576 fiber, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x10E7) },	/* 82576 serdes, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x10E8) },	/* 82576 quad copper, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x150A) },	/* 82576NS copper, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x1521) },	/* I350 copper, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x1533) },	/* I210 copper, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x157B) },	/* I210 copper flashless, unverified */
	{ PCI_DEVICE(IGB_VENDOR_ID_INTEL, 0x1539) },	/* I211 copper, unverified */
	{ 0 }
};

static struct pci_driver igb_driver = {
	.name = IGB_DRV_NAME,
	.id_table = igb_pci_tbl,
	.probe = igb_probe,
	.remove = igb_remove,
};

static int igb_init_module(void)
{
	return pci_register_driver(&igb_driver);
}
device_initcall(igb_init_module);
MODULE_PCI_INFO(igb, "Intel 82576/I350/I210/I211 gigabit Ethernet (82576 verified)", igb_pci_tbl);
