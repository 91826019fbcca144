/*
 * The pci_driver model: id_table matching, probe for each matching unbound
 * function, failures logged and cleaned up, remove on unregister with the
 * core releasing what the driver left behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <drivers/pci/pci.h>
#include "fake/pci_fake.h"

static struct {
	int probes, removes;
	u8 probed[8];
	unsigned long data[8];
} calls;

static int fail_devfn = -1;

/* Acts like a NIC driver: enable, map BAR0, take vectors, become bus master. */
static int test_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	void *regs;
	int ret;

	calls.probed[calls.probes] = dev->devfn;
	calls.data[calls.probes++] = id->driver_data;
	ret = pci_enable_device(dev);
	if (ret)
		return ret;
	pci_set_master(dev);
	regs = pci_iomap(dev, 0, 0);
	if (!regs)
		return -ENOMEM;
	ret = pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_ALL_TYPES);
	if (ret < 0)
		return ret;
	pci_set_drvdata(dev, regs);
	return dev->devfn == fail_devfn ? -ENODEV : 0;
}

/* Deliberately sloppy: leaves vectors, mapping and bus mastering to the core. */
static void test_remove(struct pci_dev *dev)
{
	calls.removes++;
}

static const struct pci_device_id test_ids[] = {
	{ PCI_DEVICE(0x8086, 0x10d3), .driver_data = 1 },
	{ PCI_DEVICE(0x8086, 0x100e), .driver_data = 2 },
	{ 0 }
};

static struct pci_driver test_driver = {
	.name = "testdrv", .id_table = test_ids, .probe = test_probe, .remove = test_remove,
};

static struct fake_pci_fn *add_nic(u8 slot, u16 device)
{
	struct fake_pci_fn *f = fake_pci_add(0, slot, 0, 0x8086, device, 0x020000, 0);

	fake_pci_set_bar(f, 0, FAKE_BAR_MEM32, 0xfe000000u + ((u32)slot << 20), 128 << 10);
	fake_pci_back_bar(f, 0);
	fake_pci_add_msi(f, 0xd0, true, false);
	fake_pci_set_irq(f, 1, 11);
	return f;
}

static int setup(void **state)
{
	struct fake_pci_fn *v;

	fake_pci_reset();
	memset(&calls, 0, sizeof(calls));
	fail_devfn = -1;
	add_nic(2, 0x10d3);
	add_nic(3, 0x10d3);
	add_nic(4, 0x100e);
	v = fake_pci_add(0, 5, 0, 0x1af4, 0x1000, 0x020000, 0);
	fake_cfg_put16(v, PCI_SUBSYSTEM_VENDOR_ID, 0x1af4);
	fake_cfg_put16(v, PCI_SUBSYSTEM_ID, 0x0001);
	fake_pci_add(0, 6, 0, 0x8086, 0x10d4, 0x020000, 0);
	return 0;
}

static int teardown(void **state)
{
	pci_unregister_driver(&test_driver);
	fake_pci_reset();
	return 0;
}

static void test_match_id(void **state)
{
	static const struct pci_device_id by_class[] = {
		{ .vendor = PCI_ANY_ID, .device = PCI_ANY_ID, .subvendor = PCI_ANY_ID,
		  .subdevice = PCI_ANY_ID, .class = 0x020000, .class_mask = 0xffff00 },
		{ 0 }
	};
	static const struct pci_device_id by_subsys[] = {
		{ 0x1af4, 0x1000, 0x1af4, 0x0002, 0, 0, 0 },
		{ 0x1af4, 0x1000, 0x1af4, 0x0001, 0, 0, 7 },
		{ 0 }
	};
	struct pci_dev *virtio, *nic;

	pci_scan();
	virtio = pci_get_slot(0, PCI_DEVFN(5, 0));
	nic = pci_get_slot(0, PCI_DEVFN(2, 0));
	assert_ptr_equal(pci_match_id(test_ids, nic), &test_ids[0]);
	assert_null(pci_match_id(test_ids, virtio));
	assert_null(pci_match_id(test_ids, pci_get_slot(0, PCI_DEVFN(6, 0))));
	assert_ptr_equal(pci_match_id(by_class, virtio), &by_class[0]);
	assert_int_equal(pci_match_id(by_subsys, virtio)->driver_data, 7);
	assert_null(pci_match_id(NULL, virtio));
}

static void test_probe_matching_devices(void **state)
{
	pci_scan();
	assert_int_equal(pci_register_driver(&test_driver), 0);
	assert_int_equal(calls.probes, 3);
	assert_int_equal(calls.probed[0], PCI_DEVFN(2, 0));
	assert_int_equal(calls.data[0], 1);
	assert_int_equal(calls.probed[2], PCI_DEVFN(4, 0));
	assert_int_equal(calls.data[2], 2);
	assert_ptr_equal(pci_get_slot(0, PCI_DEVFN(3, 0))->driver, &test_driver);
	assert_null(pci_get_slot(0, PCI_DEVFN(5, 0))->driver);
	assert_int_equal(fake_irqs_in_use(), 3);

	fake_console_clear();
	char *argv[] = { "lspci", "-v" };
	pci_lspci_cmd(2, argv);
	assert_int_equal(fake_console_count("\tKernel driver in use: testdrv\n"), 3);
	assert_true(fake_console_has("\tInterrupt: pin A line 11, mode MSI (1 vector, IRQ 24)\n"));
	assert_int_equal(pci_register_driver(&test_driver), -EBUSY);
}

static void test_probe_failure_cleans_up(void **state)
{
	struct fake_pci_fn *f = fake_pci_fn_at(0, PCI_DEVFN(3, 0));
	struct pci_dev *dev;

	fail_devfn = PCI_DEVFN(3, 0);
	pci_scan();
	pci_register_driver(&test_driver);
	dev = pci_get_slot(0, PCI_DEVFN(3, 0));
	assert_true(fake_console_has("pci 00:03.0: probe of testdrv failed: ENODEV (-19)"));
	assert_null(dev->driver);
	assert_null(pci_get_drvdata(dev));
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_NONE);
	assert_null(dev->iomap[0]);
	assert_false(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_MASTER);
	assert_int_equal(fake_irqs_in_use(), 2);
	assert_int_equal(fake_ioremap_outstanding, 2);
	assert_int_equal(calls.removes, 0);	/* remove() is only for bound devices */
}

static void test_unregister_removes(void **state)
{
	struct fake_pci_fn *f = fake_pci_fn_at(0, PCI_DEVFN(2, 0));

	pci_scan();
	pci_register_driver(&test_driver);
	assert_true(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_MASTER);
	pci_unregister_driver(&test_driver);
	assert_int_equal(calls.removes, 3);
	assert_int_equal(fake_irqs_in_use(), 0);
	assert_int_equal(fake_ioremap_outstanding, 0);
	assert_false(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_MASTER);
	assert_false(fake_cfg16(f, 0xd0 + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);
	assert_null(pci_get_slot(0, PCI_DEVFN(2, 0))->driver);
	pci_unregister_driver(&test_driver);	/* twice is harmless */
	assert_int_equal(calls.removes, 3);
	/* Registering again binds again ("module load" after "unload"). */
	assert_int_equal(pci_register_driver(&test_driver), 0);
	assert_int_equal(calls.probes, 6);
}

static void test_driver_before_scan_binds_at_init(void **state)
{
	assert_int_equal(pci_register_driver(&test_driver), 0);
	assert_int_equal(calls.probes, 0);
	assert_int_equal(pci_init(), 0);
	assert_int_equal(calls.probes, 3);
}

static void test_bad_driver(void **state)
{
	struct pci_driver nameless = { .id_table = test_ids, .probe = test_probe };

	assert_int_equal(pci_register_driver(&nameless), -EINVAL);
	assert_int_equal(pci_register_driver(NULL), -EINVAL);
	assert_true(fake_console_has("driver needs a name, an id_table and probe()"));
}

/* What a driver's teardown does when its device will not reset: no more DMA,
 * the rest of the command register as it was. */
static void test_clear_master_stops_dma_only(void **state)
{
	struct fake_pci_fn *f = fake_pci_fn_at(0, PCI_DEVFN(2, 0));
	struct pci_dev *dev;

	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(2, 0));
	assert_int_equal(pci_enable_device(dev), 0);
	pci_set_master(dev);
	assert_true(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_MASTER);
	pci_clear_master(dev);
	assert_false(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_MASTER);
	assert_true(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_MEMORY);
	pci_disable_device(dev);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_match_id), T(test_probe_matching_devices), T(test_probe_failure_cleans_up),
		T(test_unregister_removes), T(test_driver_before_scan_binds_at_init),
		T(test_bad_driver), T(test_clear_master_stops_dma_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
