/*
 * pci_disable_link_state() (drivers/pci/aspm.c): the ASPM Control bits of
 * Link Control are cleared in the device, the functions sharing its link
 * and the upstream port, nothing else in those registers changes, and the
 * log says what was on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <drivers/pci/pci.h>
#include "fake/pci_fake.h"

#define PORT_CAP	0x40
#define NIC_CAP		0xe0
/* Common Clock Configuration and Extended Synch: bits ASPM must leave alone. */
#define LNKCTL_OTHER	0x00c0

static struct fake_pci_fn *port, *nic;

/* A root port at 00:1c.0 leading to bus 1, an 82574L at 01:00.0; both with ASPM on. */
static int setup(void **state)
{
	fake_pci_reset();
	port = fake_pci_add(0, 0x1c, 0, 0x8086, 0x1c10, 0x060400, PCI_HEADER_TYPE_BRIDGE);
	fake_pci_set_bridge(port, 0, 1, 1);
	fake_pci_add_cap(port, PORT_CAP, PCI_CAP_ID_EXP, 0x3c);
	fake_cfg_put16(port, PORT_CAP + PCI_EXP_LNKCTL, LNKCTL_OTHER | PCI_EXP_LNKCTL_ASPMC);
	nic = fake_pci_add(1, 0, 0, 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_add_cap(nic, NIC_CAP, PCI_CAP_ID_EXP, 0x3c);
	fake_cfg_put16(nic, NIC_CAP + PCI_EXP_LNKCTL, LNKCTL_OTHER | PCI_EXP_LNKCTL_ASPMC);
	return 0;
}

static int teardown(void **state)
{
	fake_pci_reset();
	return 0;
}

static struct pci_dev *scanned(u8 bus, u8 devfn)
{
	struct pci_dev *dev;

	if (list_empty(&pci_devices))
		pci_scan();
	dev = pci_get_slot(bus, devfn);
	assert_non_null(dev);
	return dev;
}

static void test_both_ends_of_the_link_lose_l0s_and_l1(void **state)
{
	struct pci_dev *dev = scanned(1, PCI_DEVFN(0, 0));

	assert_ptr_equal(dev->parent, scanned(0, PCI_DEVFN(0x1c, 0)));
	fake_console_clear();
	assert_int_equal(pci_disable_link_state(dev, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1), 0);
	assert_int_equal(fake_cfg16(nic, NIC_CAP + PCI_EXP_LNKCTL), LNKCTL_OTHER);
	assert_int_equal(fake_cfg16(port, PORT_CAP + PCI_EXP_LNKCTL), LNKCTL_OTHER);
	assert_true(fake_console_has("pci 01:00.0: ASPM L0s L1 disabled\n"));
	assert_true(fake_console_has("pci 00:1c.0: ASPM L0s L1 disabled (upstream port of 01:00.0)\n"));
}

static void test_only_the_states_asked_for(void **state)
{
	struct pci_dev *dev = scanned(1, PCI_DEVFN(0, 0));

	/* The port had only L1 on: that is all its message names. */
	fake_cfg_put16(port, PORT_CAP + PCI_EXP_LNKCTL, LNKCTL_OTHER | PCI_EXP_LNKCTL_ASPM_L1);
	fake_console_clear();
	assert_int_equal(pci_disable_link_state(dev, PCIE_LINK_STATE_L1), 0);
	assert_int_equal(fake_cfg16(nic, NIC_CAP + PCI_EXP_LNKCTL),
			 LNKCTL_OTHER | PCI_EXP_LNKCTL_ASPM_L0S);
	assert_int_equal(fake_cfg16(port, PORT_CAP + PCI_EXP_LNKCTL), LNKCTL_OTHER);
	assert_true(fake_console_has("pci 01:00.0: ASPM L1 disabled\n"));
	assert_true(fake_console_has("pci 00:1c.0: ASPM L1 disabled (upstream port of 01:00.0)\n"));
}

static void test_a_second_function_on_the_link_follows(void **state)
{
	struct fake_pci_fn *fn1;
	struct pci_dev *dev;

	nic->cfg[PCI_HEADER_TYPE] |= PCI_HEADER_MULTIFUNC;
	fn1 = fake_pci_add(1, 0, 1, 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_add_cap(fn1, NIC_CAP, PCI_CAP_ID_EXP, 0x3c);
	fake_cfg_put16(fn1, NIC_CAP + PCI_EXP_LNKCTL, PCI_EXP_LNKCTL_ASPM_L0S);
	dev = scanned(1, PCI_DEVFN(0, 0));
	fake_console_clear();
	assert_int_equal(pci_disable_link_state(dev, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1), 0);
	assert_int_equal(fake_cfg16(fn1, NIC_CAP + PCI_EXP_LNKCTL), 0);
	assert_true(fake_console_has("pci 01:00.1: ASPM L0s disabled (function sharing the link of 01:00.0)\n"));
}

/* On bus 0 there is no upstream port: only the device's own register. */
static void test_root_bus_device_has_only_its_own(void **state)
{
	struct fake_pci_fn *onboard = fake_pci_add(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0);
	struct pci_dev *dev;

	fake_pci_add_cap(onboard, NIC_CAP, PCI_CAP_ID_EXP, 0x3c);
	fake_cfg_put16(onboard, NIC_CAP + PCI_EXP_LNKCTL, PCI_EXP_LNKCTL_ASPM_L1);
	dev = scanned(0, PCI_DEVFN(2, 0));
	assert_null(dev->parent);
	fake_console_clear();
	assert_int_equal(pci_disable_link_state(dev, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1), 0);
	assert_int_equal(fake_cfg16(onboard, NIC_CAP + PCI_EXP_LNKCTL), 0);
	assert_int_equal(fake_cfg16(port, PORT_CAP + PCI_EXP_LNKCTL), LNKCTL_OTHER | PCI_EXP_LNKCTL_ASPMC);
	assert_int_equal(fake_console_count("ASPM"), 1);
}

static void test_already_off_and_not_pcie(void **state)
{
	struct fake_pci_fn *legacy = fake_pci_add(0, 3, 0, 0x8086, 0x100e, 0x020000, 0);
	struct pci_dev *dev;

	(void)legacy;
	fake_cfg_put16(nic, NIC_CAP + PCI_EXP_LNKCTL, LNKCTL_OTHER);
	fake_cfg_put16(port, PORT_CAP + PCI_EXP_LNKCTL, LNKCTL_OTHER);
	dev = scanned(1, PCI_DEVFN(0, 0));
	fake_console_clear();
	assert_int_equal(pci_disable_link_state(dev, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1), 0);
	assert_true(fake_console_has("pci 01:00.0: ASPM L0s L1 already off on its link\n"));
	assert_int_equal(pci_disable_link_state(scanned(0, PCI_DEVFN(3, 0)), PCIE_LINK_STATE_L1),
			 -EINVAL);
	assert_true(fake_console_has("pci 00:03.0: not PCI Express: no ASPM to disable\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_both_ends_of_the_link_lose_l0s_and_l1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_the_states_asked_for, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_second_function_on_the_link_follows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_bus_device_has_only_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_already_off_and_not_pcie, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
