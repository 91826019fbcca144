/*
 * IOAPICs (82093AA datasheet; ACPI MADT gives their addresses and GSI
 * bases). Indirect access: write the register index to IOREGSEL, then read
 * or write IOWIN. Redirection entry n is registers 0x10 + 2n (low) and +1 (high).
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>

#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_VER	0x01
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))

#define RTE_POLARITY_LOW BIT(13)
#define RTE_LEVEL	BIT(15)
#define RTE_MASKED	BIT(16)

struct ioapic {
	volatile u8 *base;
	u32 gsi_base;
	u32 nr_pins;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock);

static u32 io_read(struct ioapic *io, u8 reg)
{
	writel(reg, io->base + IOREGSEL);
	return readl(io->base + IOWIN);
}

static void io_write(struct ioapic *io, u8 reg, u32 val)
{
	writel(reg, io->base + IOREGSEL);
	writel(val, io->base + IOWIN);
}

static struct ioapic *ioapic_for_gsi(u32 gsi, u32 *pin)
{
	for (int i = 0; i < nr_ioapics; i++) {
		if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].nr_pins) {
			*pin = gsi - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	}
	return NULL;
}

bool ioapic_has_gsi(u32 gsi)
{
	u32 pin;

	return ioapic_for_gsi(gsi, &pin) != NULL;
}

int ioapic_init(void)
{
	if (!acpi_info.nr_ioapics) {
		pr_err("ioapic: the MADT lists no IOAPIC; legacy interrupts (INTx, serial) are unavailable\n");
		return -ENODEV;
	}
	for (int i = 0; i < acpi_info.nr_ioapics; i++) {
		struct ioapic *io = &ioapics[nr_ioapics];

		io->base = ioremap(acpi_info.ioapics[i].address, 4096);
		if (!io->base)
			return -ENOMEM;
		io->gsi_base = acpi_info.ioapics[i].gsi_base;
		io->nr_pins = ((io_read(io, IOAPIC_VER) >> 16) & 0xFF) + 1;
		for (u32 pin = 0; pin < io->nr_pins; pin++) {
			io_write(io, IOAPIC_REDTBL(pin), RTE_MASKED);
			io_write(io, IOAPIC_REDTBL(pin) + 1, 0);
		}
		pr_info("ioapic: id %u at %#x, GSIs %u-%u\n", acpi_info.ioapics[i].id,
			acpi_info.ioapics[i].address, io->gsi_base, io->gsi_base + io->nr_pins - 1);
		nr_ioapics++;
	}
	return 0;
}

int ioapic_route(u32 gsi, u8 vector, int trigger, int polarity, u32 dest_apic_id)
{
	unsigned long flags;
	u32 pin, low = vector | RTE_MASKED;	/* fixed delivery, physical destination */
	struct ioapic *io = ioapic_for_gsi(gsi, &pin);

	if (!io)
		return -ENODEV;
	if (!apic_dest_addressable(dest_apic_id)) {
		pr_err("ioapic: GSI %u not routed: APIC id %u does not fit a redirection entry's 8-bit destination (needs interrupt remapping)\n",
		       gsi, dest_apic_id);
		return -ERANGE;
	}
	if (trigger == IRQ_TRIGGER_LEVEL)
		low |= RTE_LEVEL;
	if (polarity == IRQ_POLARITY_LOW)
		low |= RTE_POLARITY_LOW;
	spin_lock_irqsave(&ioapic_lock, flags);
	io_write(io, IOAPIC_REDTBL(pin) + 1, dest_apic_id << 24);
	io_write(io, IOAPIC_REDTBL(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

void ioapic_set_masked(u32 gsi, bool masked)
{
	unsigned long flags;
	u32 pin, low;
	struct ioapic *io = ioapic_for_gsi(gsi, &pin);

	if (!io)
		return;
	spin_lock_irqsave(&ioapic_lock, flags);
	low = io_read(io, IOAPIC_REDTBL(pin));
	low = masked ? (low | RTE_MASKED) : (low & ~RTE_MASKED);
	io_write(io, IOAPIC_REDTBL(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}
