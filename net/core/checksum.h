/*
 * The Internet checksum (RFC 1071), written once for the whole tree: the
 * drivers' software fallback, the lwIP glue's TX seed, and the tests.
 * Linux's names and Linux's representation:
 *
 *   __wsum   a 32-bit one's-complement sum of the data's 16-bit words,
 *            loaded in CPU order. The sum is byte-order independent
 *            (RFC 1071 2(B)), so no word is swapped on the way.
 *   __sum16  the folded, complemented checksum in the order it is stored:
 *            memcpy() it into the packet, never cpu_to_be16() it.
 *
 * The checksum offload contract (Linux's CHECKSUM_PARTIAL): the stack
 * writes the folded pseudo-header sum, NOT complemented, into the field at
 * csum_start + csum_offset; hardware (or skb_checksum_help()) adds the sum
 * from csum_start to the end of the frame and stores the complement. The
 * stack's seed for TCP over IPv4 is ~csum_tcpudp_magic(saddr, daddr, len,
 * IPPROTO_TCP, 0); a driver never writes it.
 */
#ifndef NET_CORE_CHECKSUM_H
#define NET_CORE_CHECKSUM_H

#include <lib/types.h>

struct sk_buff;

/* Sum of len bytes into sum. Only the last piece of a chain may be odd:
 * an odd byte is a word's first byte padded with zero, as RFC 1071 says. */
__wsum csum_partial(const void *buf, int len, __wsum sum);
/* One's-complement addition and subtraction of two partial sums. */
__wsum csum_add(__wsum a, __wsum b);
__wsum csum_sub(__wsum a, __wsum b);
/* Folds to 16 bits and complements: the value to store. */
__sum16 csum_fold(__wsum sum);
/* csum_fold(csum_partial(buf, len, 0)): an IPv4 header, ICMP, a whole segment. */
__sum16 ip_compute_csum(const void *buf, int len);

/* The RFC 793 3.1 / RFC 768 pseudo header: addresses, protocol, L4 length. */
__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len, u8 proto, __wsum sum);
__sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len, u8 proto, __wsum sum);
/* The RFC 8200 8.1 pseudo header; saddr and daddr point at 16 bytes each. */
__sum16 csum_ipv6_magic(const void *saddr, const void *daddr, u32 len, u8 proto, __wsum sum);

/*
 * Software fallback for a CHECKSUM_PARTIAL skb a device cannot offload:
 * completes the checksum in place (the field must be in the linear part,
 * where the stack wrote its seed) and marks the skb CHECKSUM_NONE.
 * -EINVAL when csum_start/csum_offset point outside the frame.
 */
int skb_checksum_help(struct sk_buff *skb);

#endif
