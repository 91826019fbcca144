/*
 * One stub per IDT vector. Each pushes a dummy error code where the CPU
 * pushes none (SDM vol. 3, table 6-1: only 8, 10-14, 17, 21, 29, 30 have
 * one), then the vector, then every general register as struct pt_regs,
 * and calls x86_dispatch(regs). The frame is 22 quadwords on a stack the
 * CPU aligned to 16, so the call sees the alignment the ABI requires.
 */
	.text

.macro ISR_STUB vec
	.align 16
isr_stub_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp isr_common
.endm

.macro ISR_ADDR vec
	.quad isr_stub_\vec
.endm

isr_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call x86_dispatch
	/* The return address the profiler's frame walk knows an interrupt by. */
	.globl ret_from_intr
ret_from_intr:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp			/* vector and error code */
	iretq

	.altmacro
	.set i, 0
	.rept 256
	ISR_STUB %i
	.set i, i + 1
	.endr

	.section .rodata
	.align 8
	.globl isr_stub_table
isr_stub_table:
	.set i, 0
	.rept 256
	ISR_ADDR %i
	.set i, i + 1
	.endr
