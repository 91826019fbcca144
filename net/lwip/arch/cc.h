/*
 * lwIP's compiler and platform description for nicstack (lwip/arch.h reads
 * it). lwIP sees the kernel's own types, printk, panic and string functions;
 * no C library is linked, and lwIP's objects are compiled with -nostdinc so a
 * libc header cannot slip in (the few lwIP includes are shimmed in
 * net/lwip/compat/).
 */
#ifndef NET_LWIP_ARCH_CC_H
#define NET_LWIP_ARCH_CC_H

#include <lib/types.h>
#include <lib/string.h>
#include <lib/printk.h>
#include <lib/panic.h>

/* x86-64 is little endian; lwIP then swaps with its own lwip_htons().
 * (Host unit tests already have it from libc's <endian.h>.) */
#ifndef BYTE_ORDER
#define BYTE_ORDER		LITTLE_ENDIAN
#endif

/* Not hosted: no <inttypes.h>, <limits.h>, <ctype.h>; lwIP then takes the
 * formats below and its own lwip_isdigit() family. */
#define LWIP_NO_INTTYPES_H	1
#ifdef HOST_TEST
/* Host unit tests link libc, whose ssize_t lwIP must not redefine:
 * <limits.h> gives SSIZE_MAX, and lwIP then takes libc's type. */
#define LWIP_NO_LIMITS_H	0
#else
#define LWIP_NO_LIMITS_H	1
#endif
#define LWIP_NO_CTYPE_H		1

/* lwip/arch.h falls back to 'typedef int ssize_t' and needs INT_MAX for it. */
#ifndef INT_MAX
#define INT_MAX			__INT_MAX__
#endif

/* printk formats for lwIP's u8_t..u32_t (uint8_t..uint32_t) and size_t. */
#define X8_F			"02hhx"
#define U16_F			"hu"
#define S16_F			"hd"
#define X16_F			"hx"
#define U32_F			"u"
#define S32_F			"d"
#define X32_F			"x"
#define SZT_F			"zu"

/* lwIP passes a parenthesised printf argument list: LWIP_PLATFORM_DIAG(("x %d", 1)).
 * It builds lines from fragments ("\n%s\n\t", "xmit: %u\n\t", ...) and is
 * only called on request (stats_display() for the shell's `lwip` command, and
 * LWIP_DEBUG builds), so plain console output without timestamps fits. */
#define LWIP_PLATFORM_DIAG(x)	do { kprintf x; } while (0)

/* A broken lwIP invariant stops the machine with file and line (and panic()'s
 * register dump and backtrace) rather than running on with corrupt state. */
#define LWIP_PLATFORM_ASSERT(x) \
	panic("lwIP assertion \"%s\" failed at %s:%d", x, __FILE__, __LINE__)

/* Random numbers for ports, DHCP transaction ids and protocol timers:
 * the kernel's get_random_u32() (lib/random.h), through net/lwip/sys_arch.c. */
u32 nicstack_lwip_rand(void);
#define LWIP_RAND()		((u32_t)nicstack_lwip_rand())

/* lwIP packs its protocol headers with these. */
#define PACK_STRUCT_FIELD(x)	x
#define PACK_STRUCT_STRUCT	__attribute__((packed))
#define PACK_STRUCT_BEGIN
#define PACK_STRUCT_END

#endif
