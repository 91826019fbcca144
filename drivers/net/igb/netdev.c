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
 * test.fault=igb_tx_stop: TX queue 0 is switched off once, as a wedged
 * queue would be, so the watchdog's hang detection and the full reset
 * have something to find. In poll, after TX was cleaned.
 */
static void igb_test_tx_stop(struct igb_adapter *a)
{
	if (a->tx_stopped_by_test || a->netdev->stats.tx_packets < TEST_TX_STOP_AFTER ||
	    !test_fault_is("igb_tx_stop"))
		return;
	a->tx_stopped_by_test = true;
	igb_wr(a, E1000_TXDCTL(0), igb_rd(a, E1000_TXDCTL(0)) & ~E1000_XDCTL_QUEUE_ENABLE);
	pr_warn("%s: test.fault: TX queue 0 stopped on purpose\n", a->netdev->name);
}

/*
 * Poll one queue vector: TX first on vector 0 (frees buffers), then its RX
 * queue within the budget; unmask only when both are done.
 */
int igb_poll(struct napi_struct *napi, int budget)
{
	struct igb_q_vector *q = container_of(napi, struct igb_q_vector, napi);
	struct igb_adapter *a = q->adapter;
	bool tx_done = q->idx == 0 ? igb_clean_tx_irq(a) : true;
	int work = igb_clean_rx_irq(q, budget);

	a->sw_stats.napi_polls++;
	if (q->idx == 0)
		igb_test_tx_stop(a);
	if (work < budget && tx_done) {
		if (napi_complete_done(napi, work) && a->up)
			igb_queue_irq_enable(q);
		return work;
	}
	return budget;
}

static unsigned int igb_ring_size(const char *name, int v)
{
	/* RDLEN/TDLEN: a multiple of 128 bytes, eight 16-byte descriptors (DS 8.10.5). */
	if (v < 64 || v > 4096 || v % 8) {
		pr_warn("igb.%s=%d: not a multiple of 8 in 64..4096; using %d\n", name, v,
			IGB_RING);
		return IGB_RING;
	}
	return (unsigned int)v;
}

static u32 igb_itr_rate(int v)
{
	if (v != 0 && (v < 100 || v > 100000)) {
		pr_warn("igb.itr=%d: not 0 or 100..100000; using 8000\n", v);
		return 8000;
	}
	return (u32)v;
}

/* Every register the driver relies on is written here, after a reset. */
static int igb_up(struct igb_adapter *a)
{
	int ret = igb_reset_hw(a);

	if (ret)
		return ret;
	igb_setup_link(a);
	ret = igb_configure_tx(a);
	if (!ret)
		ret = igb_configure_rx(a);
	if (ret)
		return ret;
	igb_configure_irq(a);
	igb_set_itr(a, a->itr);
	a->up = true;
	for (unsigned int n = 0; n < a->num_queues; n++) {
		napi_enable(&a->q[n].napi);
		if (!igb_alloc_rx_buffers(&a->q[n]))
			pr_warn("%s: no RX buffers for queue %u at open; the watchdog retries\n",
				a->netdev->name, n);
	}
	igb_irq_enable(a);
	igb_check_link(a);
	netif_start_queue(a->netdev);
	mod_timer(&a->watchdog_timer, jiffies + msecs_to_jiffies(IGB_WATCHDOG_MS));
	return 0;
}

/* Units off, 10 ms for DMA in flight, then the reset ends all of it: only then free. */
static void igb_down(struct igb_adapter *a)
{
	netif_stop_queue(a->netdev);
	a->up = false;
	igb_irq_disable(a);
	e1000x_stop_rxtx(&a->hw);
	for (unsigned int n = 0; n < a->num_queues; n++)
		napi_disable(&a->q[n].napi);
	del_timer(&a->watchdog_timer);
	netif_carrier_off(a->netdev);
	igb_update_stats(a);
	if (igb_reset_hw(a))
		pci_clear_master(a->pdev);	/* no DMA at all without bus mastering */
}

static int igb_open(struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);
	int ret;

	a->use_napi = igb_param_napi != 0;
	a->itr = igb_itr_rate(igb_param_itr);
	/* The vectors decide how many RX queues there are: first. */
	ret = igb_request_irq(a);
	if (ret)
		return ret;
	ret = igb_setup_tx_ring(a, igb_ring_size("tx_ring", igb_param_tx_ring));
	if (ret)
		goto err_tx;
	ret = igb_setup_rx_rings(a, igb_ring_size("rx_ring", igb_param_rx_ring));
	if (ret)
		goto err_rx;
	pci_set_master(a->pdev);
	ret = igb_up(a);
	if (ret)
		goto err_up;
	pr_info("%s: up: irq %s (%d vector%s), %u rx queue%s%s, napi %s, rings rx %u tx %u, "
		"itr %u/s\n", netdev->name, igb_irq_mode_names[a->irq_mode], a->nr_irqs,
		a->nr_irqs == 1 ? "" : "s", a->num_queues, a->num_queues == 1 ? "" : "s",
		a->num_queues > 1 ? " (RSS)" : "", a->use_napi ? "on" : "off (netif_rx)",
		a->q[0].rx_ring.count, a->tx_ring.count, a->itr);
	return 0;

err_up:
	a->up = false;
	igb_irq_disable(a);
	igb_free_rx_rings(a);
err_rx:
	igb_free_tx_ring(a);
err_tx:
	igb_free_irq(a);
	return ret;
}

static int igb_stop(struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);

	igb_down(a);
	igb_free_irq(a);
	igb_free_tx_ring(a);
	igb_free_rx_rings(a);
	return 0;
}

/*
 * The software reset: down (the MAC reset ends all DMA), both rings rebuilt
 * with every in-flight skb freed, everything reprogrammed, up. From the
 * watchdog timer (softirq), never hard IRQ.
 */
void igb_reinit(struct igb_adapter *a)
{
	unsigned int rx_count = a->q[0].rx_ring.count, tx_count = a->tx_ring.count;

	a->reset_pending = false;
	if (!a->up)
		return;
	a->sw_stats.resets++;
	pr_warn("%s: resetting the adapter\n", a->netdev->name);
	igb_down(a);
	igb_free_tx_ring(a);
	igb_free_rx_rings(a);
	memset(&a->tx_hang, 0, sizeof(a->tx_hang));
	if (igb_setup_tx_ring(a, tx_count) || igb_setup_rx_rings(a, rx_count) || igb_up(a)) {
		pr_err("%s: reset failed; the interface stays down\n", a->netdev->name);
		return;
	}
	netif_wake_queue(a->netdev);
}

/* Every 2 s, or at once after LSC or a TX timeout: carrier, counters, hang, refill. */
static void igb_watchdog(struct timer_list *t)
{
	struct igb_adapter *a = from_timer(a, t, watchdog_timer);

	if (!a->up)
		return;
	igb_check_link(a);
	igb_update_stats(a);
	if (e1000x_tx_hang_check(a->netdev, &a->tx_ring, &a->tx_hang)) {
		a->sw_stats.tx_hang_detected++;
		a->reset_pending = true;
	}
	if (a->reset_pending)
		igb_reinit(a);
	if (!a->up)
		return;
	for (unsigned int n = 0; n < a->num_queues; n++)
		if (e1000x_rx_needs_refill(&a->q[n].rx_ring))
			napi_schedule(&a->q[n].napi);
	mod_timer(&a->watchdog_timer, jiffies + msecs_to_jiffies(IGB_WATCHDOG_MS));
}

static void igb_tx_timeout(struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);

	a->sw_stats.tx_timeout++;
	e1000x_log_tx_timeout(netdev, &a->tx_ring);
	a->reset_pending = true;
	mod_timer(&a->watchdog_timer, jiffies);
}

static const struct net_device_ops igb_netdev_ops = {
	.ndo_open = igb_open,
	.ndo_stop = igb_stop,
	.ndo_start_xmit = igb_xmit_frame,
	.ndo_get_stats = igb_get_stats,
	.ndo_set_rx_mode = e1000x_set_rx_mode,
	.ndo_set_mac_address = e1000x_set_mac,
	.ndo_tx_timeout = igb_tx_timeout,
};

static int igb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *netdev;
	struct igb_adapter *a;
	int ret;

	netdev = e1000x_probe_alloc(pdev, sizeof(*a), &ret);
	if (!netdev)
		return ret;
	a = netdev_priv(netdev);
	a->netdev = netdev;
	a->pdev = pdev;
	timer_setup(&a->watchdog_timer, igb_watchdog, 0);
	ret = igb_reset_hw(a);
	if (!ret)
		ret = igb_check_nvm(a);
	if (!ret)
		ret = igb_read_mac_addr(a);
	if (ret)
		goto err;
	a->phy_id = igb_read_phy_id(a);
	netdev->netdev_ops = &igb_netdev_ops;
	netdev->ethtool_ops = &igb_ethtool_ops;
	/* TCP/UDP checksums over IPv4 and IPv6 through context descriptors (tx.c). */
	netdev->features = NETIF_F_SG | NETIF_F_RXCSUM | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM;
	netdev->watchdog_timeo = msecs_to_jiffies(IGB_TX_TIMEOUT_MS);
	netdev->max_mtu = ETH_DATA_LEN;
	for (unsigned int n = 0; n < IGB_MAX_QUEUES; n++) {
		a->q[n].adapter = a;
		a->q[n].idx = n;
		netif_napi_add(netdev, &a->q[n].napi, igb_poll, 64);
	}
	a->num_queues = 1;
	/* One key for the device's life: a flow keeps its queue across resets. */
	for (unsigned int i = 0; i < IGB_RSS_KEY_REGS; i++)
		a->rss_key[i] = get_random_u32();
	ret = e1000x_probe_register(netdev, pdev, a->perm_addr, IGB_DRV_NAME);
	if (ret)
		goto err;
	pci_set_drvdata(pdev, a);
	pr_info("%s: Intel %04x:%04x (igb) at %#llx, MAC %pM (from %s), PHY id %08x\n",
		netdev->name, pdev->vendor, pdev->device,
		(unsigned long long)pci_resource_start(pdev, 0), netdev->dev_addr,
		a->mac_from_nvm ? "NVM" : "RAR0", a->phy_id);
	return 0;

err:
	e1000x_probe_free(netdev, pdev);
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
	e1000x_probe_free(a->netdev, pdev);
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
