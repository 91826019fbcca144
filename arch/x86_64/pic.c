/*
 * The legacy 8259A pair. We never use them, but firmware may have left them
 * live: remap them off the exception vectors (their default 0x08-0x0f would
 * look like CPU faults) and mask every line, so only the IOAPIC delivers.
 */
#include <lib/types.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/apic.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xA0
#define PIC2_DATA	0xA1
#define ICW1_INIT_ICW4	0x11	/* edge, cascade, ICW4 follows */
#define ICW4_8086	0x01

void pic_disable(void)
{
	outb(ICW1_INIT_ICW4, PIC1_CMD);
	outb(ICW1_INIT_ICW4, PIC2_CMD);
	outb(PIC_VECTOR_BASE, PIC1_DATA);	/* ICW2: vector base */
	outb(PIC_VECTOR_BASE + 8, PIC2_DATA);
	outb(0x04, PIC1_DATA);			/* ICW3: slave on IR2 */
	outb(0x02, PIC2_DATA);			/* ICW3: slave identity */
	outb(ICW4_8086, PIC1_DATA);
	outb(ICW4_8086, PIC2_DATA);
	outb(0xFF, PIC1_DATA);			/* mask everything */
	outb(0xFF, PIC2_DATA);
}
