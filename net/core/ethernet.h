/* Ethernet (IEEE 802.3) framing as the net core needs it. */
#ifndef NET_CORE_ETHERNET_H
#define NET_CORE_ETHERNET_H

#include <lib/types.h>
#include <lib/string.h>
#include <net/core/byteorder.h>

struct sk_buff;
struct net_device;

#define ETH_ALEN	6	/* octets in an address */
#define ETH_HLEN	14	/* dest, source, type */
#define ETH_ZLEN	60	/* minimum frame without FCS */
#define ETH_DATA_LEN	1500	/* maximum payload: the default MTU */
#define ETH_FRAME_LEN	1514
#define ETH_FCS_LEN	4
#define ETH_MIN_MTU	68	/* smallest IPv4 MTU (RFC 791) */

/* EtherType values (IEEE registry) and Linux's pseudo types below 0x600. */
#define ETH_P_802_3	0x0001	/* raw 802.3 (Novell) */
#define ETH_P_ALL	0x0003	/* every packet: taps */
#define ETH_P_802_2	0x0004	/* 802.2 LLC */
#define ETH_P_802_3_MIN	0x0600	/* below: a length field, not a type */
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_P_8021Q	0x8100
#define ETH_P_IPV6	0x86DD

#define ARPHRD_ETHER	1

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	__be16 h_proto;
} __packed;

/* The group bit is the least significant bit of the first octet on the wire. */
static inline bool is_multicast_ether_addr(const u8 *a) { return a[0] & 0x01; }
static inline bool is_broadcast_ether_addr(const u8 *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}
static inline bool is_zero_ether_addr(const u8 *a)
{
	return !(a[0] | a[1] | a[2] | a[3] | a[4] | a[5]);
}
static inline bool is_valid_ether_addr(const u8 *a)
{
	return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a);
}
static inline bool ether_addr_equal(const u8 *a, const u8 *b) { return !memcmp(a, b, ETH_ALEN); }
static inline void ether_addr_copy(u8 *dst, const u8 *src) { memcpy(dst, src, ETH_ALEN); }

/* Sets skb->dev, pkt_type and the MAC header, pulls it; returns the protocol. */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);

void ether_setup(struct net_device *dev);
/* Named "eth%d", with txqs TX queues (alloc_etherdev(): one). */
struct net_device *alloc_etherdev_mq(size_t sizeof_priv, unsigned int txqs);
#define alloc_etherdev(sizeof_priv)	alloc_etherdev_mq(sizeof_priv, 1)
int eth_mac_addr(struct net_device *dev, void *addr);	/* default ndo_set_mac_address */

#endif
