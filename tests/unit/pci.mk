# drivers/pci against a fake configuration space (tests/unit/fake/pci_fake.c);
# messages go through the real lib/printk.c lib/console.c into a capturing console.
PCI_TEST_SRCS := drivers/pci/access.c drivers/pci/probe.c drivers/pci/bar.c \
	drivers/pci/cap.c drivers/pci/irq.c drivers/pci/msi.c drivers/pci/msix.c \
	drivers/pci/driver.c drivers/pci/names.c drivers/pci/lspci.c drivers/pci/init.c \
	drivers/pci/pm.c drivers/pci/aspm.c \
	arch/x86_64/msi.c lib/printk.c lib/console.c lib/vsprintf.c lib/kstrtox.c lib/errname.c \
	tests/unit/fake/pci_fake.c tests/unit/fake/pci_irq_fake.c \
	tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
PCI_TEST_CFLAGS := -include tests/unit/fake/vsprintf_rename.h

UNIT_TESTS += pci_scan
test_pci_scan_SRCS := $(PCI_TEST_SRCS)
test_pci_scan_CFLAGS := $(PCI_TEST_CFLAGS)

UNIT_TESTS += pci_irq
test_pci_irq_SRCS := $(PCI_TEST_SRCS)
test_pci_irq_CFLAGS := $(PCI_TEST_CFLAGS)

UNIT_TESTS += pci_driver
test_pci_driver_SRCS := $(PCI_TEST_SRCS)
test_pci_driver_CFLAGS := $(PCI_TEST_CFLAGS)

# arch/x86_64/msi.c alone: composing a message is arithmetic, refusing one is a message.
UNIT_TESTS += msi
test_msi_SRCS := arch/x86_64/msi.c tests/unit/fake/capture_console.c lib/printk.c lib/console.c \
	lib/vsprintf.c lib/kstrtox.c tests/unit/fake/arch_fake.c tests/unit/fake/kallsyms_fake.c
test_msi_CFLAGS := -include tests/unit/fake/vsprintf_rename.h

# drivers/pci/pm.c: D3hot/D2 -> D0 before probe, BARs back after the reset.
UNIT_TESTS += pci_pm
test_pci_pm_SRCS := $(PCI_TEST_SRCS)
test_pci_pm_CFLAGS := $(PCI_TEST_CFLAGS)

# drivers/pci/aspm.c: ASPM off in the device's and the upstream port's Link Control.
UNIT_TESTS += pci_aspm
test_pci_aspm_SRCS := $(PCI_TEST_SRCS)
test_pci_aspm_CFLAGS := $(PCI_TEST_CFLAGS)
