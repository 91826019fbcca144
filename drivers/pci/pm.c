/*
 * PCI power management (PCI Bus Power Management Interface Specification
 * 1.2, chapter 3): firmware or a previous OS may leave a function in D3hot,
 * where its config space answers but its BARs decode nothing (reads come
 * back all ones). Before a driver probes it, the function is brought to D0,
 * with the recovery delay the specification requires, and its BARs are put
 * back if the transition reset them.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

static const char *const state_names[] = { "D0", "D1", "D2", "D3hot" };

const char *pci_power_name(u8 state)
{
	return state < ARRAY_SIZE(state_names) ? state_names[state] : "unknown";
}

/* Reads PowerState; PCI_UNKNOWN when config space itself reads as all ones. */
static u8 pci_read_power_state(struct pci_dev *dev, u16 *pmcsr)
{
	pci_read_config_word(dev, dev->pm_cap + PCI_PM_CTRL, pmcsr);
	if (*pmcsr == 0xffff)
		return PCI_UNKNOWN;
	return *pmcsr & PCI_PM_CTRL_STATE_MASK;
}

void pci_pm_init(struct pci_dev *dev)
{
	char name[8];
	u16 pmcsr;

	dev->current_state = PCI_D0;	/* without the capability, always D0 (3.1) */
	if (!dev->pm_cap)
		return;
	dev->current_state = pci_read_power_state(dev, &pmcsr);
	if (dev->current_state != PCI_D0)
		pr_info("pci %s: found in power state %s\n", pci_name(dev, name),
			pci_power_name(dev->current_state));
}

/* The BARs and COMMAND as they were before the transition. */
struct pci_saved_header {
	u32 bar[PCI_STD_NUM_BARS];
	u16 command;
	u8 irq_line;
};

static int nr_header_bars(const struct pci_dev *dev)
{
	return dev->hdr_type == PCI_HEADER_TYPE_NORMAL ? PCI_STD_NUM_BARS :
	       dev->hdr_type == PCI_HEADER_TYPE_BRIDGE ? 2 : 0;
}

static void save_header(struct pci_dev *dev, struct pci_saved_header *h)
{
	for (int i = 0; i < nr_header_bars(dev); i++)
		pci_read_config_dword(dev, PCI_BASE_ADDRESS_0 + 4 * i, &h->bar[i]);
	pci_read_config_word(dev, PCI_COMMAND, &h->command);
	pci_read_config_byte(dev, PCI_INTERRUPT_LINE, &h->irq_line);
}

/* BARs first, with decode off, then COMMAND: no window decodes half-written. */
static void restore_header(struct pci_dev *dev, const struct pci_saved_header *h)
{
	pci_write_config_word(dev, PCI_COMMAND,
			      h->command & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < nr_header_bars(dev); i++)
		pci_write_config_dword(dev, PCI_BASE_ADDRESS_0 + 4 * i, h->bar[i]);
	pci_write_config_byte(dev, PCI_INTERRUPT_LINE, h->irq_line);
	pci_write_config_word(dev, PCI_COMMAND, h->command);
}

/*
 * Recovery times after leaving a state for D0 (PCI PM 1.2, table 5-6):
 * D3hot 10 ms, D2 200 us, D1 none. Config accesses in that window may be
 * ignored, so nothing is read before it is over.
 */
static void pci_pm_recovery_delay(u8 from)
{
	if (from == PCI_D3hot)
		mdelay(PCI_PM_D3HOT_WAIT_MS);
	else if (from == PCI_D2)
		udelay(PCI_PM_D2_DELAY_US);
}

int pci_power_up(struct pci_dev *dev)
{
	struct pci_saved_header saved;
	char name[8];
	u16 pmcsr;
	u8 from;

	if (!dev->pm_cap)
		return 0;
	from = pci_read_power_state(dev, &pmcsr);
	if (from == PCI_D0) {
		dev->current_state = PCI_D0;
		return 0;
	}
	if (from == PCI_UNKNOWN) {
		pr_err("pci %s: power management registers read as all ones; "
		       "the device does not answer\n", pci_name(dev, name));
		return -EIO;
	}
	save_header(dev, &saved);
	/* PME_Status is write-one-to-clear: leave it as it is. */
	pmcsr &= ~(PCI_PM_CTRL_STATE_MASK | PCI_PM_CTRL_PME_STATUS);
	pci_write_config_word(dev, dev->pm_cap + PCI_PM_CTRL, pmcsr | PCI_D0);
	pci_pm_recovery_delay(from);
	dev->current_state = pci_read_power_state(dev, &pmcsr);
	if (dev->current_state != PCI_D0) {
		pr_err("pci %s: still in %s after the transition from %s to D0; "
		       "the device is unusable\n", pci_name(dev, name),
		       pci_power_name(dev->current_state), pci_power_name(from));
		return -EIO;
	}
	/* Without No_Soft_Reset, D3hot -> D0 resets the function (PCI PM 1.2, 5.4.1). */
	if (from == PCI_D3hot && !(pmcsr & PCI_PM_CTRL_NO_SOFT_RESET)) {
		restore_header(dev, &saved);
		pr_info("pci %s: brought from D3hot to D0; BARs restored after its reset\n",
			pci_name(dev, name));
	} else {
		pr_info("pci %s: brought from %s to D0\n", pci_name(dev, name),
			pci_power_name(from));
	}
	return 0;
}
