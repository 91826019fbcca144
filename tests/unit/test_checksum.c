/*
 * net/core/checksum.c against published vectors and against a reference
 * written the plain RFC 1071 way (big-endian words, one at a time, carries
 * folded as they happen), which shares nothing with the code under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <net/core/checksum.h>
#include <net/core/skbuff.h>
#include "panic_fake.h"
#include "netcore_fake.h"

/* ---- the reference ---- */

static u16 ref_add(u16 acc, u16 w)
{
	u32 s = (u32)acc + w;

	return (u16)((s & 0xFFFF) + (s >> 16));
}

/* Sum of big-endian words; an odd last byte is the high half of a word. */
static u16 ref_sum(u16 acc, const u8 *p, size_t len)
{
	for (size_t i = 0; i < len; i += 2)
		acc = ref_add(acc, (u16)(p[i] << 8 | (i + 1 < len ? p[i + 1] : 0)));
	return acc;
}

/* The checksum's two bytes as they go on the wire. */
static void ref_store(u8 out[2], u16 sum)
{
	out[0] = (u8)(~sum >> 8);
	out[1] = (u8)~sum;
}

static void assert_csum_bytes(__sum16 got, const u8 want[2])
{
	u8 b[2];

	memcpy(b, &got, 2);
	assert_int_equal(b[0], want[0]);
	assert_int_equal(b[1], want[1]);
}

static __be32 addr4(u8 a, u8 b, u8 c, u8 d)
{
	u8 x[4] = { a, b, c, d };
	__be32 v;

	memcpy(&v, x, 4);
	return v;
}

/* ---- published vectors ---- */

/* RFC 1071 section 3's example: the words sum to 0x2ddf0, folded 0xddf2. */
static void test_rfc1071_example(void **state)
{
	const u8 data[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	assert_csum_bytes(ip_compute_csum(data, sizeof(data)), (u8[]){ 0x22, 0x0d });
}

/* A captured IPv4 header (UDP, 192.168.0.1 -> 192.168.0.199) whose
 * checksum is 0xb861: computed with the field zero, verified with it in. */
static void test_ipv4_header_vector(void **state)
{
	u8 h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		     0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };

	assert_csum_bytes(ip_compute_csum(h, 20), (u8[]){ 0xb8, 0x61 });
	h[10] = 0xb8;
	h[11] = 0x61;
	assert_int_equal(ip_compute_csum(h, 20), 0);
}

/* A small datagram worked by hand: UDP 10.0.2.2:40000 -> 10.0.2.15:7,
 * "hi\n" (11 bytes). Pseudo header words 0a00 0202 0a00 020f 0011 000b,
 * UDP words 9c40 0007 000b 0000 6869 0a00 (odd byte padded): the sum is
 * 0x1_26e8 -> 0x26e9, the checksum 0xd916, the seed 0x182d. */
static void test_hand_worked_udp(void **state)
{
	const u8 udp[11] = { 0x9c, 0x40, 0x00, 0x07, 0x00, 0x0b, 0x00, 0x00, 0x68, 0x69, 0x0a };
	__be32 s = addr4(10, 0, 2, 2), d = addr4(10, 0, 2, 15);

	assert_csum_bytes(csum_tcpudp_magic(s, d, 11, 17, csum_partial(udp, 11, 0)),
			  (u8[]){ 0xd9, 0x16 });
	assert_csum_bytes((__sum16)~csum_tcpudp_magic(s, d, 11, 17, 0), (u8[]){ 0x18, 0x2d });
}

/* ---- odd lengths, odd alignment, carries ---- */

static void test_every_length_and_alignment(void **state)
{
	static u8 buf[600];
	u8 want[2];

	srand(16);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)rand();
	for (size_t align = 0; align < 4; align++) {
		for (size_t len = 0; len <= 520; len++) {
			ref_store(want, ref_sum(0, buf + align, len));
			assert_csum_bytes(ip_compute_csum(buf + align, (int)len), want);
		}
	}
}

/* Pieces chained through the running sum: even pieces and an odd last one. */
static void test_chained_pieces(void **state)
{
	u8 buf[301], want[2];
	__wsum s;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 37 + 11);
	s = csum_partial(buf, 100, 0);
	s = csum_partial(buf + 100, 2, s);
	s = csum_partial(buf + 102, 199, s);
	ref_store(want, ref_sum(0, buf, sizeof(buf)));
	assert_csum_bytes(csum_fold(s), want);
}

/* All ones everywhere: every word carries. 0xFFFF summed any number of
 * times stays 0xFFFF (minus zero), so the checksum is 0. */
static void test_carries(void **state)
{
	static u8 ones[70001];

	memset(ones, 0xFF, sizeof(ones));
	assert_int_equal(ip_compute_csum(ones, 70000), 0);
	/* odd: a trailing 0xFF is 0xFF00, so the sum is 0xFF00 + 0xFFFF -> 0xFF00 */
	assert_csum_bytes(ip_compute_csum(ones, 70001), (u8[]){ 0x00, 0xFF });
	/* a carried-in sum near the top wraps around, not off the end */
	assert_int_equal(csum_add(0xFFFFFFFFu, 1), 1);
	assert_int_equal(csum_add(0xFFFF0000u, 0x00010000u), 1);
	assert_int_equal(csum_fold(csum_partial(ones, 4, 0xFFFFFFFFu)), 0);
	assert_int_equal(csum_fold(0), 0xFFFF);
	assert_int_equal(csum_sub(csum_add(0x1234, 0xABCD), 0xABCD), 0x1234);
}

/* ---- pseudo headers ---- */

/* RFC 793 3.1: src, dst, zero, protocol, TCP length, then the segment. */
static void test_ipv4_pseudo_header(void **state)
{
	u8 seg[41], ph[12] = { 10, 0, 2, 15, 10, 0, 2, 2, 0, 6, 0, sizeof(seg) }, want[2];
	__be32 s = addr4(10, 0, 2, 15), d = addr4(10, 0, 2, 2);
	u16 seed;

	for (size_t i = 0; i < sizeof(seg); i++)
		seg[i] = (u8)(0xA5 ^ i * 3);
	seg[16] = seg[17] = 0;
	ref_store(want, ref_sum(ref_sum(0, ph, 12), seg, sizeof(seg)));
	assert_csum_bytes(csum_tcpudp_magic(s, d, sizeof(seg), 6, csum_partial(seg, sizeof(seg), 0)),
			  want);
	/* The CHECKSUM_PARTIAL seed: the pseudo header folded, not complemented.
	 * Summing the segment over it gives the same checksum. */
	seed = (u16)~csum_tcpudp_magic(s, d, sizeof(seg), 6, 0);
	memcpy(seg + 16, &seed, 2);
	assert_csum_bytes(ip_compute_csum(seg, sizeof(seg)), want);
	/* the seed's wire bytes are the pseudo header's plain sum */
	assert_int_equal(seg[16] << 8 | seg[17], ref_sum(0, ph, 12));
}

/* RFC 8200 8.1: a 32-bit length, three zero bytes, the next header. A
 * jumbogram's length (RFC 2675) needs the upper half too. */
static void test_ipv6_pseudo_header(void **state)
{
	const u8 src[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 };
	const u8 dst[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 1, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef };
	const u32 lens[] = { 8, 1280, 65535, 70000 };
	u8 ph[40], seg[13], want[2];

	for (size_t i = 0; i < sizeof(seg); i++)
		seg[i] = (u8)(0x5A + i * 29);
	for (size_t k = 0; k < ARRAY_SIZE(lens); k++) {
		memcpy(ph, src, 16);
		memcpy(ph + 16, dst, 16);
		ph[32] = (u8)(lens[k] >> 24);
		ph[33] = (u8)(lens[k] >> 16);
		ph[34] = (u8)(lens[k] >> 8);
		ph[35] = (u8)lens[k];
		ph[36] = ph[37] = ph[38] = 0;
		ph[39] = 17;
		ref_store(want, ref_sum(ref_sum(0, ph, 40), seg, sizeof(seg)));
		assert_csum_bytes(csum_ipv6_magic(src, dst, lens[k], 17,
						  csum_partial(seg, sizeof(seg), 0)), want);
	}
}

/* ---- skb_checksum_help ---- */

static int setup(void **state)
{
	netcore_test_reset(16);
	return 0;
}

static int teardown(void **state)
{
	netcore_assert_pool_idle();
	return 0;
}

/* Headers linear with the seed in place, payload in two odd-sized frags
 * (the help copies in even pieces, so the word pairing must survive). */
static void test_skb_checksum_help(void **state)
{
	static u8 pay1[301], pay2[77];
	u8 ph[12] = { 192, 168, 1, 1, 192, 168, 1, 2, 0, 17 }, hdr[8] = { 0x12, 0x34, 0x00, 0x07 };
	u16 len = sizeof(hdr) + sizeof(pay1) + sizeof(pay2), seed, acc;
	struct sk_buff *skb = alloc_skb(64 + sizeof(hdr), GFP_KERNEL);
	u8 want[2], *field, whole[8 + 301 + 77];

	for (size_t i = 0; i < sizeof(pay1); i++)
		pay1[i] = (u8)(i ^ 0x3C);
	for (size_t i = 0; i < sizeof(pay2); i++)
		pay2[i] = (u8)(i * 7);
	hdr[4] = (u8)(len >> 8);
	hdr[5] = (u8)len;
	ph[10] = (u8)(len >> 8);
	ph[11] = (u8)len;
	/* pay1's odd last byte pairs with pay2's first: sum the frame as one */
	memcpy(whole, hdr, 8);
	memcpy(whole + 8, pay1, sizeof(pay1));
	memcpy(whole + 8 + sizeof(pay1), pay2, sizeof(pay2));
	acc = ref_sum(ref_sum(0, ph, 12), whole, sizeof(whole));
	ref_store(want, acc);

	skb_reserve(skb, 64);
	field = skb_put_data(skb, hdr, sizeof(hdr)) + 6;
	assert_int_equal(skb_add_frag(skb, pay1, sizeof(pay1)), 0);
	assert_int_equal(skb_add_frag(skb, pay2, sizeof(pay2)), 0);
	seed = (u16)~csum_tcpudp_magic(addr4(192, 168, 1, 1), addr4(192, 168, 1, 2), len, 17, 0);
	memcpy(field, &seed, 2);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (u16)skb_headroom(skb);
	skb->csum_offset = 6;
	assert_int_equal(skb_checksum_help(skb), 0);
	assert_int_equal(field[0], want[0]);
	assert_int_equal(field[1], want[1]);
	assert_int_equal(skb->ip_summed, CHECKSUM_NONE);

	/* the field in a frag (not where the stack writes seeds) is refused */
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_offset = 20;
	assert_int_equal(skb_checksum_help(skb), -EINVAL);
	kfree_skb(skb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc1071_example),
		cmocka_unit_test(test_ipv4_header_vector),
		cmocka_unit_test(test_hand_worked_udp),
		cmocka_unit_test(test_every_length_and_alignment),
		cmocka_unit_test(test_chained_pieces),
		cmocka_unit_test(test_carries),
		cmocka_unit_test(test_ipv4_pseudo_header),
		cmocka_unit_test(test_ipv6_pseudo_header),
		cmocka_unit_test_setup_teardown(test_skb_checksum_help, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
