/*
 * drivers/net/e1000e/rx.c through the real net core: RX refill when the
 * skb pool runs dry (and its recovery with no interrupt), cleaning
 * written-back descriptors into a protocol handler with their checksum
 * status and errors, and the budget.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/softirq.h>
#include <net/core/byteorder.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

/* Cleans as NAPI's poll would, in softirq-like context. */
static int clean_rx(struct e1000_adapter *a, int budget)
{
	int done;

	local_bh_disable();
	done = e1000_clean_rx_irq(a, budget, false);
	local_bh_enable();
	return done;
}

/* ---- refill when the pool runs dry ---- */

static void test_refill_after_allocation_failure(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(24);
	unsigned int rdt_writes;

	e1000e_test_open(a, 64, 64);
	/* 24 skbs for 63 slots: fill what we can, count it, retry later. */
	assert_int_equal(a->rx_ring.next_to_use, 24);
	assert_int_equal(fake_reg(E1000_RDT(0)), 24);
	assert_int_equal(a->sw_stats.rx_alloc_failed, 1);
	assert_true(timer_pending(&a->refill_timer));
	assert_null(a->rx_ring.buffer_info[24].skb);

	/* Ten frames arrive and the stack keeps them: the pool stays empty. */
	e1000e_hold_skbs = true;
	for (int i = 0; i < 10; i++)
		assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 100), 100, E1000_RXD_STAT_EOP, 0));
	rdt_writes = fake_reg_writes(E1000_RDT(0));
	netcore_ticks(2);	/* the refill timer schedules NAPI; its poll cleans */
	assert_int_equal(e1000e_nr_seen, 10);
	assert_int_equal(e1000e_pool_in_use(), 24);
	assert_true(a->sw_stats.rx_alloc_failed >= 2);
	/* Nothing filled, so RDT was not moved. */
	assert_int_equal(fake_reg_writes(E1000_RDT(0)), rdt_writes);
	assert_int_equal(fake_reg(E1000_RDT(0)), 24);
	assert_true(timer_pending(&a->refill_timer));

	/* The device used up the rest: RDH caught RDT, nothing more fits. */
	for (int i = 0; i < 14; i++)
		assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 60), 60, E1000_RXD_STAT_EOP, 0));
	assert_false(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 60), 60, E1000_RXD_STAT_EOP, 0));
	netcore_ticks(2);
	assert_int_equal(e1000e_nr_seen, 24);
	assert_int_equal(fake_reg(E1000_RDT(0)), 24);

	/* The stack lets go. No interrupt comes; the timer alone refills. */
	e1000e_test_release_held();
	e1000e_hold_skbs = false;
	netcore_ticks(3);
	assert_int_equal(e1000e_pool_in_use(), 24);	/* all 24 back on the ring */
	assert_int_equal(a->rx_ring.next_to_use, 48);
	assert_int_equal(fake_reg(E1000_RDT(0)), 48);
	assert_int_equal(ring_in_use(a->rx_ring.next_to_use, a->rx_ring.next_to_clean, 64), 24);
	/* Every RDT value ever written was a filled boundary, moving forward. */
	for (unsigned int n = 0; fake_reg_written(E1000_RDT(0), n) != ~0u; n++)
		assert_true(fake_reg_written(E1000_RDT(0), n) < 64);
	/* And reception goes on. */
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 80), 80, E1000_RXD_STAT_EOP, 0));
	netcore_ticks(2);
	assert_true(clean_rx(a, 64) >= 0);
	e1000e_test_remove(a);
}

/* ---- cleaning ---- */

static void test_rx_clean_checksum_status_and_errors(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	const u8 EOP = E1000_RXD_STAT_EOP;
	static const u8 mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };

	e1000e_test_open(a, 64, 64);
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 60), 60,
				   EOP | E1000_RXD_STAT_IPCS | E1000_RXD_STAT_TCPCS, 0));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 1514), 1514,
				   EOP | E1000_RXD_STAT_TCPCS, E1000_RXD_ERR_TCPE));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 200), 200,
				   EOP | E1000_RXD_STAT_TCPCS | E1000_RXD_STAT_UDPCS, 0));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, mcast, 90), 90, EOP, 0));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 64), 64,
				   EOP | E1000_RXD_STAT_IXSM | E1000_RXD_STAT_TCPCS, 0));
	/*
	 * Bad ones: an RX data error, a frame without EOP, then its tail (the
	 * 10-byte descriptor with EOP belongs to it and is dropped with it), then
	 * a frame with an IPv4 checksum error (delivered, left to the stack).
	 */
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 100), 100, EOP, E1000_RXD_ERR_RXE));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 100), 100, 0, 0));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 10), 10, EOP, 0));
	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 61), 61, EOP | E1000_RXD_STAT_TCPCS,
				   E1000_RXD_ERR_IPE));

	assert_int_equal(clean_rx(a, 64), 9);
	assert_int_equal(e1000e_nr_seen, 6);
	assert_int_equal(e1000e_seen[0].len, 60 - ETH_HLEN);
	assert_int_equal(e1000e_seen[0].proto, cpu_to_be16(ETH_P_IP));
	assert_int_equal(e1000e_seen[0].ip_summed, CHECKSUM_UNNECESSARY);
	assert_int_equal(e1000e_seen[0].pkt_type, PACKET_HOST);
	assert_int_equal(e1000e_seen[1].len, 1514 - ETH_HLEN);
	assert_int_equal(e1000e_seen[1].ip_summed, CHECKSUM_NONE);
	assert_int_equal(e1000e_seen[2].ip_summed, CHECKSUM_UNNECESSARY);
	assert_int_equal(e1000e_seen[3].ip_summed, CHECKSUM_NONE);	/* nothing checked */
	assert_int_equal(e1000e_seen[3].pkt_type, PACKET_MULTICAST);
	assert_int_equal(e1000e_seen[4].ip_summed, CHECKSUM_NONE);	/* IXSM: ignore the bits */
	assert_int_equal(e1000e_seen[5].len, 61 - ETH_HLEN);
	assert_int_equal(e1000e_seen[5].ip_summed, CHECKSUM_NONE);

	assert_int_equal(a->sw_stats.rx_csum_good, 2);
	assert_int_equal(a->sw_stats.rx_csum_err, 2);
	assert_int_equal(a->sw_stats.rx_frame_errors, 1);
	assert_int_equal(a->sw_stats.rx_length_errors, 1);	/* the whole no-EOP frame, once */
	assert_int_equal(a->netdev->stats.rx_packets, 6);
	assert_int_equal(a->netdev->stats.rx_bytes, 60 + 1514 + 200 + 90 + 64 + 61);
	assert_int_equal(a->netdev->stats.multicast, 1);
	assert_int_equal(a->netdev->stats.rx_frame_errors, 1);
	/* The slots were refilled and handed back. */
	assert_int_equal(a->rx_ring.next_to_clean, 9);
	assert_int_equal(fake_reg(E1000_RDT(0)), (63 + 9) % 64);
	assert_int_equal(e1000e_pool_in_use(), 63);
	e1000e_test_remove(a);
}

static void test_rx_budget_stops_cleaning(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	e1000e_test_open(a, 64, 64);
	for (int i = 0; i < 10; i++)
		assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
	assert_int_equal(clean_rx(a, 4), 4);
	assert_int_equal(e1000e_nr_seen, 4);
	assert_int_equal(a->rx_ring.next_to_clean, 4);
	assert_int_equal(clean_rx(a, 64), 6);
	assert_int_equal(e1000e_nr_seen, 10);
	assert_int_equal(clean_rx(a, 64), 0);	/* no DD: nothing */
	/* Across the wrap: 60 more frames take the ring past its end. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 20; i++)
			assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
		e1000e_nr_seen = 0;
		assert_int_equal(clean_rx(a, 64), 20);
		assert_int_equal(e1000e_nr_seen, 20);
	}
	assert_int_equal(a->rx_ring.next_to_clean, (10 + 60) % 64);
	assert_int_equal(a->netdev->stats.rx_packets, 70);
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		e1000e_unit_test(test_refill_after_allocation_failure),
		e1000e_unit_test(test_rx_clean_checksum_status_and_errors),
		e1000e_unit_test(test_rx_budget_stops_cleaning),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
