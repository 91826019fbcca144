/* The local APIC in xAPIC (MMIO) mode: enable, spurious vector, EOI (SDM vol. 3, ch. 11). */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>

#define APIC_ID		0x020
#define APIC_VERSION	0x030
#define APIC_TPR	0x080
#define APIC_EOI	0x0B0
#define APIC_SVR	0x0F0
#define APIC_ESR	0x280
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_SVR_ENABLE	BIT(8)
#define APIC_BASE_ENABLE BIT(11)	/* IA32_APIC_BASE global enable */
#define APIC_BASE_ADDR_MASK 0xFFFFFF000ULL
#define APIC_DM_NMI	(4u << 8)

static volatile u8 *lapic;

u32 lapic_read(u32 reg) { return readl(lapic + reg); }
void lapic_write(u32 reg, u32 val) { writel(val, lapic + reg); }
void lapic_eoi(void) { lapic_write(APIC_EOI, 0); }
u8 lapic_id(void) { return lapic ? lapic_read(APIC_ID) >> 24 : 0; }

int lapic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);
	phys_addr_t phys = base & APIC_BASE_ADDR_MASK;

	if (acpi_info.have_madt && acpi_info.lapic_address && acpi_info.lapic_address != phys)
		pr_warn("lapic: MADT says %#x, IA32_APIC_BASE says %#llx; using the MSR\n",
			acpi_info.lapic_address, (unsigned long long)phys);
	wrmsr(MSR_IA32_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = ioremap(phys, 4096);
	if (!lapic)
		return -ENOMEM;

	lapic_write(APIC_TPR, 0);			/* accept every priority */
	lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);	/* ExtINT from the 8259s: off */
	lapic_write(APIC_LVT_LINT1, APIC_DM_NMI);
	lapic_write(APIC_LVT_ERROR, ERROR_APIC_VECTOR);
	lapic_write(APIC_ESR, 0);			/* ESR is cleared by back-to-back writes */
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	lapic_eoi();
	pr_info("lapic: id %u version %#x at %#llx\n", lapic_id(),
		lapic_read(APIC_VERSION) & 0xFF, (unsigned long long)phys);
	return 0;
}
