/* See e1000e_test_util.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lib/params.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

void e1000e_test_irq_mode(const char *mode)
{
	char cmdline[64];

	snprintf(cmdline, sizeof(cmdline), "e1000e.irq=%s", mode);
	assert_int_equal(parse_args(cmdline), 0);
	assert_int_equal(e1000e_param_irq_mode(),
			 strcmp(mode, "msix") == 0 ? E1000_IRQ_MSIX :
			 strcmp(mode, "msi") == 0 ? E1000_IRQ_MSI :
			 strcmp(mode, "intx") == 0 ? E1000_IRQ_INTX :
			 strcmp(mode, "poll") == 0 ? E1000_IRQ_POLL : E1000_IRQ_AUTO);
}

struct e1000_adapter *e1000e_test_probe(unsigned int pool_size)
{
	static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
							     E1000_DEV_ID_82574L) };
	struct e1000_adapter *a;

	netcore_test_reset(pool_size);
	fake_e1000e_reset();
	if (!fake_e1000e_driver)
		assert_int_equal(fake_e1000e_run_module_init(), 0);
	assert_non_null(fake_e1000e_driver);
	assert_int_equal(fake_e1000e_driver->probe(&fake_e1000e_pdev, &id), 0);
	a = pci_get_drvdata(&fake_e1000e_pdev);
	assert_non_null(a);
	assert_ptr_equal(a->hw_addr, fake_e1000e_bar);
	return a;
}

void e1000e_test_open(struct e1000_adapter *a, int rx_ring, int tx_ring)
{
	e1000e_rx_ring = rx_ring;
	e1000e_tx_ring = tx_ring;
	assert_int_equal(dev_open(a->netdev), 0);
	assert_true(a->up);
}

void e1000e_test_remove(struct e1000_adapter *a)
{
	fake_e1000e_driver->remove(&fake_e1000e_pdev);
	assert_null(pci_get_drvdata(&fake_e1000e_pdev));
	assert_int_equal(fake_e1000e_dma_live, 0);
	assert_int_equal(fake_e1000e_iomap_live, 0);
	assert_int_equal(fake_e1000e_irqs_live, 0);
	assert_false(busy_poll_active());
	netcore_run_softirqs();
	netcore_assert_pool_idle();
	e1000e_rx_ring = E1000_DEFAULT_RING;
	e1000e_tx_ring = E1000_DEFAULT_RING;
}
