/* Local APIC and IOAPIC (arch/x86_64/lapic.c, ioapic.c, pic.c). */
#ifndef ARCH_X86_64_APIC_H
#define ARCH_X86_64_APIC_H

#include <lib/types.h>

/*
 * Vector map. 0x00-0x1f: exceptions. 0x20-0x2f: where the (masked) 8259s
 * were remapped, so their spurious interrupts are recognisable. Devices get
 * 0x30-0xef. The local timer, APIC error and spurious vectors sit at the top.
 */
#define PIC_VECTOR_BASE		0x20
#define FIRST_DEVICE_VECTOR	0x30
#define LAST_DEVICE_VECTOR	0xEF
#define LOCAL_TIMER_VECTOR	0xF0
#define ERROR_APIC_VECTOR	0xFE
#define SPURIOUS_APIC_VECTOR	0xFF

void pic_disable(void);
int lapic_init(void);
void lapic_eoi(void);
/* The APIC ID of the CPU we run on: 8 bits in xAPIC mode, 32 in x2APIC mode. */
u32 lapic_id(void);
/* Registers by their xAPIC offsets, in either mode (MMIO or MSR 0x800 + reg/16). */
u32 lapic_read(u32 reg);
void lapic_write(u32 reg, u32 val);
extern bool x2apic_mode;	/* set by lapic_init() */

/*
 * Without interrupt remapping an MSI (SDM vol. 3, 11.11.1) or an IOAPIC
 * redirection entry (82093AA, 3.2.4) carries an 8-bit physical destination,
 * and 0xFF there means every CPU: only APIC IDs 0-254 can be named. Higher
 * x2APIC IDs need interrupt remapping (VT-d), which nicstack does not drive.
 */
#define APIC_MAX_PHYS_DEST	0xFE
static inline bool apic_dest_addressable(u32 apic_id)
{
	return apic_id <= APIC_MAX_PHYS_DEST;
}

#define APIC_LVT_TIMER		0x320
#define APIC_TMICT		0x380	/* timer initial count */
#define APIC_TMCCT		0x390	/* timer current count */
#define APIC_TDCR		0x3E0	/* timer divide configuration */
#define APIC_LVT_MASKED		BIT(16)
#define APIC_TIMER_PERIODIC	BIT(17)

int ioapic_init(void);
/* Programs the redirection entry for a GSI (left masked); -ERANGE if the ID cannot be named. */
int ioapic_route(u32 gsi, u8 vector, int trigger, int polarity, u32 dest_apic_id);
void ioapic_set_masked(u32 gsi, bool masked);
bool ioapic_has_gsi(u32 gsi);

#endif
