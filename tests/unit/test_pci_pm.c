/*
 * Power states before probe (drivers/pci/pm.c): a function firmware left in
 * D3hot or D2 is brought to D0 with the specification's recovery delay and
 * nothing read before it is over; BARs come back after a reset; one that
 * stays in D3hot is reported as such and not probed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <lib/ktime.h>
#include <drivers/pci/pci.h>
#include "fake/pci_fake.h"

extern u64 fake_now_ns;

static struct fake_pci_fn *nic;
static struct {
	int probes;
	u8 state_at_probe;
	u32 bar0_at_probe;
	u16 command_at_probe;
} seen;

static int pm_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	u32 bar0;

	seen.probes++;
	seen.state_at_probe = dev->current_state;
	pci_read_config_dword(dev, PCI_BASE_ADDRESS_0, &bar0);
	seen.bar0_at_probe = bar0;
	pci_read_config_word(dev, PCI_COMMAND, &seen.command_at_probe);
	return 0;
}

static const struct pci_device_id pm_ids[] = { { PCI_DEVICE(0x8086, 0x10d3) }, { 0 } };
static struct pci_driver pm_driver = { .name = "pmdrv", .id_table = pm_ids, .probe = pm_probe };

/* The 82574L's layout: BAR0 memory, BAR2 I/O, PM capability at 0xc8. */
static void add_nic(u8 state, bool no_soft_reset)
{
	nic = fake_pci_add(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_set_bar(nic, 0, FAKE_BAR_MEM32, 0xfeb80000, 128 << 10);
	fake_pci_set_bar(nic, 2, FAKE_BAR_IO, 0xc000, 32);
	fake_cfg_put16(nic, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	fake_pci_set_irq(nic, 1, 11);
	fake_pci_add_pm(nic, 0xc8, state, no_soft_reset);
}

static int setup(void **state)
{
	fake_pci_reset();
	memset(&seen, 0, sizeof(seen));
	fake_now_ns = 1000 * NSEC_PER_MSEC;
	return 0;
}

static int teardown(void **state)
{
	pci_unregister_driver(&pm_driver);
	fake_pci_reset();
	return 0;
}

static void scan_and_probe(void)
{
	pci_scan();
	assert_int_equal(pci_register_driver(&pm_driver), 0);
}

static void test_d3hot_with_reset_restores_bars(void **state)
{
	u8 before[0x40];

	add_nic(PCI_D3hot, false);
	memcpy(before, nic->cfg, sizeof(before));
	scan_and_probe();
	assert_true(fake_console_has("pci 00:02.0: found in power state D3hot\n"));
	assert_int_equal(seen.probes, 1);
	assert_int_equal(seen.state_at_probe, PCI_D0);
	assert_int_equal(fake_cfg16(nic, 0xc8 + PCI_PM_CTRL) & PCI_PM_CTRL_STATE_MASK, PCI_D0);
	/* The reset cleared the header; the probe saw it as firmware had set it. */
	assert_int_equal(seen.bar0_at_probe, 0xfeb80000);
	assert_int_equal(seen.command_at_probe,
			 PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	assert_memory_equal(before + PCI_BASE_ADDRESS_0, nic->cfg + PCI_BASE_ADDRESS_0, 24);
	assert_int_equal(nic->cfg[PCI_INTERRUPT_LINE], 11);
	assert_int_equal(nic->bar_writes_decode_on, 0);
	/* 10 ms of recovery, with no config read inside it. */
	assert_true(fake_now_ns - nic->pm_d0_at_ns >= 10 * NSEC_PER_MSEC);
	assert_int_equal(nic->pm_early_reads, 0);
	assert_int_equal(nic->pm_writes, 1);
	assert_true(fake_console_has("pci 00:02.0: brought from D3hot to D0; BARs restored after its reset\n"));
}

static void test_d3hot_without_reset_keeps_bars(void **state)
{
	add_nic(PCI_D3hot, true);
	scan_and_probe();
	assert_int_equal(seen.probes, 1);
	assert_int_equal(seen.bar0_at_probe, 0xfeb80000);
	assert_int_equal(nic->pm_early_reads, 0);
	assert_true(fake_console_has("pci 00:02.0: brought from D3hot to D0\n"));
	assert_false(fake_console_has("BARs restored"));
}

static void test_d2_waits_200us(void **state)
{
	u64 t0;

	add_nic(PCI_D2, false);
	pci_scan();
	t0 = fake_now_ns;
	assert_int_equal(pci_register_driver(&pm_driver), 0);
	assert_int_equal(seen.probes, 1);
	assert_true(fake_now_ns - t0 >= 200 * NSEC_PER_USEC);
	assert_true(fake_now_ns - t0 < 10 * NSEC_PER_MSEC);
	assert_true(fake_console_has("pci 00:02.0: brought from D2 to D0\n"));
}

static void test_stuck_in_d3hot_is_reported_not_probed(void **state)
{
	add_nic(PCI_D3hot, false);
	nic->pm_stuck = true;
	scan_and_probe();
	assert_int_equal(seen.probes, 0);
	assert_int_equal(pci_get_slot(0, PCI_DEVFN(2, 0))->current_state, PCI_D3hot);
	assert_null(pci_get_slot(0, PCI_DEVFN(2, 0))->driver);
	assert_true(fake_console_has("pci 00:02.0: still in D3hot after the transition from D3hot "
				     "to D0; the device is unusable\n"));
	assert_true(fake_console_has("pci 00:02.0: not probing pmdrv: the device is not in D0\n"));
}

/* PME_Status is write-one-to-clear: waking the device must not clear it by accident. */
static void test_pme_status_left_alone(void **state)
{
	add_nic(PCI_D3hot, true);
	fake_cfg_put16(nic, 0xc8 + PCI_PM_CTRL, fake_cfg16(nic, 0xc8 + PCI_PM_CTRL) |
		       PCI_PM_CTRL_PME_STATUS | 0x0100);
	scan_and_probe();
	assert_int_equal(nic->pm_writes, 1);
	assert_int_equal(nic->pm_last_write & PCI_PM_CTRL_PME_STATUS, 0);
	assert_int_equal(nic->pm_last_write & 0x0100, 0x0100);	/* PME_En kept */
	assert_true(fake_cfg16(nic, 0xc8 + PCI_PM_CTRL) & PCI_PM_CTRL_PME_STATUS);
}

/* Already in D0, or no capability at all: PMCSR is not written. */
static void test_d0_and_no_capability_untouched(void **state)
{
	struct fake_pci_fn *plain = fake_pci_add(0, 3, 0, 0x8086, 0x10d3, 0x020000, 0);

	add_nic(PCI_D0, false);
	scan_and_probe();
	assert_int_equal(seen.probes, 2);
	assert_int_equal(nic->pm_writes, 0);
	assert_int_equal(pci_get_slot(0, PCI_DEVFN(3, 0))->pm_cap, 0);
	assert_int_equal(pci_get_slot(0, PCI_DEVFN(3, 0))->current_state, PCI_D0);
	assert_false(fake_console_has("power state"));
	(void)plain;
}

static void test_lspci_shows_the_power_state(void **state)
{
	char *v[] = { "lspci", "-v" };

	add_nic(PCI_D3hot, true);
	pci_scan();
	fake_console_clear();
	assert_int_equal(pci_lspci_cmd(2, v), 0);
	assert_true(fake_console_has("\tCapabilities: [c8] Power Management version 3: "
				     "Status: D3hot NoSoftRst+\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_d3hot_with_reset_restores_bars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_d3hot_without_reset_keeps_bars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_d2_waits_200us, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stuck_in_d3hot_is_reported_not_probed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pme_status_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_d0_and_no_capability_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lspci_shows_the_power_state, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
