/*
 * pci_caps: drivers/pci over a device that lies: one function at 00:03.0
 * whose configuration header, capability list (MSI, MSI-X, PCIe, loops,
 * bad pointers) and BARs come from the input, behind the fake config
 * space of the unit tests (tests/unit/fake/pci_fake.c: port I/O or ECAM,
 * BAR sizing through write masks, BARs backed by host buffers). The bus
 * is brought up as at boot (scan, the lspci -v listing), then what the bus
 * and a driver do at probe: the power state brought to D0 (a device left in
 * D3hot), ASPM turned off, enable, bus master, pci_alloc_irq_vectors() (MSI-X tables and
 * their masking, MSI, INTx), each vector's mask and unmask, and the undo.
 * Afterwards no IRQ, mapping or MSI-X entry may be left programmed wrongly:
 * the fake counts an MSI-X entry written while it could fire.
 *
 * Input:
 *   flags:u8       bit 0: ECAM (an MCFG window for bus 0) instead of ports;
 *                  bits 1-3: PCI_IRQ_* flags (0: all); bits 4-7: max vectors - 1
 *   bar[6]:u8      BAR i's size as log2 (0: not implemented); memory BARs
 *                  16 B..64 KiB, I/O BARs 4..256 B, 64-bit ones pair up
 *   cfg[256]       the configuration header and capabilities
 *   rest           the contents of the memory BARs, in order (MSI-X tables)
 */
#include <stdint.h>
#include <string.h>
#include <lib/errno.h>
#include <arch/x86_64/acpi.h>
#include <drivers/pci/pci.h>
#include "pci_fake.h"
#include "fuzz_platform.h"

#define SLOT	3

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fake_pci_reset();
	return 0;
}

static void put_wmask32(struct fake_pci_fn *f, u16 off, u32 m)
{
	for (int i = 0; i < 4; i++)
		f->wmask[off + i] = (u8)(m >> (8 * i));
}

/* BAR i's write mask from its size, its kind from the input's register value. */
static int setup_bar(struct fake_pci_fn *f, int i, u8 log2)
{
	u16 off = (u16)(PCI_BASE_ADDRESS_0 + 4 * i);
	u32 v = fake_cfg32(f, off);
	u64 size;

	if (!log2) {
		put_wmask32(f, off, 0);
		fake_cfg_put32(f, off, 0);
		return 1;
	}
	if (v & PCI_BASE_ADDRESS_SPACE_IO) {
		size = 1ull << (log2 < 2 ? 2 : log2 > 8 ? 8 : log2);
		put_wmask32(f, off, (u32)~(size - 1) & 0xfffc);
		f->bar_size[i] = size;
		return 1;
	}
	size = 1ull << (log2 < 4 ? 4 : log2 > 16 ? 16 : log2);
	put_wmask32(f, off, (u32)~(size - 1) & ~0xfu);
	f->bar_size[i] = size;
	if ((v & 6) == 4 && i < 5) {		/* 64-bit: the next register is the upper half */
		put_wmask32(f, off + 4, 0xffffffffu);
		return 2;
	}
	return 1;
}

static void check_vectors(struct pci_dev *dev, int n)
{
	for (int i = 0; i < n; i++) {
		int irq = pci_irq_vector(dev, (unsigned int)i);

		FUZZ_CHECK(irq >= 0 && irq < NR_IRQS, "vector %d is IRQ %d", i, irq);
		if (dev->irq_mode == PCI_IRQ_MODE_INTX)
			continue;
		FUZZ_CHECK(fake_irq_in_use[irq], "IRQ %d not allocated", irq);
		if (fake_irq_chip[irq]) {
			if (fake_irq_chip[irq]->irq_unmask)
				fake_irq_chip[irq]->irq_unmask((unsigned int)irq, fake_irq_chip_data[irq]);
			if (fake_irq_chip[irq]->irq_mask)
				fake_irq_chip[irq]->irq_mask((unsigned int)irq, fake_irq_chip_data[irq]);
		}
	}
}

static void print_line(bool debug, const char *line) { }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	int flags = fuzz_u8(&in);
	u8 bars[6];
	struct fake_pci_fn *f;
	struct pci_dev *dev;
	unsigned int irq_flags, max;
	int n;

	if (flags < 0 || in.left < 6)
		return -1;
	memcpy(bars, in.p, 6);
	in.p += 6;
	in.left -= 6;
	f = fake_pci_add(0, SLOT, 0, 0x8086, 0x10d3, 0x020000, 0);
	n = in.left < 256 ? (int)in.left : 256;
	memcpy(f->cfg, in.p, (size_t)n);
	in.p += n;
	in.left -= (size_t)n;
	for (int i = 0; i < 6; i += setup_bar(f, i, bars[i]))
		;
	for (int i = 0; i < 6; i++) {
		u32 v = fake_cfg32(f, (u16)(PCI_BASE_ADDRESS_0 + 4 * i));

		if (f->bar_size[i] && !(v & PCI_BASE_ADDRESS_SPACE_IO) && (v & ~0xfu)) {
			u8 *mem = fake_pci_back_bar(f, i);
			size_t k = in.left < f->bar_size[i] ? in.left : f->bar_size[i];

			memcpy(mem, in.p, k);
			in.p += k;
			in.left -= k;
		}
		if (f->bar_size[i] && (v & 6) == 4 && !(v & PCI_BASE_ADDRESS_SPACE_IO))
			i++;
	}
	if (flags & 1)
		fake_pci_enable_mcfg(0);

	FUZZ_CHECK(pci_init() == 0, "pci_init failed");
	pci_list_devices(true, print_line);
	dev = pci_get_slot(0, PCI_DEVFN(SLOT, 0));
	if (dev) {
		irq_flags = (flags >> 1) & 7;
		max = ((unsigned int)flags >> 4) + 1;
		n = pci_power_up(dev);
		FUZZ_CHECK(n == 0 || n == -EIO, "pci_power_up returned %d", n);
		FUZZ_CHECK(n || dev->current_state == PCI_D0, "up, but in state %u",
			   dev->current_state);
		pci_disable_link_state(dev, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1);
		FUZZ_CHECK(pci_enable_device(dev) == 0, "enable failed");
		pci_set_master(dev);
		n = pci_alloc_irq_vectors(dev, 1, max, irq_flags ? irq_flags : PCI_IRQ_ALL_TYPES);
		if (n > 0) {
			FUZZ_CHECK((unsigned int)n <= max && (unsigned int)n == dev->nr_irqs,
				   "%d vectors, asked at most %u, nr_irqs %u", n, max, dev->nr_irqs);
			check_vectors(dev, n);
			pci_free_irq_vectors(dev);
		}
		FUZZ_CHECK(dev->irq_mode == PCI_IRQ_MODE_NONE && !dev->msix_table,
			   "vectors left after free");
		pci_disable_device(dev);
	}
	FUZZ_CHECK(fake_irqs_in_use() == 0, "%d IRQs left allocated", fake_irqs_in_use());
	FUZZ_CHECK(fake_msix_unsafe_writes == 0, "%d MSI-X entries written while unmasked",
		   fake_msix_unsafe_writes);
	FUZZ_CHECK(fake_ioremap_outstanding == ((flags & 1) && acpi_info.have_mcfg ? 1 : 0) ||
		   fake_ioremap_outstanding == 0, "%d mappings left", fake_ioremap_outstanding);
	/* Here, not at the start: what an input allocates is freed within it
	 * (libFuzzer looks for leaks when the counts differ). */
	fake_pci_reset();
	return 0;
}
