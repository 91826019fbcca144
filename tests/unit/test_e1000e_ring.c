/*
 * The e1000e driver's pure logic: ring index arithmetic (net/core/ring.h), the TX
 * hang detector, ICR decoding and the multicast table hash, each checked
 * against values worked out by hand from the datasheet rules or computed
 * independently here. (The TX pseudo-header seed is the stack's now:
 * tests/unit/test_checksum.c.)
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
