/*
 * The real lwIP, the real net core and the glue on the host (tests/unit/
 * test_lwip*.c): a fake net_device "eth0" at 192.0.2.2 whose transmitted
 * frames queue in lwip_txq, frames injected as if received, and lwIP's
 * time moved by hand.
 */
#ifndef TESTS_UNIT_FAKE_LWIP_HARNESS_H
#define TESTS_UNIT_FAKE_LWIP_HARNESS_H

#include <lib/types.h>
#include <net/core/netdevice.h>
#include <net/core/skbqueue.h>

extern const u8 host_mac[6], host_ip[4], our_ip[4];
extern struct net_device *dev;
extern struct sk_buff_head txq;
extern unsigned int tx_count;

/* Group setup: parses params (e.g. "ip=192.0.2.2/24 gw=192.0.2.1"), starts lwIP. */
void lwip_harness_init(char *params);
/* Per test: a fresh skb pool (pool_size) and the glue; teardown checks it is idle. */
int lwip_harness_setup(void **state);
int lwip_harness_teardown(void **state);
void make_dev(u64 features);
void complete_tx(void);		/* TX completion, as a driver's poll does it */
/* Runs lwIP's timeouts as time moves on by ms (in 50 ms steps). */
void lwip_advance_ms(unsigned int ms);

u16 csum_fold(u32 s);
u32 csum_add(u32 s, const u8 *b, size_t n);
void put16(u8 *p, u16 v);
void put32(u8 *p, u32 v);
u16 get16(const u8 *p);
u32 get32(const u8 *p);
size_t eth_hdr(u8 *f, const u8 *dst, u16 type);
void ip_hdr(u8 *ip, u8 proto, size_t l4len);	/* host_ip -> our_ip, checksum set */
void inject(const u8 *frame, size_t len);	/* as received on dev */
size_t one_tx(u8 *out, size_t size);		/* the only frame sent since the last call */
void send_arp_request(void);

#endif
