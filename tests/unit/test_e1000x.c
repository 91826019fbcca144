/*
 * drivers/net/intel/e1000x.c on its own: the pieces both Intel drivers
 * share, against a plain register array (no device behind it) and the real
 * net core. The drivers' own tests run the same code through each fake.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include <drivers/net/intel/e1000x.h>
#include "netcore_fake.h"
#include "nic_fake.h"
#include "capture_console.h"

#define REG_STATUS	0x00008
#define REG_EERD	0x00014
#define REG_MTA		0x05200
#define REG_RAL0	0x05400
#define REG_RAH0	0x05404

struct test_adapter {
	struct e1000x_hw hw;	/* first, as in both drivers */
	u64 link_changes;
};

/* probe_alloc/probe_free map BAR0; these tests have no BAR behind them. */
void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen) { return NULL; }
void pci_iounmap(struct pci_dev *dev, void *addr) {}

static u32 regs[0x6000 / 4];
static struct net_device *netdev;

static const struct ethtool_ops ops = { .get_link_ksettings = e1000x_get_link_ksettings };

static int setup(void **state)
{
	netcore_test_reset(256);
	memset(regs, 0, sizeof(regs));
	netdev = alloc_etherdev(sizeof(struct test_adapter));
	e1000x_hw(netdev)->hw_addr = (u8 *)regs;
	netdev->ethtool_ops = &ops;
	strcpy(netdev->name, "eth9");
	netif_carrier_off(netdev);	/* as probe leaves it */
	register_console(&capture_console);
	capture_clear();
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	free_netdev(netdev);
	return 0;
}

/* 256 ns units, rounded down; 0 is "no throttling", the 16-bit field caps it. */
static void test_itr_interval(void **state)
{
	assert_int_equal(e1000x_itr_interval(0), 0);
	assert_int_equal(e1000x_itr_interval(8000), 488);	/* 125 us / 256 ns */
	assert_int_equal(e1000x_itr_interval(100), 39062);
	assert_int_equal(e1000x_itr_interval(100000), 39);
	assert_int_equal(e1000x_itr_interval(10), 0xFFFF);	/* 390625 does not fit */
	assert_int_equal(e1000x_itr_interval(16777216), 0);	/* no overflow, no division by 0 */
}

/* Bits 47:36 of the destination: 01:00:5e:00:00:fb (mDNS) hashes to 0xfb0. */
static void test_mta_hash_and_rx_mode(void **state)
{
	static const u8 mdns[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };

	assert_int_equal(e1000x_hash_mc_addr(mdns), 0xfb0);
	assert_int_equal(dev_mc_add(netdev, mdns), 0);
	regs[0x100 / 4] = 0x2;	/* RCTL.EN, kept */
	e1000x_set_rx_mode(netdev);
	assert_int_equal(regs[REG_MTA / 4 + (0xfb0 >> 5)], 1u << (0xfb0 & 31));
	assert_int_equal(regs[0x100 / 4], 0x2);
	netdev->flags |= IFF_PROMISC;
	e1000x_set_rx_mode(netdev);
	assert_int_equal(regs[0x100 / 4], 0x2 | 0x8 | 0x10);	/* UPE, MPE */
	assert_int_equal(dev_mc_del(netdev, mdns), 0);
}

static void test_rar_and_set_mac(void **state)
{
	u8 addr[ETH_ALEN] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };
	u8 mcast[ETH_ALEN] = { 0x01, 0, 0, 0, 0, 1 };

	assert_int_equal(e1000x_set_mac(netdev, addr), 0);
	assert_int_equal(regs[REG_RAL0 / 4], 0xab005452);
	assert_int_equal(regs[REG_RAH0 / 4], 0x8000efcd);	/* AV */
	assert_int_equal(e1000x_set_mac(netdev, mcast), -EINVAL);
	assert_memory_equal(netdev->dev_addr, addr, ETH_ALEN);
}

/* A plain array never reports DONE: the bounded wait gives up. */
static void test_nvm_read_times_out(void **state)
{
	static const struct e1000x_eerd layout = { .done = 1u << 4, .addr_shift = 8 };
	u16 sum, w;

	assert_int_equal(e1000x_read_nvm(e1000x_hw(netdev), &layout, 5, &w), -ETIMEDOUT);
	assert_int_equal(regs[REG_EERD / 4], (5u << 8) | 1);	/* START, address in 15:8 */
	assert_int_equal(e1000x_validate_nvm_checksum(e1000x_hw(netdev), &layout, &sum),
			 -ETIMEDOUT);
}

/* The carrier follows STATUS.LU, and only an edge logs and counts. */
static void test_check_link_logs_edges(void **state)
{
	struct test_adapter *a = netdev_priv(netdev);

	regs[REG_STATUS / 4] = 0x2 | 0x1 | (1u << 6);	/* LU, FD, 100 Mb/s */
	assert_true(e1000x_check_link(netdev, "rx/tx", &a->link_changes));
	assert_true(netif_carrier_ok(netdev));
	assert_non_null(strstr(capture_buf, "eth9: link up, 100 Mbps full duplex, flow control rx/tx\n"));
	assert_true(e1000x_check_link(netdev, NULL, &a->link_changes));
	assert_int_equal(a->link_changes, 1);
	regs[REG_STATUS / 4] = 0;
	capture_clear();
	assert_false(e1000x_check_link(netdev, NULL, &a->link_changes));
	assert_false(netif_carrier_ok(netdev));
	assert_non_null(strstr(capture_buf, "eth9: link down\n"));
	assert_int_equal(a->link_changes, 2);
}

/* An RX ring holds its size in the pool's reserve; a TX ring's leftovers are drops. */
static void test_rings(void **state)
{
	struct e1000x_ring rx = { 0 }, tx = { 0 };
	struct skb_pool_stats st;
	int live = fake_nic_dma_live;

	assert_int_equal(e1000x_setup_ring(&rx, 64, true, "eth9"), 0);
	assert_int_equal(e1000x_setup_ring(&tx, 64, false, "eth9"), 0);
	skb_pool_get_stats(&st);
	assert_int_equal(st.reserved, 64);
	assert_int_equal(fake_nic_dma_live, live + 2);
	rx.buffer_info[3].skb = netdev_alloc_skb_ip_align(netdev, 2048);
	tx.buffer_info[7].skb = netdev_alloc_skb_ip_align(netdev, 64);
	tx.buffer_info[9].skb = netdev_alloc_skb_ip_align(netdev, 64);
	assert_false(e1000x_rx_needs_refill(&(struct e1000x_ring){ .count = 64,
		.next_to_use = 40, .next_to_clean = 0 }));
	assert_true(e1000x_rx_needs_refill(&(struct e1000x_ring){ .count = 64,
		.next_to_use = 10, .next_to_clean = 0 }));
	assert_int_equal(e1000x_free_ring(&rx), 0);
	assert_int_equal(e1000x_free_ring(&tx), 2);
	skb_pool_get_stats(&st);
	assert_int_equal(st.reserved, 0);
	assert_int_equal(fake_nic_dma_live, live);
	netcore_assert_pool_idle();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_itr_interval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mta_hash_and_rx_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rar_and_set_mac, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nvm_read_times_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_link_logs_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rings, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
