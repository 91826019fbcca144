/*
 * RFC 1071 one's-complement sums. A 64-bit accumulator takes 32-bit loads
 * without losing carries (2^32 of them would be needed to overflow it);
 * end-around carries are folded in only at the end, which RFC 1071 2(C)
 * allows because the sum is associative.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <net/core/byteorder.h>
#include <net/core/checksum.h>
#include <net/core/skbuff.h>

static u32 fold64(u64 s)
{
	s = (s & 0xFFFFFFFFu) + (s >> 32);
	s = (s & 0xFFFFFFFFu) + (s >> 32);	/* the first fold can carry once */
	return (u32)s;
}

__wsum csum_partial(const void *buf, int len, __wsum sum)
{
	const u8 *p = buf;
	u64 s = sum;
	u32 w32;
	u16 w16;

	for (; len >= 4; len -= 4, p += 4) {
		memcpy(&w32, p, 4);	/* packets put headers at any alignment */
		s += w32;
	}
	if (len >= 2) {
		memcpy(&w16, p, 2);
		s += w16;
		len -= 2;
		p += 2;
	}
	/* In memory order the odd byte comes first in its word: on a little-
	 * endian CPU that is the low byte of the load, zero above it. */
	if (len)
		s += le16_to_cpu((u16)*p);
	return fold64(s);
}

__wsum csum_add(__wsum a, __wsum b)
{
	return fold64((u64)a + b);
}

__wsum csum_sub(__wsum a, __wsum b)
{
	return csum_add(a, ~b);		/* one's complement: subtracting is adding ~b */
}

__sum16 csum_fold(__wsum sum)
{
	u32 s = (sum & 0xFFFF) + (sum >> 16);

	s = (s & 0xFFFF) + (s >> 16);
	return (__sum16)~s;
}

__sum16 ip_compute_csum(const void *buf, int len)
{
	return csum_fold(csum_partial(buf, len, 0));
}

__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len, u8 proto, __wsum sum)
{
	/* Zero, protocol and length as big-endian words. len + proto cannot
	 * carry into the upper half for any IPv4 length (at most 65535 - 20). */
	u64 s = (u64)sum + saddr + daddr + cpu_to_be32(len + proto);

	return fold64(s);
}

__sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len, u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

__sum16 csum_ipv6_magic(const void *saddr, const void *daddr, u32 len, u8 proto, __wsum sum)
{
	/* RFC 8200 8.1: a 32-bit length and the next header in a 32-bit field. */
	u64 s = (u64)csum_partial(saddr, 16, 0) + csum_partial(daddr, 16, 0) + sum +
		cpu_to_be32(len) + cpu_to_be32(proto);

	return csum_fold(fold64(s));
}

int skb_checksum_help(struct sk_buff *skb)
{
	unsigned int start = skb->csum_start - skb_headroom(skb);
	unsigned int field = start + skb->csum_offset;
	u8 buf[256];
	__wsum sum = 0;
	__sum16 c;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	if (skb->csum_start < skb_headroom(skb) || field + 2 > skb_headlen(skb))
		return -EINVAL;
	/* The seed in the field is part of the sum: that is the contract. */
	for (unsigned int off = start; off < skb->len; off += sizeof(buf)) {
		unsigned int n = min((unsigned int)sizeof(buf), skb->len - off);

		if (skb_copy_bits(skb, (int)off, buf, (int)n))
			return -EINVAL;
		sum = csum_partial(buf, (int)n, sum);	/* even-sized pieces: words line up */
	}
	c = csum_fold(sum);
	/* UDP sends a computed 0 as all ones (RFC 768); TCP's 0 and 0xFFFF are equal. */
	if (!c)
		c = (__sum16)0xFFFF;
	memcpy(skb->data + field, &c, 2);
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}
