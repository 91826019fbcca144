/* The IDT: all 256 vectors point at entry.S's stubs, which call x86_dispatch(). */
#include <lib/types.h>
#include <arch/x86_64/cpu.h>

#define IDT_INTERRUPT_GATE	0x8E	/* present, DPL 0, 64-bit interrupt gate: IF cleared on entry */
#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define X86_TRAP_NMI		2
#define X86_TRAP_DF		8

struct idt_entry {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

extern const u64 isr_stub_table[256];
static struct idt_entry idt[256] __aligned(16);

static void set_gate(int vec, u64 handler, u8 ist)
{
	idt[vec].offset_low = handler & 0xFFFF;
	idt[vec].selector = 0x08;
	idt[vec].ist = ist;
	idt[vec].type_attr = IDT_INTERRUPT_GATE;
	idt[vec].offset_mid = (handler >> 16) & 0xFFFF;
	idt[vec].offset_high = handler >> 32;
	idt[vec].reserved = 0;
}

void idt_init(void)
{
	struct { u16 limit; u64 base; } __packed idtr;

	for (int v = 0; v < 256; v++)
		set_gate(v, isr_stub_table[v], 0);
	set_gate(X86_TRAP_DF, isr_stub_table[X86_TRAP_DF], IST_DOUBLE_FAULT);
	set_gate(X86_TRAP_NMI, isr_stub_table[X86_TRAP_NMI], IST_NMI);
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (u64)(uintptr_t)idt;
	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}

void x86_dispatch(struct pt_regs *regs)
{
	if (regs->vector < 32)
		do_exception(regs);
	else
		do_irq_vector(regs);
}
