/*
 * The real lwIP, the real net core and the glue on the host (tests/unit/
 * test_lwip*.c): a fake net_device "eth0" at 192.0.2.2 whose transmitted
 * frames queue in lwip_txq, frames injected as if received, and lwIP's
 * time moved by hand.
 */
#ifndef TESTS_UNIT_FAKE_LWIP_HARNESS_H
#define TESTS_UNIT_FAKE_LWIP_HARNESS_H

#include <lib/types.h>
#include <net/core/checksum.h>
#include <net/core/netdevice.h>
#include <net/core/skbqueue.h>

extern const u8 host_mac[6], host_ip[4], our_ip[4];
extern struct net_device *dev;
extern struct sk_buff_head txq;
extern unsigned int tx_count;

/* lwip_services.c: the group setup of the hostile-peer tests (lwIP, echo
 * with nicstack.echo_conns=2, and lwiperf). */
int lwip_services_setup(void **state);

/* Group setup: parses params (e.g. "ip=192.0.2.2/24 gw=192.0.2.1"), starts lwIP. */
void lwip_harness_init(char *params);
/* Group setup: lwIP on 192.0.2.2/24 (gateway .1) with the UDP and TCP echo services. */
int lwip_harness_echo_setup(void **state);
/* Per test: a fresh skb pool (pool_size) and the glue; teardown checks it is idle. */
int lwip_harness_setup(void **state);
int lwip_harness_teardown(void **state);
void make_dev(u64 features);
void complete_tx(void);		/* TX completion, as a driver's poll does it */
/* Runs lwIP's timeouts as time moves on by ms (in 50 ms steps). */
void lwip_advance_ms(unsigned int ms);

/* Checksums come from net/core/checksum.h; these store one and sum an L4
 * segment over the pseudo header of the IP header at ip. */
void put_csum(u8 *p, __sum16 c);
__sum16 ipv4_l4_csum(const u8 *ip, const u8 *l4, size_t len, u8 proto);
__sum16 ipv6_l4_csum(const u8 *ip, const u8 *l4, size_t len, u8 nh);
void put16(u8 *p, u16 v);
void put32(u8 *p, u32 v);
u16 get16(const u8 *p);
u32 get32(const u8 *p);
size_t eth_hdr(u8 *f, const u8 *dst, u16 type);
void ip_hdr(u8 *ip, u8 proto, size_t l4len);	/* host_ip -> our_ip, checksum set */
void inject(const u8 *frame, size_t len);	/* as received on dev */
size_t one_tx(u8 *out, size_t size);		/* the only frame sent since the last call */
void send_arp_request(void);

/* ---- TCP and IPv6 from the host (hostile-peer tests) ---------------------- */

#define IPERF_PORT	5001
#define GUEST_ISN	1000	/* what the harness's ISN hook gives every connection */

struct nicstack_netif;
struct tcp_pcb;

/* A device with ARP for the host resolved, the boot chatter gone. */
struct nicstack_netif *ready_dev(void);
/* A TCP segment from the host (opt: optlen a multiple of 4), built and injected. */
size_t tcp_seg_opt(u8 *f, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags, u16 win,
		   const u8 *opt, size_t optlen, const void *data, size_t dlen);
void send_tcp_opt(u16 sport, u16 dport, u32 seq, u32 ack, u8 flags, u16 win,
		  const u8 *opt, size_t optlen, const void *data, size_t dlen);
void send_tcp(u16 sport, u16 dport, u32 seq, u32 ack, u8 flags, u16 win,
	      const void *data, size_t dlen);
/* The oldest frame sent and not yet looked at, copied into buf and freed:
 * its length, or 0 when there is none (tx_count is then reset). */
size_t next_sent(u8 *buf, size_t size);
/* Drains what was sent: how many TCP frames to to_port had all of flags (0:
 * every frame); *last_ack (may be NULL) gets the highest acknowledgement. */
unsigned int sent_with(u8 flags, u16 to_port, u32 *last_ack);
/* A reset at exactly the sequence number lwIP expects (RFC 5961). */
void reset_conn(u16 sport, u16 dport);
/* SYN, SYN-ACK, ACK from sport with window win; data then starts at 5001. */
void handshake(u16 sport, u16 dport, u16 win);
struct tcp_pcb *find_pcb(u16 sport, u16 dport);

/* fe80::1, the host; our link-local address (from the device's MAC). */
extern const u8 host_ll[16];
void our_ll(u8 a[16]);
/* An IPv6 frame from host_ll to our link-local address, checksum at csum_at. */
void inject6(u8 nh, const u8 *l4, size_t l4len, size_t csum_at);

#endif
