/*
 * The e1000e driver's pure logic: ring index arithmetic (net/core/ring.h), the TX
 * hang detector, ICR decoding, the multicast table hash and the TX
 * pseudo-header checksum seed, each checked against values worked out by
 * hand from the datasheet rules or computed independently here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <drivers/net/e1000e/e1000.h>

/* ---- net/core/ring.h ---- */

static void test_ring_empty_and_full(void **state)
{
	/* Empty: software may fill all but the one slot that keeps head != tail. */
	assert_int_equal(ring_unused(0, 0, 8), 7);
	assert_int_equal(ring_in_use(0, 0, 8), 0);
	assert_int_equal(ring_unused(5, 5, 8), 7);
	/* Full: use is one behind clean. */
	assert_int_equal(ring_unused(7, 0, 8), 0);
	assert_int_equal(ring_in_use(7, 0, 8), 7);
	assert_int_equal(ring_unused(2, 3, 8), 0);
	assert_int_equal(ring_in_use(2, 3, 8), 7);
}

static void test_ring_wrap(void **state)
{
	/* use wrapped past the end, clean has not: slots 5,6,7,0,1 in use. */
	assert_int_equal(ring_in_use(2, 5, 8), 5);
	assert_int_equal(ring_unused(2, 5, 8), 2);
	/* No wrap: slots 2,3,4 in use. */
	assert_int_equal(ring_in_use(5, 2, 8), 3);
	assert_int_equal(ring_unused(5, 2, 8), 4);
	assert_int_equal(ring_next(0, 8), 1);
	assert_int_equal(ring_next(6, 8), 7);
	assert_int_equal(ring_next(7, 8), 0);
	assert_int_equal(ring_next(255, 256), 0);
}

/* Walks a ring through many wraps against a plain counter model. */
static void test_ring_walk_matches_model(void **state)
{
	const unsigned int count = 16;
	unsigned int ntu = 0, ntc = 0, used = 0, seed = 1;

	for (int step = 0; step < 10000; step++) {
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) & 1) {
			unsigned int n = (seed >> 8) % 5;

			for (; n && ring_unused(ntu, ntc, count); n--, used++)
				ntu = ring_next(ntu, count);
		} else {
			unsigned int n = (seed >> 8) % 5;

			for (; n && ring_in_use(ntu, ntc, count); n--, used--)
				ntc = ring_next(ntc, count);
		}
		assert_true(ntu < count && ntc < count);
		assert_int_equal(ring_in_use(ntu, ntc, count), used);
		assert_int_equal(ring_unused(ntu, ntc, count), count - 1 - used);
		assert_true(used <= count - 1);
	}
}

/* ---- tx_hang_check ---- */

static void test_hang_after_two_checks_without_progress(void **state)
{
	struct tx_hang_state s = { 0 };
	int trues = 0;

	assert_false(tx_hang_check(&s, 4, 10));	/* first sight of ntc 10 */
	for (int i = 0; i < 6; i++)
		trues += tx_hang_check(&s, 4, 10);	/* stuck at 10 */
	assert_int_equal(trues, 1);			/* reported exactly once */
}

static void test_hang_progress_or_empty_resets(void **state)
{
	struct tx_hang_state s = { 0 };

	assert_false(tx_hang_check(&s, 4, 10));
	assert_false(tx_hang_check(&s, 4, 11));	/* progress */
	assert_false(tx_hang_check(&s, 3, 12));
	assert_false(tx_hang_check(&s, 0, 12));	/* empty ring: never a hang */
	assert_false(tx_hang_check(&s, 0, 12));
	assert_false(tx_hang_check(&s, 0, 12));
	assert_false(tx_hang_check(&s, 2, 13));	/* pending again, fresh ntc */
	assert_true(tx_hang_check(&s, 2, 13));
	assert_false(tx_hang_check(&s, 2, 13));
	/* After progress a new stall is a new hang, reported again once. */
	assert_false(tx_hang_check(&s, 2, 14));
	assert_true(tx_hang_check(&s, 2, 14));
	assert_false(tx_hang_check(&s, 2, 14));
	/* Progress that drains the ring in between also clears a stall. */
	assert_false(tx_hang_check(&s, 2, 15));
	assert_false(tx_hang_check(&s, 0, 15));
	assert_false(tx_hang_check(&s, 0, 15));
}

/* ---- e1000_icr_actions ---- */

static void test_icr_not_ours(void **state)
{
	assert_int_equal(e1000_icr_actions(0, false), 0);
	/* Cause bits without INT_ASSERTED: another device on a shared line. */
	assert_int_equal(e1000_icr_actions(E1000_ICR_RXT0 | E1000_ICR_LSC, false), 0);
	assert_int_equal(e1000_icr_actions(E1000_ICR_RXQ0, true), 0);
}

static void test_icr_intx_msi(void **state)
{
	const u32 A = E1000_ICR_INT_ASSERTED;

	assert_int_equal(e1000_icr_actions(A | E1000_ICR_LSC, false),
			 E1000_ACT_OURS | E1000_ACT_LINK);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_RXT0, false),
			 E1000_ACT_OURS | E1000_ACT_RXTX);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_TXDW, false),
			 E1000_ACT_OURS | E1000_ACT_RXTX);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_RXDMT0, false),
			 E1000_ACT_OURS | E1000_ACT_RXTX);
	/* An overrun is counted and polled: the ring needs refilling. */
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_RXO, false),
			 E1000_ACT_OURS | E1000_ACT_OVERRUN | E1000_ACT_RXTX);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_LSC | E1000_ICR_RXT0 | E1000_ICR_TXDW, false),
			 E1000_ACT_OURS | E1000_ACT_LINK | E1000_ACT_RXTX);
	/* TXQE alone (QEMU sets it after every pass) is ours but asks for nothing. */
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_TXQE, false), E1000_ACT_OURS);
	/* The MSI-X queue bits mean nothing in single-vector modes. */
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_RXQ0 | E1000_ICR_TXQ0, false),
			 E1000_ACT_OURS);
}

static void test_icr_msix(void **state)
{
	const u32 A = E1000_ICR_INT_ASSERTED;

	assert_int_equal(e1000_icr_actions(A | E1000_ICR_RXQ0, true), E1000_ACT_OURS | E1000_ACT_RXTX);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_TXQ0, true), E1000_ACT_OURS | E1000_ACT_RXTX);
	/* No RXT0/TXDW in MSI-X mode: they must not schedule NAPI. */
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_RXT0 | E1000_ICR_TXDW, true), E1000_ACT_OURS);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_OTHER | E1000_ICR_LSC, true),
			 E1000_ACT_OURS | E1000_ACT_LINK);
	assert_int_equal(e1000_icr_actions(A | E1000_ICR_OTHER | E1000_ICR_RXO, true),
			 E1000_ACT_OURS | E1000_ACT_OVERRUN);
}

/* ---- e1000x_hash_mc_addr (drivers/net/intel, shared with the e1000) ---- */

/* The datasheet's rule, computed independently: MO = 00 takes address bits
 * 47:36, the address read as a little-endian 48-bit number (as RAL/RAH hold it). */
static u32 mta_hash_ref(const u8 *m)
{
	u64 v = 0;

	for (int i = 5; i >= 0; i--)
		v = v << 8 | m[i];
	return (u32)(v >> 36) & 0xFFF;
}

static void test_mc_hash_known_values(void **state)
{
	static const struct { u8 addr[6]; u32 hash, reg, bit; } cases[] = {
		{ { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb }, 0xFB0, 125, 16 },	/* mDNS, hw.h */
		{ { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 }, 0x010, 0, 16 },	/* all-hosts */
		{ { 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 }, 0x010, 0, 16 },	/* IPv6 all-nodes */
		{ { 0x33, 0x33, 0xff, 0x12, 0x34, 0x56 }, 0x563, 43, 3 },	/* solicited-node */
		{ { 0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa }, 0xFAF, 125, 15 },	/* SSDP */
		{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 0xFFF, 127, 31 },
		{ { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e }, 0x0E0, 7, 0 },	/* LLDP */
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 h = e1000x_hash_mc_addr(cases[i].addr);

		assert_int_equal(h, cases[i].hash);
		assert_int_equal(h, mta_hash_ref(cases[i].addr));
		assert_int_equal(E1000_MTA_REG(h), cases[i].reg);
		assert_int_equal(E1000_MTA_BIT(h), cases[i].bit);
	}
}

static void test_mc_hash_every_byte_value(void **state)
{
	u8 m[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x00 };

	for (unsigned int b4 = 0; b4 < 256; b4 += 7)
		for (unsigned int b5 = 0; b5 < 256; b5++) {
			m[4] = (u8)b4;
			m[5] = (u8)b5;
			assert_int_equal(e1000x_hash_mc_addr(m), mta_hash_ref(m));
		}
}

/* ---- e1000_tx_pseudo_seed ---- */

/* RFC 1071: the 16-bit one's-complement sum of big-endian words, folded. */
static u32 sum16(u32 sum, const u8 *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sum += (i & 1) ? p[i] : (u32)p[i] << 8;
	return sum;
}

static u16 fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (u16)sum;
}

/* The full checksum as RFC 793/768/8200 define it, over pseudo header + segment. */
static u16 l4_csum_ref(const u8 *l3, bool ipv6, u8 proto, const u8 *seg, size_t len,
		       size_t field)
{
	u8 ph[40], copy[2048];
	size_t phlen;

	memset(ph, 0, sizeof(ph));
	if (ipv6) {
		memcpy(ph, l3 + 8, 32);
		ph[32] = (u8)(len >> 24);
		ph[33] = (u8)(len >> 16);
		ph[34] = (u8)(len >> 8);
		ph[35] = (u8)len;
		ph[39] = proto;
		phlen = 40;
	} else {
		memcpy(ph, l3 + 12, 8);
		ph[9] = proto;
		ph[10] = (u8)(len >> 8);
		ph[11] = (u8)len;
		phlen = 12;
	}
	memcpy(copy, seg, len);
	copy[field] = copy[field + 1] = 0;
	return (u16)~fold(sum16(sum16(0, ph, phlen), copy, len));
}

/* What the 82574 does with a seeded field: sum the segment as it is, complement. */
static u16 device_csum(const u8 *l3, bool ipv6, u8 proto, u8 *seg, size_t len, size_t field)
{
	u16 seed = e1000_tx_pseudo_seed(l3, ipv6, proto, (u32)len);

	seg[field] = (u8)(seed >> 8);
	seg[field + 1] = (u8)seed;
	return (u16)~fold(sum16(0, seg, len));
}

static size_t build_ipv4(u8 *pkt, u8 proto, size_t l4len, u8 ihl_words)
{
	static const u8 src[4] = { 192, 168, 76, 2 }, dst[4] = { 10, 0, 2, 255 };
	size_t hl = ihl_words * 4u, tot = hl + l4len;

	memset(pkt, 0, hl);
	pkt[0] = 0x40 | ihl_words;
	pkt[2] = (u8)(tot >> 8);
	pkt[3] = (u8)tot;
	pkt[4] = 0x1c;
	pkt[5] = 0x46;
	pkt[6] = 0x40;	/* DF */
	pkt[8] = 64;
	pkt[9] = proto;
	memcpy(pkt + 12, src, 4);
	memcpy(pkt + 16, dst, 4);
	return hl;
}

static size_t build_ipv6(u8 *pkt, u8 proto, size_t l4len)
{
	static const u8 src[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0,
				    0x50, 0x54, 0x00, 0xff, 0xfe, 0x12, 0x34, 0x56 };
	static const u8 dst[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xee, 0, 1,
				    0, 0, 0, 0, 0xfd, 0xfe, 0xff, 0xff };

	memset(pkt, 0, 40);
	pkt[0] = 0x60;
	pkt[4] = (u8)(l4len >> 8);
	pkt[5] = (u8)l4len;
	pkt[6] = proto;
	pkt[7] = 64;
	memcpy(pkt + 8, src, 16);
	memcpy(pkt + 24, dst, 16);
	return 40;
}

static void fill_l4(u8 *seg, bool tcp, size_t len, unsigned int salt)
{
	for (size_t i = 0; i < len; i++)
		seg[i] = (u8)(i * 37 + salt * 11 + 0xA5);
	seg[0] = 0xC3;	/* source port 50000 + salt */
	seg[1] = (u8)(0x50 + salt);
	seg[2] = 0x00;	/* destination 7 (echo) */
	seg[3] = 0x07;
	if (tcp) {
		seg[12] = 0x50;	/* data offset 5 */
		seg[13] = 0x18;	/* PSH|ACK */
	} else {
		seg[4] = (u8)(len >> 8);
		seg[5] = (u8)len;
	}
}

static void check_seed(bool ipv6, bool tcp, size_t l4len, unsigned int salt)
{
	u8 pkt[1600];
	u8 proto = tcp ? 6 : 17;
	size_t field = tcp ? 16 : 6;
	size_t hl = ipv6 ? build_ipv6(pkt, proto, l4len) : build_ipv4(pkt, proto, l4len, 5);
	u16 want;

	fill_l4(pkt + hl, tcp, l4len, salt);
	want = l4_csum_ref(pkt, ipv6, proto, pkt + hl, l4len, field);
	assert_int_equal(device_csum(pkt, ipv6, proto, pkt + hl, l4len, field), want);
}

static void test_seed_ipv4_tcp_udp(void **state)
{
	static const size_t lens[] = { 8, 9, 20, 21, 33, 100, 1000, 1480 };

	for (unsigned int i = 0; i < ARRAY_SIZE(lens); i++) {
		if (lens[i] >= 20)
			check_seed(false, true, lens[i], i);
		check_seed(false, false, lens[i], i);
	}
}

static void test_seed_ipv6_tcp_udp(void **state)
{
	static const size_t lens[] = { 8, 13, 20, 21, 64, 777, 1460 };

	for (unsigned int i = 0; i < ARRAY_SIZE(lens); i++) {
		if (lens[i] >= 20)
			check_seed(true, true, lens[i], i);
		check_seed(true, false, lens[i], i);
	}
}

/* A small frame worked by hand: UDP 10.0.2.2:40000 -> 10.0.2.15:7, "hi\n". */
static void test_seed_hand_worked_udp(void **state)
{
	u8 ip[] = { 0x45, 0x00, 0x00, 0x1f, 0x4a, 0x5c, 0x40, 0x00, 0x40, 0x11, 0xd8, 0x5f,
		    0x0a, 0x00, 0x02, 0x02, 0x0a, 0x00, 0x02, 0x0f,
		    0x9c, 0x40, 0x00, 0x07, 0x00, 0x0b, 0x00, 0x00, 0x68, 0x69, 0x0a };
	/* Pseudo header (addresses, proto 17, length 11), then the UDP words;
	 * the odd last byte is padded with zero (RFC 768). */
	u32 s = 0x0a00 + 0x0202 + 0x0a00 + 0x020f + 0x0011 + 0x000b +
		0x9c40 + 0x0007 + 0x000b + 0x6869 + 0x0a00;
	u16 want = (u16)~fold(s);

	assert_int_equal(l4_csum_ref(ip, false, 17, ip + 20, 11, 6), want);
	assert_int_equal(device_csum(ip, false, 17, ip + 20, 11, 6), want);
	/* The seed itself: the pseudo-header sum only, not complemented. */
	assert_int_equal(e1000_tx_pseudo_seed(ip, false, 17, 11),
			 fold(0x0a00 + 0x0202 + 0x0a00 + 0x020f + 0x0011 + 0x000b));
}

/* IPv4 options move L4 but not the pseudo header. */
static void test_seed_ipv4_with_options(void **state)
{
	u8 pkt[200];
	size_t hl = build_ipv4(pkt, 6, 40, 6), l4len = 40;

	pkt[20] = 0x94;	/* router alert */
	pkt[21] = 4;
	fill_l4(pkt + hl, true, l4len, 3);
	assert_int_equal(device_csum(pkt, false, 6, pkt + hl, l4len, 16),
			 l4_csum_ref(pkt, false, 6, pkt + hl, l4len, 16));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_empty_and_full),
		cmocka_unit_test(test_ring_wrap),
		cmocka_unit_test(test_ring_walk_matches_model),
		cmocka_unit_test(test_hang_after_two_checks_without_progress),
		cmocka_unit_test(test_hang_progress_or_empty_resets),
		cmocka_unit_test(test_icr_not_ours),
		cmocka_unit_test(test_icr_intx_msi),
		cmocka_unit_test(test_icr_msix),
		cmocka_unit_test(test_mc_hash_known_values),
		cmocka_unit_test(test_mc_hash_every_byte_value),
		cmocka_unit_test(test_seed_ipv4_tcp_udp),
		cmocka_unit_test(test_seed_ipv6_tcp_udp),
		cmocka_unit_test(test_seed_hand_worked_udp),
		cmocka_unit_test(test_seed_ipv4_with_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
