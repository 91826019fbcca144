/*
 * Byte order for the net core and drivers. x86 is little endian: wire fields
 * (big endian) are swapped, descriptor fields (little endian) are not.
 * Linux's cpu_to_be16() family; lwIP brings its own htons(), so we do not
 * define that name here and the two headers can be included together.
 */
#ifndef NET_CORE_BYTEORDER_H
#define NET_CORE_BYTEORDER_H

#include <lib/types.h>

static inline __be16 cpu_to_be16(u16 x) { return __builtin_bswap16(x); }
static inline u16 be16_to_cpu(__be16 x) { return __builtin_bswap16(x); }
static inline __be32 cpu_to_be32(u32 x) { return __builtin_bswap32(x); }
static inline u32 be32_to_cpu(__be32 x) { return __builtin_bswap32(x); }

static inline u16 cpu_to_le16(u16 x) { return x; }
static inline u16 le16_to_cpu(u16 x) { return x; }
static inline u32 cpu_to_le32(u32 x) { return x; }
static inline u32 le32_to_cpu(u32 x) { return x; }
static inline u64 cpu_to_le64(u64 x) { return x; }
static inline u64 le64_to_cpu(u64 x) { return x; }

#endif
