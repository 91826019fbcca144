/*
 * The local APIC (SDM vol. 3, ch. 11) in either of its modes: xAPIC, whose
 * registers sit in a 4 KiB MMIO page, or x2APIC, whose registers are MSRs
 * 0x800 + (offset >> 4) (11.12.1) and whose MMIO page is dead. x2APIC is used
 * whenever the CPU offers it, as Linux does; "nox2apic" keeps xAPIC where the
 * firmware lets us leave x2APIC. lapic_read()/lapic_write() take the xAPIC
 * offsets in both modes, so callers (the timer) do not care which is in use.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/params.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>

#define APIC_ID		0x020
#define APIC_VERSION	0x030
#define APIC_TPR	0x080
#define APIC_EOI	0x0B0
#define APIC_LDR	0x0D0
#define APIC_DFR	0x0E0
#define APIC_SVR	0x0F0
#define APIC_ESR	0x280
#define APIC_ICR	0x300
#define APIC_ICR2	0x310
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_SVR_ENABLE	BIT(8)
#define APIC_DM_NMI	(4u << 8)

/* IA32_APIC_BASE (11.4.4, 11.12.1): EXTD selects x2APIC, EN enables the APIC. */
#define APIC_BASE_EXTD		BIT(10)
#define APIC_BASE_ENABLE	BIT(11)
#define APIC_BASE_ADDR_MASK	0xFFFFFF000ULL

#define X2APIC_MSR_BASE		0x800
#define X2APIC_MSR(reg)		(X2APIC_MSR_BASE + ((reg) >> 4))

#define CPUID_1_ECX_X2APIC		BIT(21)	/* SDM vol. 2A, CPUID leaf 01H */
#define CPUID_7_EDX_ARCH_CAPABILITIES	BIT(29)	/* leaf 07H: IA32_ARCH_CAPABILITIES exists */
#define MSR_IA32_ARCH_CAPABILITIES	0x10A
#define ARCH_CAP_XAPIC_DISABLE		BIT(21)	/* IA32_XAPIC_DISABLE_STATUS exists */
#define MSR_IA32_XAPIC_DISABLE_STATUS	0xBD
#define LEGACY_XAPIC_DISABLED		BIT(0)	/* x2APIC locked on: no way back to xAPIC */

/* 0xFF is the broadcast ID of xAPIC: no CPU can be 0xFF in xAPIC mode. */
#define XAPIC_MAX_ID	0xFE

static volatile u8 *lapic;
bool x2apic_mode;

static bool nox2apic;
core_param(nox2apic, nox2apic, bool, 0444);

/*
 * 11.12.1.2: in x2APIC mode DFR does not exist, LDR, ID and version are
 * read-only, and the ICR is one 64-bit MSR at 0x830 (no ICR2): a 32-bit write
 * through here would send an IPI to APIC 0. WRMSR to any of them is a #GP.
 */
static bool x2apic_writable(u32 reg)
{
	return reg != APIC_ID && reg != APIC_VERSION && reg != APIC_LDR &&
	       reg != APIC_DFR && reg != APIC_ICR && reg != APIC_ICR2;
}

u32 lapic_read(u32 reg)
{
	if (x2apic_mode)
		return (u32)rdmsr(X2APIC_MSR(reg));
	return readl(lapic + reg);
}

void lapic_write(u32 reg, u32 val)
{
	if (!x2apic_mode) {
		writel(val, lapic + reg);
		return;
	}
	if (!x2apic_writable(reg)) {
		pr_err("lapic: register %#x cannot be written in x2APIC mode\n", reg);
		return;
	}
	wrmsr(X2APIC_MSR(reg), val);
}

void lapic_eoi(void) { lapic_write(APIC_EOI, 0); }

/* x2APIC: all 32 bits are the ID (11.12.5.1); xAPIC: bits 31:24. */
u32 lapic_id(void)
{
	if (x2apic_mode)
		return (u32)rdmsr(X2APIC_MSR(APIC_ID));
	return lapic ? lapic_read(APIC_ID) >> 24 : 0;
}

static bool cpu_has_x2apic(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & CPUID_1_ECX_X2APIC;
}

/* Intel's "xAPIC disable" (Sapphire Rapids on, some client parts): firmware locked x2APIC on. */
static bool x2apic_locked(void)
{
	u32 max, b, c, d;

	cpuid(0, 0, &max, &b, &c, &d);
	if (max < 7)
		return false;
	cpuid(7, 0, &max, &b, &c, &d);
	if (!(d & CPUID_7_EDX_ARCH_CAPABILITIES))
		return false;
	if (!(rdmsr(MSR_IA32_ARCH_CAPABILITIES) & ARCH_CAP_XAPIC_DISABLE))
		return false;
	return rdmsr(MSR_IA32_XAPIC_DISABLE_STATUS) & LEGACY_XAPIC_DISABLED;
}

/*
 * Firmware handed over in x2APIC mode and the user asked for xAPIC. 11.12.5
 * allows no direct x2APIC -> xAPIC transition: the APIC must be disabled
 * (EN = EXTD = 0, which resets its registers; we program them all after) and
 * then enabled in xAPIC mode. Returns the IA32_APIC_BASE now in effect.
 */
static u64 leave_x2apic(u64 base)
{
	u32 id = (u32)rdmsr(X2APIC_MSR(APIC_ID));

	if (x2apic_locked()) {
		pr_warn("x2apic: locked on by firmware (IA32_XAPIC_DISABLE_STATUS); nox2apic ignored\n");
		return base;
	}
	if (id > XAPIC_MAX_ID) {
		pr_warn("x2apic: APIC id %u does not fit xAPIC's 8 bits; nox2apic ignored\n", id);
		return base;
	}
	base &= ~(APIC_BASE_EXTD | APIC_BASE_ENABLE);
	wrmsr(MSR_IA32_APIC_BASE, base);
	base |= APIC_BASE_ENABLE;
	wrmsr(MSR_IA32_APIC_BASE, base);
	return base;
}

/* Picks the mode, leaves the APIC enabled in it and says which it is. */
static void lapic_set_mode(void)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);

	if (base & APIC_BASE_EXTD) {
		if (nox2apic)
			base = leave_x2apic(base);
		x2apic_mode = base & APIC_BASE_EXTD;
		if (x2apic_mode)
			pr_info("x2apic: enabled by firmware\n");
		else
			pr_info("x2apic: disabled by nox2apic (firmware had enabled it); xAPIC mode\n");
		return;
	}
	/* xAPIC -> x2APIC is the only way in (11.12.5): set EN first if firmware left it off. */
	base |= APIC_BASE_ENABLE;
	wrmsr(MSR_IA32_APIC_BASE, base);
	if (!cpu_has_x2apic()) {
		pr_info("x2apic: not offered by the CPU; xAPIC mode\n");
		return;
	}
	if (nox2apic) {
		pr_info("x2apic: off (nox2apic); xAPIC mode\n");
		return;
	}
	wrmsr(MSR_IA32_APIC_BASE, base | APIC_BASE_EXTD);
	x2apic_mode = true;
	pr_info("x2apic: enabled\n");
}

static int xapic_map(void)
{
	phys_addr_t phys = rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_ADDR_MASK;

	if (acpi_info.have_madt && acpi_info.lapic_address && acpi_info.lapic_address != phys)
		pr_warn("lapic: MADT says %#x, IA32_APIC_BASE says %#llx; using the MSR\n",
			acpi_info.lapic_address, (unsigned long long)phys);
	lapic = ioremap(phys, 4096);
	return lapic ? 0 : -ENOMEM;
}

int lapic_init(void)
{
	u32 id;

	x2apic_mode = false;
	lapic_set_mode();
	if (!x2apic_mode && xapic_map())
		return -ENOMEM;

	lapic_write(APIC_TPR, 0);			/* accept every priority */
	lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);	/* ExtINT from the 8259s: off */
	lapic_write(APIC_LVT_LINT1, APIC_DM_NMI);
	lapic_write(APIC_LVT_ERROR, ERROR_APIC_VECTOR);
	/*
	 * A write loads the errors seen since the previous write and clears the
	 * older ones (11.5.3), so it takes two to empty the ESR; the same in
	 * x2APIC mode, where only 0 may be written (11.12.1.2).
	 */
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	lapic_eoi();

	id = lapic_id();
	if (x2apic_mode)
		pr_info("lapic: id %u version %#x, x2APIC mode (MSRs)\n", id,
			lapic_read(APIC_VERSION) & 0xFF);
	else
		pr_info("lapic: id %u version %#x at %#llx, xAPIC mode\n", id,
			lapic_read(APIC_VERSION) & 0xFF,
			(unsigned long long)(rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_ADDR_MASK));
	if (acpi_info.nr_cpus && acpi_info.boot_lapic_id != id)
		pr_warn("lapic: the MADT lists APIC id %u first, this CPU is %u\n",
			acpi_info.boot_lapic_id, id);
	if (!apic_dest_addressable(id))
		pr_warn("lapic: APIC id %u is above %u: without interrupt remapping no MSI or IOAPIC interrupt can reach this CPU\n",
			id, APIC_MAX_PHYS_DEST);
	return 0;
}
