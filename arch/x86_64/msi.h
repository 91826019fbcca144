/*
 * MSI message composition (Intel SDM vol. 3, 11.11 "Message Signalled
 * Interrupts"): address 0xFEExxxxx selects the target LAPIC, data holds the
 * vector with fixed delivery and edge trigger.
 */
#ifndef ARCH_X86_64_MSI_H
#define ARCH_X86_64_MSI_H

#include <lib/types.h>

struct msi_msg {
	u32 address_lo;
	u32 address_hi;
	u32 data;
};

#define MSI_ADDR_BASE		0xFEE00000u
#define MSI_ADDR_DEST_SHIFT	12
#define MSI_DATA_VECTOR_MASK	0xFFu

/* 0, or -ERANGE when the APIC ID cannot be named without interrupt remapping. */
int msi_compose_msg(u8 vector, u32 dest_apic_id, struct msi_msg *msg);
/* For an IRQ from irq_alloc(): its vector, aimed at the boot CPU; 0 or -errno. */
int arch_compose_msi_msg(unsigned int irq, struct msi_msg *msg);

#endif
