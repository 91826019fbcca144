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

static unsigned int e1k_ring_size(const char *name, int v)
{
	if (v < 64 || v > 4096 || v % 8) {
		/* RDLEN/TDLEN: a multiple of 128 bytes (SDM 13.4.27). */
		pr_warn("e1000.%s=%d: not a multiple of 8 in 64..4096; using %d\n", name, v,
			E1K_RING);
		return E1K_RING;
	}
	return (unsigned int)v;
}

static u32 e1k_itr_rate(int v)
{
	if (v != 0 && (v < 100 || v > 100000)) {
		pr_warn("e1000.itr=%d: not 0 or 100..100000; using 8000\n", v);
		return 8000;
	}
	return (u32)v;
}

/* Every register the driver relies on is written here, after a reset. */
static int e1k_up(struct e1k_adapter *a)
{
	int ret = e1k_reset_hw(a);

	if (ret)
		return ret;
	e1k_setup_link(a);
	e1k_configure_tx(a);
	e1k_configure_rx(a);
	e1k_set_itr(a, a->itr);
	a->up = true;
	napi_enable(&a->napi);
	if (!e1k_alloc_rx_buffers(a))
		pr_warn("%s: no RX buffers at open; the watchdog retries\n", a->netdev->name);
	e1k_irq_enable(a);
	e1k_check_link(a);
	netif_start_queue(a->netdev);
	mod_timer(&a->watchdog_timer, jiffies + msecs_to_jiffies(E1K_WATCHDOG_MS));
	return 0;
}

/* Units off, 10 ms for DMA in flight, then the reset ends all of it: only then free. */
static void e1k_down(struct e1k_adapter *a)
{
	netif_stop_queue(a->netdev);
	a->up = false;
	e1000x_stop_rxtx(&a->hw);
	napi_disable(&a->napi);
	del_timer(&a->watchdog_timer);
	netif_carrier_off(a->netdev);
	e1k_update_stats(a);
	if (e1k_reset_hw(a))
		pci_clear_master(a->pdev);	/* no DMA at all without bus mastering */
}

static int e1k_open(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	int ret;

	a->use_napi = e1k_param_napi != 0;
	a->itr = e1k_itr_rate(e1k_param_itr);
	ret = e1k_setup_tx_ring(a, e1k_ring_size("tx_ring", e1k_param_tx_ring));
	if (ret)
		return ret;
	ret = e1k_setup_rx_ring(a, e1k_ring_size("rx_ring", e1k_param_rx_ring));
	if (ret)
		goto err_rx;
	ret = e1k_request_irq(a);
	if (ret)
		goto err_irq;
	pci_set_master(a->pdev);
	ret = e1k_up(a);
	if (ret)
		goto err_up;
	pr_info("%s: up: irq %d (INTx, shared), napi %s, rings rx %u tx %u, itr %u/s\n",
		netdev->name, a->irq, a->use_napi ? "on" : "off (netif_rx)", a->rx_ring.count,
		a->tx_ring.count, a->itr);
	return 0;

err_up:
	e1k_free_irq(a);
err_irq:
	e1k_free_rx_ring(a);
err_rx:
	e1k_free_tx_ring(a);
	return ret;
}

static int e1k_stop(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);

	e1k_down(a);
	e1k_free_irq(a);
	e1k_free_tx_ring(a);
	e1k_free_rx_ring(a);
	return 0;
}

/*
 * The classic software reset: down (the MAC reset ends all DMA), both rings
 * rebuilt with every in-flight skb freed, everything reprogrammed, up. The
 * counters survive. Runs from the watchdog timer (softirq), never hard IRQ.
 */
void e1k_reinit(struct e1k_adapter *a)
{
	unsigned int rx_count = a->rx_ring.count, tx_count = a->tx_ring.count;

	a->reset_pending = false;
	if (!a->up)
		return;
	a->sw_stats.resets++;
	pr_warn("%s: resetting the adapter\n", a->netdev->name);
	e1k_down(a);
	e1k_free_tx_ring(a);
	e1k_free_rx_ring(a);
	memset(&a->tx_hang, 0, sizeof(a->tx_hang));
	if (e1k_setup_tx_ring(a, tx_count) || e1k_setup_rx_ring(a, rx_count) || e1k_up(a)) {
		pr_err("%s: reset failed; the interface stays down\n", a->netdev->name);
		return;
	}
	netif_wake_queue(a->netdev);
}

/*
 * Every 2 s, or at once after LSC or a TX timeout: carrier, counters, a TX
 * hang (frames pending at two checks in a row with none completed: reset),
 * and a refill a dry pool left undone (an empty ring raises no interrupt).
 */
static void e1k_watchdog(struct timer_list *t)
{
	struct e1k_adapter *a = from_timer(a, t, watchdog_timer);
	if (!a->up)
		return;
	e1k_check_link(a);
	e1k_update_stats(a);
	if (e1000x_tx_hang_check(a->netdev, &a->tx_ring, &a->tx_hang)) {
		a->sw_stats.tx_hang_detected++;
		a->reset_pending = true;
	}
	if (a->reset_pending)
		e1k_reinit(a);
	if (!a->up)
		return;
	if (e1000x_rx_needs_refill(&a->rx_ring))
		napi_schedule(&a->napi);
	mod_timer(&a->watchdog_timer, jiffies + msecs_to_jiffies(E1K_WATCHDOG_MS));
}

static void e1k_tx_timeout(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);

	a->sw_stats.tx_timeout++;
	e1000x_log_tx_timeout(netdev, &a->tx_ring);
	a->reset_pending = true;
	mod_timer(&a->watchdog_timer, jiffies);
}

static const struct net_device_ops e1k_netdev_ops = {
	.ndo_open = e1k_open,
	.ndo_stop = e1k_stop,
	.ndo_start_xmit = e1k_xmit_frame,
	.ndo_get_stats = e1k_get_stats,
	.ndo_set_rx_mode = e1000x_set_rx_mode,
	.ndo_set_mac_address = e1000x_set_mac,
	.ndo_tx_timeout = e1k_tx_timeout,
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

/* As Linux: a wrong EEPROM checksum refuses the card (three reads ride out a race). */
static int e1k_check_eeprom(struct e1k_adapter *a)
{
	u16 sum = 0;
	int ret = 0;

	for (int i = 0; i < 3; i++) {
		ret = e1000x_validate_nvm_checksum(&a->hw, &e1k_eerd, &sum);
		if (!ret)
			return 0;
	}
	if (ret == -EIO)
		pr_err("%s: EEPROM checksum is 0x%04x, not 0x%04x; refusing the device\n",
		       E1K_DRV_NAME, sum, E1000_EEPROM_SUM);
	else
		pr_err("%s: the EEPROM does not answer (EERD never DONE)\n", E1K_DRV_NAME);
	return ret;
}

static int e1k_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *netdev;
	struct e1k_adapter *a;
	int ret;

	netdev = e1000x_probe_alloc(pdev, sizeof(*a), &ret);
	if (!netdev)
		return ret;
	a = netdev_priv(netdev);
	a->netdev = netdev;
	a->pdev = pdev;
	timer_setup(&a->watchdog_timer, e1k_watchdog, 0);
	a->io_base = e1k_find_io_bar(pdev);
	ret = e1k_reset_hw(a);
	if (!ret)
		ret = e1k_check_eeprom(a);
	if (!ret)
		ret = e1000x_read_mac_nvm(&a->hw, &e1k_eerd, a->perm_addr);
	if (ret)
		goto err;
	netdev->netdev_ops = &e1k_netdev_ops;
	netdev->ethtool_ops = &e1k_ethtool_ops;
	netdev->features = NETIF_F_SG | NETIF_F_RXCSUM | e1k_tx_features(a);
	netdev->watchdog_timeo = msecs_to_jiffies(E1K_TX_TIMEOUT_MS);
	netdev->max_mtu = ETH_DATA_LEN;
	netif_napi_add(netdev, &a->napi, e1k_poll, 64);
	ret = e1000x_probe_register(netdev, pdev, a->perm_addr, E1K_DRV_NAME);
	if (ret)
		goto err;
	pci_set_drvdata(pdev, a);
	pr_info("%s: Intel 8254x %04x:%04x at %#llx, MAC %pM\n", netdev->name, pdev->vendor,
		pdev->device, (unsigned long long)pci_resource_start(pdev, E1000_BAR_MMIO),
		netdev->dev_addr);
	return 0;

err:
	e1000x_probe_free(netdev, pdev);
	return ret;
}

static void e1k_remove(struct pci_dev *pdev)
{
	struct e1k_adapter *a = pci_get_drvdata(pdev);

	if (!a)
		return;
	unregister_netdev(a->netdev);	/* closes it if open */
	netif_napi_del(&a->napi);
	e1000x_probe_free(a->netdev, pdev);
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
