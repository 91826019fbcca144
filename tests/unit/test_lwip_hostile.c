/*
 * Hostile peers against the real lwIP, the glue and the services, on the
 * host: per-service connection limits and eviction, an empty pcb pool, echo's
 * per-connection cap, copybreak and lwIP's share of the skb pool, UDP echo's
 * refusals, and the panic report. The lwIP patches have tests of their own
 * (test_lwip_tcp_patches.c, test_lwip_ip_patches.c). See docs/hostile-networks.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <net/apps/apps.h>
#include <net/apps/tcp_service.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/tcp_guard.h>
#include "lwip_harness.h"
#include "netcore_fake.h"
#include "panic_fake.h"

#include "lwip/stats.h"
#include "lwip/priv/tcp_priv.h"

/* TCP_SYN, TCP_ACK, ... are lwIP's flag values (tcp_priv.h), as on the wire. */


static unsigned int echo_established(void)
{
	unsigned int n = 0;

	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		n += pcb->local_port == ECHO_PORT && pcb->state == ESTABLISHED;
	return n;
}

static void test_service_limit_refuses_then_evicts_the_idle(void **state)
{
	ready_dev();
	handshake(43001, ECHO_PORT, 65535);	/* nicstack.echo_conns=2 */
	lwip_advance_ms(600);
	handshake(43002, ECHO_PORT, 65535);
	assert_int_equal(echo_established(), 2);
	/* A third at once: nobody has been idle 1 s, the newcomer is reset. */
	send_tcp(43003, ECHO_PORT, 5000, 0, TCP_SYN, 65535, NULL, 0);
	assert_int_equal(sent_with(TCP_SYN | TCP_ACK, 43003, NULL), 1);
	send_tcp(43003, ECHO_PORT, 5001, GUEST_ISN + 1, TCP_ACK, 65535, NULL, 0);
	assert_int_equal(sent_with(TCP_RST, 43003, NULL), 1);
	assert_int_equal(echo_established(), 2);
	/* Later the idlest (43001) makes room for a fourth. */
	lwip_advance_ms(1500);
	send_tcp(43004, ECHO_PORT, 5000, 0, TCP_SYN, 65535, NULL, 0);
	sent_with(0, 0, NULL);
	send_tcp(43004, ECHO_PORT, 5001, GUEST_ISN + 1, TCP_ACK, 65535, NULL, 0);
	assert_int_equal(sent_with(TCP_RST, 43001, NULL), 1);
	assert_int_equal(echo_established(), 2);
	for (u16 p = 43002; p <= 43004; p += 2)
		send_tcp(p, ECHO_PORT, 5001, GUEST_ISN + 1, TCP_RST, 0, NULL, 0);
	assert_int_equal(echo_established(), 0);
	sent_with(0, 0, NULL);
}

/* When the pcb pool itself is empty (here: connections to a port of the
 * test's own, at lwIP's normal priority), a SYN to a service still gets a
 * pcb: listeners run one priority above established connections, so lwIP's
 * tcp_alloc() resets the oldest idle one for it. */
static struct tcp_pcb *squatters[MEMP_NUM_TCP_PCB];
static unsigned int nr_squatters;

static err_t squatter_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	squatters[nr_squatters++] = pcb;
	return ERR_OK;
}

static void test_an_empty_pcb_pool_still_admits_a_new_client(void **state)
{
	struct tcp_pcb *l = tcp_new_ip_type(IPADDR_TYPE_ANY), *first;

	ready_dev();
	nr_squatters = 0;
	local_bh_disable();
	assert_int_equal(tcp_bind(l, IP_ANY_TYPE, 9), ERR_OK);
	l = tcp_listen(l);
	tcp_accept(l, squatter_accept);
	local_bh_enable();
	for (u16 i = 0; i < MEMP_NUM_TCP_PCB; i++) {
		handshake(51000 + i, 9, 65535);
		lwip_advance_ms(i == 0 ? 1000 : 0);	/* the first is the idlest */
	}
	assert_int_equal(nr_squatters, MEMP_NUM_TCP_PCB);
	first = squatters[0];
	assert_int_equal(first->remote_port, 51000);
	send_tcp(52000, ECHO_PORT, 5000, 0, TCP_SYN, 65535, NULL, 0);
	assert_int_equal(sent_with(TCP_SYN | TCP_ACK, 52000, NULL), 1);
	/* ... because the idlest squatter was reset for it. */
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		assert_int_not_equal(pcb->remote_port, 51000);
	for (u16 i = 1; i < MEMP_NUM_TCP_PCB; i++)
		reset_conn(51000 + i, 9);
	local_bh_disable();
	tcp_close(l);
	local_bh_enable();
	sent_with(0, 0, NULL);
}

static void test_one_byte_segments_to_a_closed_window_are_capped(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u64 refused = echo_stats.tcp_refused_data, copybreak = nif->stats.rx_copybreak;
	u8 chunk[1000];
	u32 seq = 5001;

	/* Our window is 0: once echo's send buffer (64 KB) is full it can only
	 * hold what arrives, or refuse it. */
	memset(chunk, 'c', sizeof(chunk));
	handshake(44001, ECHO_PORT, 0);
	for (unsigned int i = 0; i < 70; i++, seq += sizeof(chunk))
		send_tcp(44001, ECHO_PORT, seq, GUEST_ISN + 1, TCP_ACK, 0, chunk, sizeof(chunk));
	sent_with(0, 0, NULL);
	for (unsigned int i = 0; i < 500; i++, seq++)
		send_tcp(44001, ECHO_PORT, seq, GUEST_ISN + 1, TCP_ACK | TCP_PSH, 0, "x", 1);
	/* One-byte segments are copied (their skbs freed at once) and echo
	 * holds at most its cap of pbufs; the rest waits in lwIP, refused. */
	assert_true(nif->stats.rx_copybreak - copybreak >= 500);
	assert_true(echo_stats.tcp_refused_data > refused);
	assert_true(nicstack_glue_rx_held() <= 64 + 1);
	reset_conn(44001, ECHO_PORT);
	assert_int_equal(nicstack_glue_rx_held(), 0);
	sent_with(0, 0, NULL);
}

/* Fragments of a datagram that never completes: lwIP's reassembly keeps
 * them (up to IP_REASS_MAX_PBUFS), so they would pin skbs. */
static void test_large_frames_are_copied_once_lwip_holds_its_share(void **state)
{
	struct nicstack_netif *nif = ready_dev();
	u8 f[1100];
	size_t off = eth_hdr(f, dev->dev_addr, ETH_P_IP);

	/* 256 skbs, a ring of 160 reserved, 64 slack: lwIP may hold 31. */
	skb_pool_reserve(160);
	memset(f + off + 20, 'f', 1000);
	for (unsigned int i = 0; i < 40; i++) {
		ip_hdr(f + off, 17, 1000);
		put16(f + off + 4, 0x4242);				/* one datagram */
		put16(f + off + 6, (u16)(0x2000 | (i * 1000 / 8)));	/* MF, offset */
		put16(f + off + 10, 0);
		put_csum(f + off + 10, ip_compute_csum(f + off, 20));
		inject(f, off + 20 + 1000);
	}
	assert_int_equal(nicstack_glue_rx_held(), 256 - 160 - 64);
	assert_int_equal(nif->stats.rx_pool_low, 40 - (256 - 160 - 64));
	assert_int_equal(lwip_stats.ip_frag.recv >= 40, true);
	skb_pool_unreserve(160);
	lwip_advance_ms(20000);			/* IP_REASS_MAXAGE: the datagram expires */
	assert_int_equal(nicstack_glue_rx_held(), 0);
	sent_with(0, 0, NULL);			/* ICMP time exceeded, if any */
}

static void udp_to(const u8 dst_ip[4], u16 sport)
{
	u8 f[128];
	size_t off = eth_hdr(f, dev->dev_addr, ETH_P_IP);
	u8 *u = f + off + 20;

	put16(u, sport);
	put16(u + 2, ECHO_PORT);
	put16(u + 4, 8 + 4);
	put16(u + 6, 0);			/* no checksum: allowed for IPv4 */
	memcpy(u + 8, "ping", 4);
	ip_hdr(f + off, 17, 12);
	memcpy(f + off + 16, dst_ip, 4);
	put16(f + off + 10, 0);
	put_csum(f + off + 10, ip_compute_csum(f + off, 20));
	inject(f, off + 32);
}

static void test_udp_echo_refuses_low_ports_and_broadcasts(void **state)
{
	static const u8 bcast[4] = { 192, 0, 2, 255 };
	u64 port = echo_stats.udp_refused_port, dest = echo_stats.udp_refused_dest;

	ready_dev();
	udp_to(our_ip, 19);			/* chargen would answer our answer */
	assert_int_equal(tx_count, 0);
	assert_int_equal(echo_stats.udp_refused_port, port + 1);
	udp_to(bcast, 40000);
	assert_int_equal(tx_count, 0);
	assert_int_equal(echo_stats.udp_refused_dest, dest + 1);
	udp_to(our_ip, 40000);
	assert_int_equal(tx_count, 1);
	complete_tx();
	tx_count = 0;
}

/* An lwIP assertion reached from the wire names the frame's path. */
static void test_panic_names_the_last_rx_stage(void **state)
{
	ready_dev();				/* an ARP request went up */
	EXPECT_PANIC(LWIP_PLATFORM_ASSERT("test"), "last rx: glue_rcv ");
	assert_true(fake_console_has("lwIP assertion \"test\" failed at"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, lwip_harness_setup, lwip_harness_teardown)
	const struct CMUnitTest tests[] = {
		T(test_service_limit_refuses_then_evicts_the_idle),
		T(test_an_empty_pcb_pool_still_admits_a_new_client),
		T(test_one_byte_segments_to_a_closed_window_are_capped),
		T(test_large_frames_are_copied_once_lwip_holds_its_share),
		T(test_udp_echo_refuses_low_ports_and_broadcasts),
		T(test_panic_names_the_last_rx_stage),
	};

	return cmocka_run_group_tests(tests, lwip_services_setup, NULL);
}
