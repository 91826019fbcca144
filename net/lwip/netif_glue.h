/*
 * The glue between the net core's net_device and lwIP's struct netif: one
 * netif per device, attached when the device registers. The shape is lwIP's
 * ethernetif.c skeleton (low_level_init / low_level_output / input), so the
 * two can be read side by side:
 *
 *   receive   netif_receive_skb() -> glue_rcv() (a packet_type handler for
 *             ETH_P_IP, ETH_P_ARP, ETH_P_IPV6) -> the skb's data wrapped in a
 *             pbuf_custom kept in skb->cb, no copy -> netif->input().
 *             lwIP's pbuf_free() of it ends in consume_skb().
 *
 *   transmit  lwIP's linkoutput -> low_level_output(): an skb whose linear
 *             part holds the headers and whose frags point into the pbuf
 *             chain (NETIF_F_SG); a pbuf_ref() keeps the chain alive until
 *             the driver frees the skb at TX completion (frag_release ->
 *             pbuf_free()). Without SG, or for a chain longer than
 *             MAX_SKB_FRAGS, one copy, counted.
 *
 * Includes lwIP's headers: for net/lwip and net/apps only.
 */
#ifndef NET_LWIP_NETIF_GLUE_H
#define NET_LWIP_NETIF_GLUE_H

#include <lib/types.h>
#include <net/core/netdevice.h>

#include "lwip/netif.h"

#define NICSTACK_MAX_NETIFS	4

/* Events at the glue, beside the device's own net_device_stats. */
struct glue_stats {
	u64 rx_packets;		/* handed to lwIP */
	u64 rx_copied;		/* copied into a heap pbuf, not wrapped (all reasons) */
	u64 rx_copybreak;	/* ... because short (nicstack.copybreak) */
	u64 rx_pool_low;	/* ... because lwIP held its share of the skb pool */
	u64 rx_dropped;		/* no netif, netif down, no heap for a copy, lwIP refused */
	u64 rx_otherhost;	/* unicast to another MAC (promiscuous taps) */
	u64 rx_csum_unnecessary;	/* TCP/UDP checksum left to the NIC's verdict (patch 0019) */
	u64 tx_packets;		/* handed to dev_queue_xmit() */
	u64 tx_sg;		/* ... as frags into the pbuf chain */
	u64 tx_copied;		/* ... as one copy (no SG, or too many pbufs) */
	u64 tx_csum_offload;	/* CHECKSUM_PARTIAL requested */
	u64 tx_gso;		/* ... as a large TCP segment (gso_size set) */
	u64 tx_dropped;		/* no skb, queue full, or unparsable headers */
};

/* pbuf chains released by TX completion (all netifs: the hook gets no netif). */
extern u64 nicstack_glue_tx_completed;

struct nicstack_netif {
	struct netif netif;		/* first: lwIP passes &netif, we cast back */
	struct net_device *dev;
	bool in_use;
	bool csum_offload;		/* lwIP's TCP checksum generation is off */
	bool gso4, gso6;		/* TCP may send large segments (tcp_gso.c) */
	bool want_dhcp, dhcp_started;	/* addr.c: DHCP starts once the netif is up */
	struct glue_stats stats;
};

/* tcp_gso.c: whether the netif takes large TCP segments (nicstack.gso=). */
void nicstack_gso_netif_init(struct nicstack_netif *nif);
void nicstack_gso_netif_exit(struct nicstack_netif *nif);

/* Received skbs lwIP holds now (wrapped, not yet freed), all netifs. */
unsigned int nicstack_glue_rx_held(void);

/* Attaches lwIP to dev (idempotent); lwIP must be up. 0 or -errno. */
int nicstack_netif_attach(struct net_device *dev);
void nicstack_netif_detach(struct net_device *dev);

struct nicstack_netif *nicstack_netif_find(const struct net_device *dev);
static inline struct nicstack_netif *nicstack_netif_of(struct netif *netif)
{
	return (struct nicstack_netif *)netif;
}

/* Registers the protocol handlers and the netdevice notifier, attaches every
 * device already registered (opening it). lwIP must be up. */
int nicstack_glue_init(void);
void nicstack_glue_exit(void);		/* host tests: detach everything */

/* Addressing (addr.c): called once per attached netif, from the glue. */
void nicstack_addr_configure(struct nicstack_netif *nif, bool first);
void nicstack_addr_forget(struct nicstack_netif *nif);
/* An IPv6 address in RFC 5952 text (lower case); buf of IP6ADDR_STRLEN_MAX. */
char *nicstack_ip6_ntoa(const ip6_addr_t *a, char *buf, size_t size);

#endif
