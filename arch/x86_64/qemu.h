/*
 * QEMU's isa-debug-exit device (port 0xf4): writing V ends QEMU with exit
 * status (V << 1) | 1. Tests tell a panic from a clean stop by that status.
 * Used only when CPUID says we run under a hypervisor; on bare metal the
 * port is left alone.
 */
#ifndef ARCH_X86_64_QEMU_H
#define ARCH_X86_64_QEMU_H

#include <lib/types.h>

#define QEMU_DEBUG_EXIT_PORT	0xf4
#define QEMU_EXIT_CLEAN		0x10	/* QEMU exit status 33 */
#define QEMU_EXIT_PANIC		0x11	/* QEMU exit status 35 */

bool running_under_hypervisor(void);
void qemu_debug_exit(u8 value);		/* returns only when not under QEMU */

#endif
