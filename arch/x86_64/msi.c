/*
 * MSI message composition (Intel SDM vol. 3, 11.11.1 and 11.11.2). The
 * device writes data to address; the chipset turns that write into an
 * interrupt to the LAPIC named in the address. Used for MSI and MSI-X alike.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/msi.h>

/*
 * Address (11.11.1): 0xFEE in bits 31:20, destination APIC id in 19:12,
 * RH (bit 3) = 0 and DM (bit 2) = 0: physical destination, no redirection.
 * Data (11.11.2): vector in 7:0, delivery mode 000 (fixed) in 10:8,
 * level (bit 14) don't-care and trigger (bit 15) = 0: edge.
 * Eight bits of destination are all there is without interrupt remapping
 * (x2APIC IDs above them need VT-d's remappable format), and 0xFF there is
 * a broadcast: an ID outside 0-254 is refused and msg left untouched.
 */
int msi_compose_msg(u8 vector, u32 dest_apic_id, struct msi_msg *msg)
{
	if (!apic_dest_addressable(dest_apic_id))
		return -ERANGE;
	msg->address_lo = MSI_ADDR_BASE | dest_apic_id << MSI_ADDR_DEST_SHIFT;
	msg->address_hi = 0;	/* the LAPIC window lies below 4 GiB */
	msg->data = vector & MSI_DATA_VECTOR_MASK;
	return 0;
}

int arch_compose_msi_msg(unsigned int irq, struct msi_msg *msg)
{
	int vector = irq_to_vector(irq);
	u32 dest;
	int ret;

	if (vector < 0)
		return -EINVAL;
	/* Every interrupt goes to the CPU we run on: the boot CPU, until SMP. */
	dest = lapic_id();
	ret = msi_compose_msg((u8)vector, dest, msg);
	if (ret)
		pr_err("msi: IRQ %u not set up: APIC id %u does not fit an MSI's 8-bit destination (needs interrupt remapping)\n",
		       irq, dest);
	return ret;
}
