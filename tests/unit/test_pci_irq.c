/*
 * pci_alloc_irq_vectors() and friends against the fake config space: MSI-X
 * tables in a BAR (host buffer), MSI in its 32/64-bit and maskable forms,
 * INTx through the line register and MADT overrides, fallbacks and leaks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"

#include <lib/errno.h>
#include <arch/x86_64/acpi.h>
#include <drivers/pci/pci.h>
#include "fake/pci_fake.h"

#define MSIX_POS	0xa0
#define MSI_POS		0xd0

static struct fake_pci_fn *fn;
static u8 *bar3;

/* An 82574L-like function: MSI-X (5 entries, table and PBA in BAR3), 64-bit MSI, INTA on 11. */
static struct pci_dev *nic(bool with_msix, bool with_msi)
{
	fn = fake_pci_add(0, 2, 0, 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_set_bar(fn, 0, FAKE_BAR_MEM32, 0xfeb80000, 128 << 10);
	fake_pci_set_bar(fn, 3, FAKE_BAR_MEM32, 0xfebc0000, 16 << 10);
	fake_pci_set_irq(fn, 1, 11);
	fake_cfg_put16(fn, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE);
	if (with_msi)
		fake_pci_add_msi(fn, MSI_POS, true, false);
	if (with_msix)
		fake_pci_add_msix(fn, MSIX_POS, 5, 3, 0, 3, 0x2000);
	bar3 = fake_pci_back_bar(fn, 3);
	/* Entries come out of reset masked (6.8.2.9) but with junk in them. */
	memset(bar3, 0x5a, 5 * 16);
	pci_scan();
	struct pci_dev *dev = pci_get_slot(0, PCI_DEVFN(2, 0));
	assert_int_equal(pci_enable_device(dev), 0);
	pci_set_master(dev);
	return dev;
}

static u32 entry(unsigned int i, unsigned int reg)
{
	u32 v;

	memcpy(&v, bar3 + i * 16 + reg, 4);
	return v;
}

static int setup(void **state)
{
	fake_pci_reset();
	return 0;
}

static int teardown(void **state)
{
	fake_pci_reset();
	return 0;
}

static void test_msix_programs_table(void **state)
{
	struct pci_dev *dev;
	u16 ctrl;

	fake_lapic_id = 2;
	dev = nic(true, true);
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_ALL_TYPES), 3);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_MSIX);
	for (unsigned int i = 0; i < 3; i++) {
		int irq = pci_irq_vector(dev, i);

		assert_true(irq >= NR_IRQS_LEGACY);
		assert_int_equal(entry(i, 0), 0xfee02000);
		assert_int_equal(entry(i, 4), 0);
		assert_int_equal(entry(i, 8), 0x30 + irq);
		assert_string_equal(fake_irq_chip[irq]->name, "PCI-MSI-X");
	}
	assert_int_equal(pci_irq_vector(dev, 3), -EINVAL);
	for (unsigned int i = 0; i < 5; i++)	/* masked until request_irq() unmasks */
		assert_int_equal(entry(i, 12) & 1, 1);
	ctrl = fake_cfg16(fn, MSIX_POS + PCI_MSIX_FLAGS);
	assert_true(ctrl & PCI_MSIX_FLAGS_ENABLE);
	assert_false(ctrl & PCI_MSIX_FLAGS_MASKALL);
	assert_int_equal(fake_msix_unsafe_writes, 0);
	assert_true(fake_cfg16(fn, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
	assert_false(fake_cfg16(fn, MSI_POS + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);
	assert_int_equal(fake_irqs_in_use(), 3);
	assert_int_equal(fake_ioremap_outstanding, 1);
}

/*
 * msix_alloc_irqs() alone, seen through the fake IRQ core: whether the table
 * is then programmed or not (lab irq grades that apart), an IRQ was asked
 * for per vector, and all of them are kept or all given back.
 */
static void test_msix_allocates_one_irq_per_vector(void **state)
{
	struct pci_dev *dev = nic(true, false);
	int ret = pci_alloc_irq_vectors(dev, 3, 3, PCI_IRQ_MSIX);

	assert_int_equal(fake_irq_allocs, 3);
	assert_int_equal(fake_irqs_in_use(), ret == 3 ? 3 : 0);
	if (ret == 3) {
		for (unsigned int i = 0; i < 3; i++)
			for (unsigned int j = 0; j < i; j++)
				assert_int_not_equal(pci_irq_vector(dev, i), pci_irq_vector(dev, j));
		pci_free_irq_vectors(dev);
	}
	/* Two IRQs left for four entries, three needed: it stops at the failure,
	 * and what it got goes back. */
	fake_irq_available = 2;
	fake_irq_allocs = 0;
	assert_true(pci_alloc_irq_vectors(dev, 3, 4, PCI_IRQ_MSIX) < 0);
	assert_int_equal(fake_irq_allocs, 2);
	assert_int_equal(fake_irqs_in_use(), 0);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_NONE);
}

static void test_msix_chip_masks_one_entry(void **state)
{
	struct pci_dev *dev = nic(true, false);
	int irq;

	assert_int_equal(pci_alloc_irq_vectors(dev, 2, 2, PCI_IRQ_MSIX), 2);
	irq = pci_irq_vector(dev, 1);
	fake_irq_chip[irq]->irq_unmask((unsigned int)irq, fake_irq_chip_data[irq]);
	assert_int_equal(entry(1, 12) & 1, 0);
	assert_int_equal(entry(0, 12) & 1, 1);
	fake_irq_chip[irq]->irq_mask((unsigned int)irq, fake_irq_chip_data[irq]);
	assert_int_equal(entry(1, 12) & 1, 1);
}

static void test_msix_free_releases_everything(void **state)
{
	struct pci_dev *dev = nic(true, false);

	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 8, PCI_IRQ_MSIX), 5);	/* table size */
	pci_free_irq_vectors(dev);
	assert_int_equal(fake_irqs_in_use(), 0);
	assert_int_equal(fake_ioremap_outstanding, 0);
	assert_false(fake_cfg16(fn, MSIX_POS + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_ENABLE);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_NONE);
	assert_int_equal(pci_irq_vector(dev, 0), -EINVAL);
	/* And it can be set up again. */
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_MSIX), 1);
}

static void test_msix_partial_and_short(void **state)
{
	struct pci_dev *dev = nic(true, false);

	fake_irq_available = 2;
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 4, PCI_IRQ_MSIX), 2);
	pci_free_irq_vectors(dev);
	/* Fewer than min: nothing kept, nothing leaked. */
	assert_true(pci_alloc_irq_vectors(dev, 3, 4, PCI_IRQ_ALL_TYPES) < 0);
	assert_int_equal(fake_irqs_in_use(), 0);
	assert_int_equal(fake_ioremap_outstanding, 0);
	assert_false(fake_cfg16(fn, MSIX_POS + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_ENABLE);
	assert_int_equal(pci_alloc_irq_vectors(dev, 6, 6, PCI_IRQ_MSIX), -ENOSPC);
}

static void test_msix_bad_bir_falls_back_to_msi(void **state)
{
	struct pci_dev *dev;

	fake_pci_reset();
	dev = nic(true, true);
	fake_cfg_put32(fn, MSIX_POS + PCI_MSIX_TABLE, 4);	/* BAR4: not implemented */
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_ALL_TYPES), 1);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_MSI);
	assert_true(fake_console_has("pci 00:02.0: MSI-X table in BAR4, which is not an assigned memory BAR"));
	assert_int_equal(fake_ioremap_outstanding, 0);
}

static void test_msix_table_overruns_bar(void **state)
{
	struct pci_dev *dev = nic(true, false);

	fake_cfg_put32(fn, MSIX_POS + PCI_MSIX_PBA, 0x4000 | 3);
	assert_true(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_MSIX) < 0);
	assert_true(fake_console_has("MSI-X PBA (0x4000 + 8 bytes) overruns BAR3 (16384 bytes)"));
}

static void test_msix_needs_memory_decode(void **state)
{
	struct pci_dev *dev = nic(true, true);

	fake_cfg_put16(fn, PCI_COMMAND, 0);
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_ALL_TYPES), 1);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_MSI);
	assert_true(fake_console_has("memory decode off"));
}

static void test_msi_64bit_maskable(void **state)
{
	struct fake_pci_fn *f = fake_pci_add(0, 4, 0, 0x1234, 0x0002, 0x020000, 0);
	struct pci_dev *dev;
	int irq;

	fake_pci_add_msi(f, 0x50, true, true);
	fake_cfg_put16(f, 0x50 + PCI_MSI_FLAGS, fake_cfg16(f, 0x50 + PCI_MSI_FLAGS) | 0x0020);
	fake_lapic_id = 1;
	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(4, 0));
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 4, PCI_IRQ_ALL_TYPES), 1);
	irq = pci_irq_vector(dev, 0);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_MSI);
	assert_int_equal(fake_cfg32(f, 0x54), 0xfee01000);
	assert_int_equal(fake_cfg32(f, 0x58), 0);
	assert_int_equal(fake_cfg16(f, 0x5c), 0x30 + irq);
	assert_int_equal(fake_cfg32(f, 0x60) & 1, 1);	/* masked until request_irq() */
	assert_true(fake_cfg16(f, 0x52) & PCI_MSI_FLAGS_ENABLE);
	assert_int_equal(fake_cfg16(f, 0x52) & PCI_MSI_FLAGS_QSIZE, 0);	/* one vector */
	assert_true(fake_cfg16(f, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
	assert_string_equal(fake_irq_chip[irq]->name, "PCI-MSI");
	fake_irq_chip[irq]->irq_unmask((unsigned int)irq, fake_irq_chip_data[irq]);
	assert_int_equal(fake_cfg32(f, 0x60) & 1, 0);
	fake_irq_chip[irq]->irq_mask((unsigned int)irq, fake_irq_chip_data[irq]);
	assert_int_equal(fake_cfg32(f, 0x60) & 1, 1);
	pci_free_irq_vectors(dev);
	assert_false(fake_cfg16(f, 0x52) & PCI_MSI_FLAGS_ENABLE);
	assert_int_equal(fake_irqs_in_use(), 0);
}

static void test_msi_32bit_unmaskable(void **state)
{
	struct fake_pci_fn *f = fake_pci_add(0, 4, 0, 0x1234, 0x0002, 0x020000, 0);
	struct pci_dev *dev;
	int irq;

	fake_pci_add_msi(f, 0x50, false, false);
	fake_cfg_put32(f, 0x5c, 0xaaaaaaaa);	/* past the 32-bit form: must stay untouched */
	pci_scan();
	dev = pci_get_slot(0, PCI_DEVFN(4, 0));
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_MSI), 1);
	irq = pci_irq_vector(dev, 0);
	assert_int_equal(fake_cfg32(f, 0x54), 0xfee00000);
	assert_int_equal(fake_cfg16(f, 0x58), 0x30 + irq);
	assert_int_equal(fake_cfg32(f, 0x5c), 0xaaaaaaaa);
	fake_irq_chip[irq]->irq_mask((unsigned int)irq, fake_irq_chip_data[irq]);
	assert_int_equal(fake_cfg32(f, 0x5c), 0xaaaaaaaa);
	assert_int_equal(pci_alloc_irq_vectors(dev, 2, 2, PCI_IRQ_MSI), -EBUSY);
}

static void test_intx_fallback(void **state)
{
	struct pci_dev *dev = nic(false, false);

	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_ALL_TYPES), 1);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_INTX);
	assert_int_equal(pci_irq_vector(dev, 0), 11);
	assert_int_equal(fake_gsi_last, 11);
	assert_int_equal(fake_gsi_trigger, IRQ_TRIGGER_LEVEL);
	assert_int_equal(fake_gsi_polarity, IRQ_POLARITY_LOW);
	assert_false(fake_cfg16(fn, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
	pci_free_irq_vectors(dev);
	assert_true(fake_cfg16(fn, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
}

static void test_intx_overrides(void **state)
{
	struct pci_dev *dev = nic(false, false);

	/* QEMU's MADT: ISA 11 -> GSI 11, level, active high. */
	acpi_info.nr_overrides = 1;
	acpi_info.overrides[0] = (struct acpi_override){ 11, 11, 0x000d };
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_LEGACY), 1);
	assert_int_equal(fake_gsi_trigger, IRQ_TRIGGER_LEVEL);
	assert_int_equal(fake_gsi_polarity, IRQ_POLARITY_HIGH);
	pci_free_irq_vectors(dev);

	/* Moved to another GSI with "conforms" flags: PCI's level/low stays. */
	acpi_info.overrides[0] = (struct acpi_override){ 11, 20, 0 };
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_LEGACY), 1);
	assert_int_equal(pci_irq_vector(dev, 0), 20);
	assert_int_equal(fake_gsi_trigger, IRQ_TRIGGER_LEVEL);
	assert_int_equal(fake_gsi_polarity, IRQ_POLARITY_LOW);
}

static void test_intx_errors(void **state)
{
	struct pci_dev *dev = nic(false, false);

	dev->irq_line = 0xff;
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_ALL_TYPES), -ENODEV);
	assert_true(fake_console_has("pci 00:02.0: INTxA not routed by firmware (interrupt line 0xff)"));
	dev->irq_line = 11;
	fake_gsi_result = -ENODEV;
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_LEGACY), -ENODEV);
	assert_true(fake_console_has("INTx on GSI 11 failed: ENODEV"));
	dev->pin = 0;
	assert_true(pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_LEGACY) < 0);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_NONE);
}

static void test_flags_choose_mode(void **state)
{
	struct pci_dev *dev = nic(true, true);

	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_LEGACY), 1);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_INTX);
	pci_free_irq_vectors(dev);
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_MSI | PCI_IRQ_LEGACY), 1);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_MSI);
	pci_free_irq_vectors(dev);
	/* No IRQ numbers left: MSI-X and MSI fail, INTx needs none. */
	fake_irq_available = 0;
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 3, PCI_IRQ_ALL_TYPES), 1);
	assert_int_equal(dev->irq_mode, PCI_IRQ_MODE_INTX);
	pci_free_irq_vectors(dev);
	assert_int_equal(pci_alloc_irq_vectors(dev, 0, 3, PCI_IRQ_ALL_TYPES), -EINVAL);
	assert_int_equal(pci_alloc_irq_vectors(dev, 3, 2, PCI_IRQ_ALL_TYPES), -EINVAL);
	assert_int_equal(pci_alloc_irq_vectors(dev, 1, 1, 0), -EINVAL);
	assert_int_equal(pci_alloc_irq_vectors(dev, PCI_IRQ_MAX_VECTORS + 1, PCI_IRQ_MAX_VECTORS + 1,
					       PCI_IRQ_MSIX), -ENOSPC);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_msix_allocates_one_irq_per_vector),
		T(test_msix_programs_table), T(test_msix_chip_masks_one_entry),
		T(test_msix_free_releases_everything), T(test_msix_partial_and_short),
		T(test_msix_bad_bir_falls_back_to_msi), T(test_msix_table_overruns_bar),
		T(test_msix_needs_memory_decode), T(test_msi_64bit_maskable),
		T(test_msi_32bit_unmaskable), T(test_intx_fallback), T(test_intx_overrides),
		T(test_intx_errors), T(test_flags_choose_mode),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
