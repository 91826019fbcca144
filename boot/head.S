/*
 * Multiboot2 header and the 32-bit entry. GRUB jumps to _start32 in 32-bit
 * protected mode with paging off, EAX = multiboot2 magic, EBX = boot info
 * (Multiboot2 spec 3.3). We map the first 4 GiB 1:1 with 2 MiB pages, enter
 * long mode and call start_kernel(mbi). arch/x86_64/paging.c replaces these
 * tables with the final ones (permissions, stack guard page, MMIO uncached).
 */
#define MB2_MAGIC		0xE85250D6
#define MB2_BOOTLOADER_MAGIC	0x36D76289
#define MB2_ARCH_I386		0

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xC0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)
#define PTE_P		(1 << 0)
#define PTE_W		(1 << 1)
#define PTE_PS		(1 << 7)
#define COM1		0x3F8

	.section .multiboot2, "a"
	.align 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/*
	 * Framebuffer tag (spec 3.1.10), optional: GRUB sets this mode through
	 * VBE (BIOS) or GOP (UEFI) and reports it in the boot information, or
	 * the nearest it can; drivers/tty/screen.c draws the console there.
	 * Without a mode (GRUB's gfxpayload=text) a BIOS leaves VGA text.
	 */
	.align 8
	.short 5			/* type: framebuffer */
	.short 1			/* flags: optional */
	.long 20
	.long 1024			/* width */
	.long 768			/* height */
	.long 32			/* depth */
	.align 8
	/* end tag */
	.short 0
	.short 0
	.long 8
mb2_header_end:

/*
 * A Multiboot (version 1) header with the "a.out kludge" addresses (flag
 * 16), so that a multiboot1 loader -- QEMU's -kernel among them -- can load
 * this 64-bit image at all. It then enters _start32 with the wrong magic,
 * and the kernel says clearly that it needs a multiboot2 loader.
 */
#define MB1_MAGIC	0x1BADB002
#define MB1_AOUT_KLUDGE	(1 << 16)
	.align 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_AOUT_KLUDGE
	.long -(MB1_MAGIC + MB1_AOUT_KLUDGE)
	.long mb1_header		/* header_addr */
	.long __kernel_start		/* load_addr */
	.long __data_end		/* load_end_addr */
	.long __kernel_end		/* bss_end_addr */
	.long _start32			/* entry_addr */

	.section .boot.text, "ax"
	.code32
	.globl _start32
_start32:
	cli
	cld
	cmpl $MB2_BOOTLOADER_MAGIC, %eax
	jne not_multiboot
	movl %ebx, boot_mbi
	movl $boot_stack_top, %esp

	/* Long mode (bit 29) and NX (bit 20) in CPUID 0x80000001 EDX. */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	xorl %eax, %eax
	testl $(1 << 20), %edx
	setnz %al
	movl %eax, cpu_has_nx

	/* GRUB zeroes .bss, but firmware-provided memory is not promised: clear the tables. */
	movl $early_pml4, %edi
	movl $(6 * 4096 / 4), %ecx
	xorl %eax, %eax
	rep stosl

	movl $early_pdpt, %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, early_pml4

	/* PDPT[0..3] -> four page directories covering 0..4 GiB. */
	movl $early_pd, %eax
	orl $(PTE_P | PTE_W), %eax
	movl $early_pdpt, %edi
	movl $4, %ecx
1:	movl %eax, (%edi)
	addl $4096, %eax
	addl $8, %edi
	loop 1b

	/* 2048 entries of 2 MiB each; entry i maps physical i * 2 MiB. */
	movl $early_pd, %edi
	xorl %ebx, %ebx			/* entry index */
2:	movl %ebx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_W | PTE_PS), %eax
	movl %eax, (%edi)
	movl %ebx, %eax
	shrl $11, %eax			/* high half of i << 21 */
	movl %eax, 4(%edi)
	addl $8, %edi
	incl %ebx
	cmpl $2048, %ebx
	jne 2b

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $early_pml4, %eax
	movl %eax, %cr3

	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	cmpl $0, cpu_has_nx
	je 3f
	orl $EFER_NXE, %eax
3:	wrmsr

	movl %cr0, %eax
	orl $(CR0_PG | CR0_PE | CR0_WP), %eax
	movl %eax, %cr0

	lgdt early_gdt_ptr
	ljmp $0x08, $start64

/* Say why we stop, on the serial port: there is no other console yet. */
not_multiboot:
	movl $msg_not_mb2, %esi
	jmp early_die
no_long_mode:
	movl $msg_no_lm, %esi
early_die:
	movw $COM1, %dx
4:	lodsb
	testb %al, %al
	jz 5f
	outb %al, %dx
	jmp 4b
5:	hlt
	jmp 5b

	.code64
start64:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movq $boot_stack_top, %rsp
	xorq %rbp, %rbp			/* ends the backtrace */
	movl boot_mbi, %edi
	call start_kernel
6:	cli
	hlt
	jmp 6b

	.section .rodata
msg_not_mb2:
	.asciz "nicstack: not loaded by a multiboot2 loader (bad magic in EAX); boot it with GRUB's multiboot2 command\r\n"
msg_no_lm:
	.asciz "nicstack: this CPU has no 64-bit long mode; nicstack needs an x86-64 CPU\r\n"

	.align 16
early_gdt:
	.quad 0
	.quad 0x00AF9A000000FFFF	/* 0x08: 64-bit code, DPL 0 */
	.quad 0x00CF92000000FFFF	/* 0x10: data, DPL 0 */
early_gdt_end:
early_gdt_ptr:
	.short early_gdt_end - early_gdt - 1
	.long early_gdt

	.data
	.globl boot_mbi, cpu_has_nx
boot_mbi:	.long 0
cpu_has_nx:	.long 0

	.section .bss.pagetables, "aw", @nobits
	.align 4096
early_pml4:	.skip 4096
early_pdpt:	.skip 4096
early_pd:	.skip 4 * 4096

	/*
	 * The boot stack, with a page below it that paging.c leaves unmapped:
	 * an overflow faults (and lands on the double-fault IST stack) instead
	 * of silently corrupting whatever lies below.
	 */
	.section .bss.stack, "aw", @nobits
	.align 4096
	.globl boot_stack_guard, boot_stack_top
boot_stack_guard:	.skip 4096
boot_stack_bottom:	.skip 32768
boot_stack_top:
