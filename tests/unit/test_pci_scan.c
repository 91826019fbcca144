/*
 * drivers/pci enumeration against a fake configuration space: the tree,
 * bridges (good, unconfigured, looping), multifunction and aliasing
 * devices, BAR sizing, capability walks (good and malformed), both config
 * mechanisms, and the lspci-style listing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <lib/printk.h>
#include <drivers/pci/pci.h>
#include "fake/pci_fake.h"

static struct fake_pci_fn *nic, *below;

/*
 * bus 0: 00.0 host bridge, 01.0 VGA, 02.0 82574L (MSI-X, MSI, PCIe caps),
 *        03.0 bridge to bus 1, 04.0 bridge firmware left unnumbered,
 *        05.0 looping capability list, 06.0 capability pointer into the header,
 *        07.0 single-function device that aliases on every function number,
 *        1f.0/.2/.3 multifunction chipset
 * bus 1: 00.0 82540EM with 64-bit BARs, 01.0 bridge pointing back at bus 1
 */
static void build_tree(void)
{
	struct fake_pci_fn *f;

	fake_pci_add(0, 0, 0, 0x8086, 0x29c0, 0x060000, 0);
	f = fake_pci_add(0, 1, 0, 0x1234, 0x1111, 0x030000, 0);
	f->cfg[PCI_CLASS_REVISION] = 0x02;
	fake_pci_set_bar(f, 0, FAKE_BAR_MEM32, 0xfd000000, 16 << 20);

	nic = fake_pci_add(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_set_bar(nic, 0, FAKE_BAR_MEM32, 0xfeb80000, 128 << 10);
	fake_pci_set_bar(nic, 1, FAKE_BAR_MEM32, 0xfeba0000, 128 << 10);
	fake_pci_set_bar(nic, 2, FAKE_BAR_IO, 0xc000, 32);
	fake_pci_set_bar(nic, 3, FAKE_BAR_MEM32, 0xfebc0000, 16 << 10);
	fake_cfg_put16(nic, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	fake_pci_set_irq(nic, 1, 11);
	fake_pci_add_pm(nic, 0xc8, PCI_D0, false);
	fake_pci_add_msi(nic, 0xd0, true, false);
	fake_pci_add_cap(nic, 0xe0, PCI_CAP_ID_EXP, 0x3c);
	fake_cfg_put16(nic, 0xe0 + PCI_EXP_FLAGS, 0x0002);	/* v2 endpoint */
	fake_pci_add_msix(nic, 0xa0, 5, 3, 0, 3, 0x2000);
	fake_cfg_put32(nic, 0x100, 0x14010001);	/* an extended capability header */

	f = fake_pci_add(0, 3, 0, 0x1b36, 0x0001, 0x060400, 1);
	fake_pci_set_bridge(f, 0, 1, 1);
	fake_pci_add(0, 4, 0, 0x1b36, 0x0001, 0x060400, 1);	/* bus numbers 0 */

	f = fake_pci_add(0, 5, 0, 0x1af4, 0x1000, 0x020000, 0);
	fake_pci_add_cap(f, 0x40, PCI_CAP_ID_VNDR, 16);
	fake_pci_add_cap(f, 0x50, PCI_CAP_ID_MSIX, 12);
	fake_pci_set_cap_next(f, 0x50, 0x40);
	f = fake_pci_add(0, 6, 0, 0x1234, 0x5678, 0xff0000, 0);
	fake_pci_add_cap(f, 0x40, PCI_CAP_ID_PM, 8);
	fake_pci_set_cap_next(f, 0x40, 0x20);

	for (int fn = 0; fn < 8; fn++)
		fake_pci_add(0, 7, (u8)fn, 0x8086, 0x7010, 0x010180, 0);

	fake_pci_add(0, 0x1f, 0, 0x8086, 0x2918, 0x060100, 0x80);
	f = fake_pci_add(0, 0x1f, 2, 0x8086, 0x2922, 0x010601, 0);
	fake_pci_set_bar(f, 5, FAKE_BAR_MEM32, 0xfebd1000, 4096);
	fake_pci_add(0, 0x1f, 3, 0x8086, 0x2930, 0x0c0500, 0);

	below = fake_pci_add(1, 0, 0, 0x8086, 0x100e, 0x020000, 0);
	below->cfg[PCI_CLASS_REVISION] = 0x03;
	fake_pci_set_bar(below, 0, FAKE_BAR_MEM64_PREF, 0x400000000ull, 8ull << 30);
	fake_pci_set_bar(below, 2, FAKE_BAR_MEM64, 0xfe000000, 16 << 10);
	fake_cfg_put16(below, PCI_COMMAND, PCI_COMMAND_MEMORY);
	f = fake_pci_add(1, 1, 0, 0x1b36, 0x0001, 0x060400, 1);
	fake_pci_set_bridge(f, 1, 1, 1);
}

static int setup(void **state)
{
	fake_pci_reset();
	build_tree();
	return 0;
}

static int teardown(void **state)
{
	fake_pci_reset();
	return 0;
}

static const u8 expected[][2] = {
	{ 0, 0x00 }, { 0, 0x08 }, { 0, 0x10 }, { 0, 0x18 }, { 0, 0x20 }, { 0, 0x28 },
	{ 0, 0x30 }, { 0, 0x38 }, { 0, 0xf8 }, { 0, 0xfa }, { 0, 0xfb }, { 1, 0x00 },
	{ 1, 0x08 },
};

/* One vendor read per empty slot and per missing function of 1f (23 + 5 + 30), and
 * one per slot of each bus the search for peer root buses probes (2..last_bus). */
static int absent_reads_for(unsigned int last_bus)
{
	return 58 + 32 * (int)(last_bus - 1);
}

static void check_tree(void)
{
	struct pci_dev *dev;
	size_t i = 0;

	for_each_pci_dev(dev) {
		assert_true(i < ARRAY_SIZE(expected));
		assert_int_equal(dev->bus, expected[i][0]);
		assert_int_equal(dev->devfn, expected[i][1]);
		i++;
	}
	assert_int_equal(i, ARRAY_SIZE(expected));
	assert_int_equal(fake_pci_absent_reads, absent_reads_for(pci_last_bus()));

	dev = pci_get_slot(1, 0);
	assert_non_null(dev);
	assert_int_equal(dev->vendor, 0x8086);
	assert_int_equal(dev->device, 0x100e);
	assert_int_equal(dev->revision, 3);
	assert_ptr_equal(dev->parent, pci_get_slot(0, PCI_DEVFN(3, 0)));
	assert_true(pci_get_slot(0, PCI_DEVFN(0x1f, 0))->multifunction);
	assert_null(pci_get_slot(0, PCI_DEVFN(7, 1)));
	assert_int_equal(pci_get_slot(0, PCI_DEVFN(3, 0))->secondary, 1);
	assert_true(fake_console_has("pci 00:04.0: bridge has no bus number"));
	assert_true(fake_console_has("pci 01:01.0: bridge to bus 01-01 from bus 01 would loop"));
}

static void test_scan_type1(void **state)
{
	assert_int_equal(pci_scan(), (int)ARRAY_SIZE(expected));
	check_tree();
	assert_int_equal(fake_pci_ecam_accesses, 0);
	assert_int_equal(pci_scan(), -EBUSY);	/* no duplicates */
}

static void test_scan_ecam(void **state)
{
	fake_pci_enable_mcfg(3);
	assert_int_equal(pci_config_init(), 0);
	assert_ptr_equal(pci_get_ops(), &pci_ecam_ops);
	assert_true(fake_console_has("PCI: using ECAM at 0xb0000000 for buses 00-03\n"));
	assert_int_equal(pci_scan(), (int)ARRAY_SIZE(expected));
	check_tree();
	assert_int_equal(fake_pci_port_accesses, 0);
	assert_true(fake_pci_ecam_accesses > 0);
}

/*
 * A NIC on bus 40 (0x28) behind the bridge at 01:01.0, an extended capability
 * at 0x100, and an MCFG window for buses 0..mcfg_end; returns the NIC after
 * the scan.
 */
static struct pci_dev *scan_with_nic_on_bus_40(u8 mcfg_end)
{
	struct fake_pci_fn *f = fake_pci_add(40, 0, 0, 0x8086, 0x10d3, 0x020000, 0);
	struct pci_dev *dev;

	fake_cfg_put32(f, 0x100, 0x14010001);
	fake_pci_set_bridge(fake_pci_fn_at(1, PCI_DEVFN(1, 0)), 1, 40, 40);
	fake_pci_enable_mcfg(mcfg_end);
	pci_config_init();
	assert_int_equal(pci_last_bus(), mcfg_end);
	fake_pci_port_accesses = 0;
	pci_scan();
	dev = pci_get_slot(40, 0);
	assert_non_null(dev);
	assert_int_equal(dev->device, 0x10d3);
	return dev;
}

/* A window for 256 buses is mapped whole: bus 40's extended config space is reachable. */
static void test_ecam_reaches_every_bus_mcfg_describes(void **state)
{
	struct pci_dev *dev = scan_with_nic_on_bus_40(255);
	u32 v;

	assert_true(fake_console_has("PCI: using ECAM at 0xb0000000 for buses 00-ff\n"));
	assert_int_equal(pci_read_config_dword(dev, 0x100, &v), 0);
	assert_int_equal(v, 0x14010001);
	assert_int_equal(fake_pci_port_accesses, 0);
}

/* A bridge numbered past MCFG's window: type 1 still reaches its first 256 bytes. */
static void test_bus_outside_the_window_falls_back_to_ports(void **state)
{
	struct pci_dev *dev = scan_with_nic_on_bus_40(3);
	u32 v;

	assert_true(fake_pci_port_accesses > 0);
	assert_int_equal(pci_read_config_dword(dev, 0x100, &v), -ENODEV);
	assert_true(fake_console_has("pci 28:00.0: bus outside the mapped ECAM window; offset 0x100 unreachable"));
	assert_int_equal(v, 0xffffffff);
}

/*
 * A second host bridge's bus (64, as QEMU's pxb-pcie bus_nr=64) that no
 * bridge on bus 0 leads to, with a root port to bus 65 and a NIC there;
 * holes between the buses; and a bus already reached through a bridge
 * is not taken for a root again.
 */
static void test_peer_root_buses_are_found(void **state)
{
	struct fake_pci_fn *rp;
	struct pci_dev *nic2;

	fake_pci_add(64, 0, 0, 0x1b36, 0x000c, 0x060400, 1);	/* a root port */
	rp = fake_pci_fn_at(64, 0);
	fake_pci_set_bridge(rp, 64, 65, 65);
	fake_pci_add(65, 0, 0, 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_add(200, 3, 0, 0x8086, 0x1234, 0x088000, 0);	/* a third root, slot 3 only */
	fake_pci_enable_mcfg(255);
	pci_config_init();
	assert_int_equal(pci_scan(), (int)ARRAY_SIZE(expected) + 3);
	nic2 = pci_get_slot(65, 0);
	assert_non_null(nic2);
	assert_ptr_equal(nic2->parent, pci_get_slot(64, 0));
	assert_null(pci_get_slot(64, 0)->parent);
	assert_non_null(pci_get_slot(200, PCI_DEVFN(3, 0)));
	assert_true(fake_console_has("PCI: root bus 40 (no bridge from bus 00 leads to it): 2 functions\n"));
	assert_true(fake_console_has("PCI: root bus c8 (no bridge from bus 00 leads to it): 1 function\n"));
	assert_false(fake_console_has("PCI: root bus 41"));	/* reached through the root port */
	assert_false(fake_console_has("PCI: root bus 01"));	/* reached from bus 0 */
	assert_false(fake_console_has("bridge to bus 41-41 from bus 40 would loop"));
}

/* Type 1 names 256 buses too: a peer root is found without MCFG. */
static void test_peer_root_bus_over_ports(void **state)
{
	fake_pci_add(128, 1, 0, 0x8086, 0x10d3, 0x020000, 0);
	assert_int_equal(pci_last_bus(), 255);
	assert_int_equal(pci_scan(), (int)ARRAY_SIZE(expected) + 1);
	assert_non_null(pci_get_slot(128, PCI_DEVFN(1, 0)));
	assert_true(fake_console_has("PCI: root bus 80 (no bridge from bus 00 leads to it): 1 function\n"));
}

static void test_no_mcfg_uses_ports(void **state)
{
	pci_set_ops(&pci_ecam_ops);
	assert_int_equal(pci_config_init(), 0);
	assert_ptr_equal(pci_get_ops(), &pci_type1_ops);
	assert_true(fake_console_has("port I/O (type 1)"));
}

static void test_bars_sized_and_restored(void **state)
{
	struct fake_pci_fn *before = malloc(sizeof(*nic));
	struct pci_dev *dev;

	memcpy(before, nic, sizeof(*nic));
	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(2, 0));
	assert_int_equal(pci_resource_start(dev, 0), 0xfeb80000);
	assert_int_equal(pci_resource_len(dev, 0), 128 << 10);
	assert_int_equal(pci_resource_flags(dev, 0), IORESOURCE_MEM);
	assert_int_equal(pci_resource_start(dev, 2), 0xc000);
	assert_int_equal(pci_resource_len(dev, 2), 32);
	assert_int_equal(pci_resource_flags(dev, 2), IORESOURCE_IO);
	assert_int_equal(pci_resource_len(dev, 3), 16 << 10);
	assert_int_equal(pci_resource_len(dev, 4), 0);
	assert_int_equal(pci_resource_len(dev, 9), 0);
	/* Every BAR and COMMAND is as firmware left it; decode was off while sizing. */
	assert_memory_equal(before->cfg, nic->cfg, 0x40);
	assert_int_equal(nic->bar_writes_decode_on, 0);
	free(before);

	dev = pci_get_slot(1, 0);
	assert_int_equal(pci_resource_start(dev, 0), 0x400000000ull);
	assert_int_equal(pci_resource_len(dev, 0), 8ull << 30);
	assert_int_equal(pci_resource_flags(dev, 0),
			 IORESOURCE_MEM | IORESOURCE_MEM_64 | IORESOURCE_PREFETCH);
	assert_int_equal(pci_resource_len(dev, 1), 0);	/* upper half of BAR0 */
	assert_int_equal(pci_resource_start(dev, 2), 0xfe000000);
	assert_int_equal(pci_resource_len(dev, 2), 16 << 10);
	assert_int_equal(pci_resource_flags(dev, 2), IORESOURCE_MEM | IORESOURCE_MEM_64);
	assert_int_equal(fake_cfg32(below, 0x10), 0x0000000c);
	assert_int_equal(fake_cfg32(below, 0x14), 0x4);
	assert_int_equal(fake_cfg16(below, PCI_COMMAND), PCI_COMMAND_MEMORY);
	assert_int_equal(below->bar_writes_decode_on, 0);
}

static void test_64bit_bar_in_last_slot(void **state)
{
	struct fake_pci_fn *f = fake_pci_add(2, 0, 0, 0x1234, 0x0001, 0x020000, 0);

	fake_pci_set_bar(f, 5, FAKE_BAR_MEM64, 0xe0000000, 4096);
	fake_pci_set_bridge(fake_pci_fn_at(1, PCI_DEVFN(1, 0)), 1, 2, 2);
	pci_scan();
	assert_true(fake_console_has("pci 02:00.0: BAR5 is 64-bit but is the last BAR"));
	assert_int_equal(pci_resource_len(pci_get_slot(2, 0), 5), 0);
}

static void test_enable_device_and_unassigned_bar(void **state)
{
	struct fake_pci_fn *f = fake_pci_add(0, 9, 0, 0x8086, 0x10d3, 0x020000, 0);
	struct pci_dev *dev;

	fake_pci_set_bar(f, 0, FAKE_BAR_MEM32, 0xfe000000, 128 << 10);
	fake_pci_set_bar(f, 2, FAKE_BAR_IO, 0, 32);	/* firmware ran out of I/O space */
	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(9, 0));
	assert_true(pci_resource_flags(dev, 2) & IORESOURCE_UNSET);
	assert_int_equal(pci_enable_device(dev), 0);
	assert_int_equal(fake_cfg16(f, PCI_COMMAND), PCI_COMMAND_MEMORY);
	assert_true(fake_console_has("pci 00:09.0: BAR2 has no address assigned; left disabled"));
	assert_null(pci_iomap(dev, 2, 0));
	assert_true(fake_console_has("pci 00:09.0: pci_iomap: BAR2 is I/O space"));
	assert_null(pci_iomap(dev, 4, 0));
	pci_set_master(dev);
	assert_int_equal(fake_cfg16(f, PCI_COMMAND), PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	pci_disable_device(dev);
	assert_int_equal(fake_cfg16(f, PCI_COMMAND), PCI_COMMAND_MEMORY);
}

static void test_capabilities(void **state)
{
	struct pci_dev *dev;

	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(2, 0));
	assert_int_equal(dev->msix_cap, 0xa0);
	assert_int_equal(dev->msi_cap, 0xd0);
	assert_int_equal(dev->pcie_cap, 0xe0);
	assert_false(dev->cap_list_broken);
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_PM), 0xc8);
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_VNDR), 0);
	assert_int_equal(pci_get_slot(0, PCI_DEVFN(3, 0))->msi_cap, 0);
}

static void test_malformed_capability_lists(void **state)
{
	struct pci_dev *looping, *low;

	pci_scan();
	looping = pci_get_slot(0, PCI_DEVFN(5, 0));
	low = pci_get_slot(0, PCI_DEVFN(6, 0));
	assert_true(looping->cap_list_broken);
	assert_int_equal(looping->msix_cap, 0x50);	/* found before the loop closed */
	assert_int_equal(pci_find_capability(looping, PCI_CAP_ID_EXP), 0);
	assert_true(fake_console_has("pci 00:05.0: capability list loops at 0x40"));
	assert_true(low->cap_list_broken);
	assert_true(fake_console_has("pci 00:06.0: capability list points into the standard header at 0x20"));
	/* The scan went on past both. */
	assert_non_null(pci_get_slot(0, PCI_DEVFN(0x1f, 3)));
}

static void test_extended_config_needs_ecam(void **state)
{
	struct pci_dev *dev;
	u32 v = 0;

	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(2, 0));
	assert_int_equal(pci_read_config_dword(dev, 0x100, &v), -EINVAL);
	assert_int_equal(v, 0xffffffff);
	assert_true(fake_console_has("config offset 0x100 is extended config space"));
	assert_int_equal(pci_write_config_dword(dev, 0x100, 0), -EINVAL);
	assert_int_equal(pci_read_config_dword(dev, 0x3e, &v), -EINVAL);	/* misaligned */

	fake_pci_enable_mcfg(3);
	pci_config_init();
	assert_int_equal(pci_read_config_dword(dev, 0x100, &v), 0);
	assert_int_equal(v, 0x14010001);
	assert_int_equal(pci_read_config_dword(dev, 0x1000, &v), -EINVAL);
}

static void test_boot_listing(void **state)
{
	const char *a, *b;

	console_loglevel = 6;
	assert_int_equal(pci_init(), 0);
	assert_true(fake_console_has("PCI: 13 functions found"));
	assert_true(fake_console_has("00:02.0 Ethernet controller [0200]: Intel Corporation "
				     "82574L Gigabit Network Connection [8086:10d3]\n"));
	assert_true(fake_console_has("00:01.0 VGA compatible controller [0300]: Device [1234:1111] (rev 02)\n"));
	assert_true(fake_console_has("00:06.0 Class [ff00]: Device [1234:5678]\n"));
	assert_true(fake_console_has("00:00.0 Host bridge [0600]: Intel Corporation 82G33/G31/P35/P31 "
				     "Express DRAM Controller [8086:29c0]\n"));
	assert_true(fake_console_has("01:00.0 Ethernet controller [0200]: Intel Corporation 82540EM "
				     "Gigabit Ethernet Controller [8086:100e] (rev 03)\n"));
	/* Sorted by bus:devfn although the scan went into bus 1 at 00:03.0. */
	a = strstr(fake_console, "00:1f.3 SMBus");
	b = strstr(fake_console, "01:00.0 Ethernet");
	assert_true(a && b && a < b);
	assert_false(fake_console_has("Region"));	/* details are KERN_DEBUG */

	pci_destroy_devices();
	fake_console_clear();
	console_loglevel = 7;
	pci_init();
	assert_true(fake_console_has("\tRegion 0: Memory at feb80000 (32-bit, non-prefetchable) [size=128K]\n"));
	assert_true(fake_console_has("\tRegion 2: I/O ports at c000 [size=32]\n"));
	assert_true(fake_console_has("\tRegion 0: Memory at 400000000 (64-bit, prefetchable) [size=8G]\n"));
	assert_true(fake_console_has("\tInterrupt: pin A line 11, mode none\n"));
	assert_int_equal(fake_console_count("\tInterrupt:"), 1);	/* only where there is one */
}

static void test_lspci_command(void **state)
{
	char *v[] = { "lspci", "-v" }, *bad[] = { "lspci", "-x" };

	pci_scan();
	console_loglevel = 0;	/* shell output is not subject to the loglevel */
	assert_int_equal(pci_lspci_cmd(1, v), 0);
	assert_true(fake_console_has("00:02.0 Ethernet controller [0200]"));
	assert_false(fake_console_has("Capabilities"));
	fake_console_clear();
	assert_int_equal(pci_lspci_cmd(2, v), 0);
	assert_true(fake_console_has("\tCapabilities: [a0] MSI-X: Enable- Count=5 Masked- "
				     "Vector table: BAR=3 offset=00000000 PBA: BAR=3 offset=00002000\n"));
	assert_true(fake_console_has("\tCapabilities: [d0] MSI: Enable- Count=1/4 Maskable- 64bit+\n"));
	assert_true(fake_console_has("\tCapabilities: [e0] Express (v2) Endpoint\n"));
	assert_true(fake_console_has("\tCapabilities: [c8] Power Management version 3: Status: D0 NoSoftRst-\n"));
	assert_true(fake_console_has("\tCapabilities: <list loops at 40>\n"));
	assert_true(fake_console_has("\tBus: primary=00, secondary=01, subordinate=01\n"));
	fake_console_clear();
	assert_int_equal(pci_lspci_cmd(2, bad), -EINVAL);
	assert_true(fake_console_has("usage: lspci [-v]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_type1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_ecam, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ecam_reaches_every_bus_mcfg_describes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bus_outside_the_window_falls_back_to_ports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_root_buses_are_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_root_bus_over_ports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_mcfg_uses_ports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bars_sized_and_restored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_64bit_bar_in_last_slot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enable_device_and_unassigned_bar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_capabilities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_capability_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extended_config_needs_ecam, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_listing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lspci_command, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
