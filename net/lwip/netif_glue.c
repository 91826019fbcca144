/*
 * net_device <-> lwIP netif: attaching, the receive path and device events.
 * Transmit is in glue_tx.c. See netif_glue.h for the picture.
 *
 * Context: glue_rcv() runs in NET_RX_SOFTIRQ (netif_receive_skb from a NAPI
 * poll or the backlog); the notifier runs in process context (boot, shell) or
 * softirq (a driver's watchdog timer noticing the link), and enters lwIP only
 * with bottom halves disabled, so a softirq cannot run lwIP underneath it.
 */
#define pr_fmt(fmt) "lwip: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/modinfo.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <lib/string.h>
#include <net/core/trace.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/port.h>
#include <net/lwip/lwip_hooks.h>

#include "lwip/pbuf.h"
#include "lwip/netif.h"
#include "lwip/etharp.h"
#include "lwip/nd6.h"
#include "lwip/igmp.h"
#include "lwip/mld6.h"
#include "lwip/ethip6.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/prot/udp.h"
#include "netif/ethernet.h"

err_t nicstack_low_level_output(struct netif *netif, struct pbuf *p);	/* glue_tx.c */

static struct nicstack_netif glue_ifaces[NICSTACK_MAX_NETIFS];

/*
 * Copybreak, as Linux's e1000 and many drivers do it: a frame this short is
 * copied into a right-sized heap pbuf and its skb (a page) goes straight
 * back to the pool. Whatever lwIP then keeps of it (queued data, out-of-order
 * segments) costs bytes, not a page each, and a peer sending one-byte
 * segments cannot empty the pool. 256 bytes holds every ACK and small
 * request, and measured no slower than wrapping (docs/hostile-networks.md).
 */
static unsigned int copybreak = 256;
module_param(copybreak, uint, 0644);
MODULE_PARM_DESC(copybreak, "received frames up to this many bytes are copied, their skb freed");

/*
 * Whether lwIP trusts the NIC's receive checksum verdict (patch 0019). On by
 * default; 0 makes lwIP sum every segment again (the A/B switch of
 * docs/profiling.md, and a way out should a NIC's verdict be doubted).
 */
static bool rx_csum_trust = true;
module_param(rx_csum_trust, bool, 0644);
MODULE_PARM_DESC(rx_csum_trust, "lwIP skips the TCP/UDP checksum the NIC verified (CHECKSUM_UNNECESSARY)");

/* Wrapped skbs lwIP still holds (all netifs): bounded by skb_pool_may_hold(). */
static unsigned int glue_rx_held;

/* The received skb's pbuf lives in its cb: no allocation per packet. */
BUILD_BUG_ON(sizeof(struct pbuf_custom) > sizeof(((struct sk_buff *)0)->cb));

struct nicstack_netif *nicstack_netif_find(const struct net_device *dev)
{
	for (unsigned int i = 0; i < NICSTACK_MAX_NETIFS; i++)
		if (glue_ifaces[i].in_use && glue_ifaces[i].dev == dev)
			return &glue_ifaces[i];
	return NULL;
}

/* ---- receive --------------------------------------------------------------- */

/* lwIP let go of the last reference to a wrapped skb. */
static void glue_rx_free(struct pbuf *p)
{
	struct sk_buff *skb = container_of((void *)p, struct sk_buff, cb);

	glue_rx_held--;
	consume_skb(skb);
}

/*
 * An skb that someone else also holds (a tap's reference, a clone) must not
 * be handed over: lwIP writes into received buffers (reassembly bookkeeping,
 * in-place replies). Those, nonlinear skbs, short frames (copybreak) and
 * frames that would take the pool's last skbs are copied into one heap pbuf
 * (PBUF_RAM is always a single pbuf). The skb is freed either way.
 */
static struct pbuf *glue_rx_copy(struct nicstack_netif *nif, struct sk_buff *skb)
{
	struct pbuf *p = NULL;

	if (skb->len <= 0xffff)
		p = pbuf_alloc(PBUF_RAW, (u16_t)skb->len, PBUF_RAM);
	if (p && skb_copy_bits(skb, 0, p->payload, (int)skb->len) != 0) {
		pbuf_free(p);
		p = NULL;
	}
	if (p)
		nif->stats.rx_copied++;
	consume_skb(skb);
	return p;
}

/*
 * low_level_input() of the skeleton: the frame as a pbuf, from the Ethernet
 * header on. eth_type_trans() pulled that header; it is pushed back because
 * lwIP's ethernet_input() parses it again (and needs the source MAC for ARP).
 * Takes the skb; NULL (skb freed) when it cannot be wrapped or copied.
 */
static struct pbuf *low_level_input(struct nicstack_netif *nif, struct sk_buff *skb)
{
	struct pbuf_custom *pc;
	struct pbuf *p;

	if (!skb_mac_header_was_set(skb) || skb->data < skb_mac_header(skb)) {
		kfree_skb(skb);
		return NULL;
	}
	skb_push(skb, (unsigned int)(skb->data - skb_mac_header(skb)));
	if (skb_shared(skb) || skb_cloned(skb) || skb_is_nonlinear(skb) || skb->len > 0xffff)
		return glue_rx_copy(nif, skb);
	if (skb->len <= READ_ONCE(copybreak)) {
		nif->stats.rx_copybreak++;
		return glue_rx_copy(nif, skb);
	}
	if (!skb_pool_may_hold(glue_rx_held)) {
		nif->stats.rx_pool_low++;
		return glue_rx_copy(nif, skb);
	}

	pc = (struct pbuf_custom *)(void *)skb->cb;
	memset(pc, 0, sizeof(*pc));
	pc->custom_free_function = glue_rx_free;
	/* PBUF_REF: lwIP must not assume free space in front of the payload;
	 * an in-place reply that needs header room copies instead (icmp.c). */
	p = pbuf_alloced_custom(PBUF_RAW, (u16_t)skb->len, PBUF_REF, pc,
				skb->data, (u16_t)skb->len);
	if (!p)
		kfree_skb(skb);
	else
		glue_rx_held++;
	return p;
}

/*
 * May lwIP skip this frame's TCP/UDP checksum? Only for what the NIC really
 * verified: the driver says CHECKSUM_UNNECESSARY only when the descriptor had
 * the TCP/UDP checksum checked and good (not just the IP header's). The NIC
 * sums one frame, so the packet must also be whole: not an IPv4 fragment (the
 * test ip4_input() uses to start reassembly) and, for IPv6, TCP or UDP right
 * after the fixed header (no fragment or other extension header). This
 * matters beyond the NIC: a reassembled datagram's first pbuf is its first
 * fragment's, so a mark on a fragment would vouch for bytes nobody checked.
 * A zero UDP checksum is left to lwIP's rule. skb->data is the IP header.
 */
static bool glue_rx_csum_unnecessary(const struct sk_buff *skb)
{
	const u8 *nh = skb->data;
	unsigned int hlen = skb_headlen(skb), l4off;
	u8 proto;

	if (skb->ip_summed != CHECKSUM_UNNECESSARY || !READ_ONCE(rx_csum_trust))
		return false;
	if (skb->protocol == cpu_to_be16(ETH_P_IP)) {
		const struct ip_hdr *ip = (const void *)nh;

		if (hlen < IP_HLEN || IPH_V(ip) != 4 || IPH_HL_BYTES(ip) < IP_HLEN ||
		    (IPH_OFFSET(ip) & PP_HTONS(IP_OFFMASK | IP_MF)) != 0)
			return false;
		l4off = IPH_HL_BYTES(ip);
		proto = IPH_PROTO(ip);
	} else if (skb->protocol == cpu_to_be16(ETH_P_IPV6)) {
		const struct ip6_hdr *ip6 = (const void *)nh;

		if (hlen < IP6_HLEN || IP6H_V(ip6) != 6)
			return false;
		l4off = IP6_HLEN;
		proto = IP6H_NEXTH(ip6);
	} else {
		return false;
	}
	if (proto == IP_PROTO_TCP)
		return true;
	if (proto != IP_PROTO_UDP || hlen < l4off + UDP_HLEN)
		return false;
	return ((const struct udp_hdr *)(const void *)(nh + l4off))->chksum != 0;
}

static int glue_rcv(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev)
{
	struct nicstack_netif *nif = nicstack_netif_find(dev);
	struct pbuf *p;
	bool csum_ok;

	trace_rx(__func__, skb);
	if (!nif || !netif_is_up(&nif->netif)) {
		if (nif)
			nif->stats.rx_dropped++;
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	/* lwIP's ethernet_input() does not look at the destination MAC. */
	if (skb->pkt_type == PACKET_OTHERHOST) {
		nif->stats.rx_otherhost++;
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	csum_ok = glue_rx_csum_unnecessary(skb);	/* before the skb may be copied and freed */
	p = low_level_input(nif, skb);
	if (!p) {
		nif->stats.rx_dropped++;
		return NET_RX_DROP;
	}
	nif->stats.rx_packets++;
	if (csum_ok) {
		p->csum_unnecessary = 1;
		nif->stats.rx_csum_unnecessary++;
	}
	/* On error lwIP did not take the pbuf: ours to free (ethernetif.c). */
	if (nif->netif.input(p, &nif->netif) != ERR_OK) {
		nif->stats.rx_dropped++;
		pbuf_free(p);
		return NET_RX_DROP;
	}
	return NET_RX_SUCCESS;
}

static struct packet_type glue_ptypes[] = {
	{ .func = glue_rcv }, { .func = glue_rcv }, { .func = glue_rcv },
};
static const u16 glue_ethertypes[] = { ETH_P_IP, ETH_P_ARP, ETH_P_IPV6 };

/* ---- multicast: IGMP and MLD joins reach the device's filter -------------- */

static err_t glue_mc_filter(struct netif *netif, const u8 *mac,
			    enum netif_mac_filter_action action)
{
	struct net_device *dev = nicstack_netif_of(netif)->dev;
	int err = action == NETIF_ADD_MAC_FILTER ? dev_mc_add(dev, mac) : dev_mc_del(dev, mac);

	return err ? ERR_IF : ERR_OK;
}

/* RFC 1112 6.4: 01:00:5e followed by the group's low 23 bits. */
static err_t glue_igmp_filter(struct netif *netif, const ip4_addr_t *group,
			      enum netif_mac_filter_action action)
{
	u32 a = lwip_ntohl(ip4_addr_get_u32(group));
	u8 mac[ETH_ALEN] = { 0x01, 0x00, 0x5e, (a >> 16) & 0x7f, (a >> 8) & 0xff, a & 0xff };

	return glue_mc_filter(netif, mac, action);
}

/* RFC 2464 7: 33:33 followed by the group's last 32 bits. */
static err_t glue_mld_filter(struct netif *netif, const ip6_addr_t *group,
			     enum netif_mac_filter_action action)
{
	u8 mac[ETH_ALEN] = { 0x33, 0x33 };

	memcpy(&mac[2], &group->addr[3], 4);
	return glue_mc_filter(netif, mac, action);
}

/* ---- attaching ------------------------------------------------------------- */

/*
 * TCP checksums are left to the NIC when it can do them for IPv4 and IPv6
 * both (lwIP's control is per netif, not per IP version). UDP checksums stay
 * with lwIP: a UDP datagram larger than the MTU leaves as IP fragments, and
 * no NIC can sum a datagram across fragments; with generation off lwIP would
 * send 0, which IPv6 forbids (RFC 8200 8.1). Every receive check stays on:
 * the NIC's verdict comes per packet, lwIP's switch is per netif.
 */
static void glue_set_checksums(struct nicstack_netif *nif)
{
	u64 need = NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM;
	u16 flags = NETIF_CHECKSUM_ENABLE_ALL;

	nif->csum_offload = (nif->dev->features & need) == need;
	if (nif->csum_offload)
		flags &= (u16)~NETIF_CHECKSUM_GEN_TCP;
	NETIF_SET_CHECKSUM_CTRL(&nif->netif, flags);
}

/* low_level_init() of the skeleton: lwIP's netif_add() calls it. */
static err_t low_level_init(struct netif *netif)
{
	struct nicstack_netif *nif = netif->state;
	struct net_device *dev = nif->dev;

	netif->name[0] = 'e';
	netif->name[1] = 't';
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = nicstack_low_level_output;
	netif->mtu = (u16_t)min(dev->mtu, 0xffffu);
	netif->hwaddr_len = ETH_ALEN;
	memcpy(netif->hwaddr, dev->dev_addr, ETH_ALEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	netif_set_igmp_mac_filter(netif, glue_igmp_filter);
	netif_set_mld_mac_filter(netif, glue_mld_filter);
	netif_set_hostname(netif, "nicstack");
	glue_set_checksums(nif);
	nicstack_gso_netif_init(nif);
	return ERR_OK;
}

/* The device's administrative and carrier state, mirrored into lwIP. */
static void glue_sync_state(struct nicstack_netif *nif)
{
	struct netif *n = &nif->netif;
	struct net_device *dev = nif->dev;
	bool up = netif_running(dev), link = up && netif_carrier_ok(dev);

	if (up && !netif_is_up(n))
		netif_set_up(n);
	else if (!up && netif_is_up(n))
		netif_set_down(n);
	if (link && !netif_is_link_up(n))
		netif_set_link_up(n);
	else if (!link && netif_is_link_up(n))
		netif_set_link_down(n);
}

static struct nicstack_netif *glue_slot(void)
{
	for (unsigned int i = 0; i < NICSTACK_MAX_NETIFS; i++)
		if (!glue_ifaces[i].in_use)
			return &glue_ifaces[i];
	return NULL;
}

static int glue_add_netif(struct nicstack_netif *nif, struct net_device *dev)
{
	ip6_addr_t allnodes;

	memset(nif, 0, sizeof(*nif));
	nif->dev = dev;
	if (!netif_add(&nif->netif, NULL, NULL, NULL, nif, low_level_init, ethernet_input))
		return -ENOMEM;
	nif->in_use = true;
	/* ff02::1 is never joined through MLD, yet router advertisements and
	 * neighbour traffic arrive there: the NIC must accept it (RFC 4291 2.7.1). */
	ip6_addr_set_allnodes_linklocal(&allnodes);
	glue_mld_filter(&nif->netif, &allnodes, NETIF_ADD_MAC_FILTER);
	netif_create_ip6_linklocal_address(&nif->netif, 1);
	netif_set_ip6_autoconfig_enabled(&nif->netif, 1);
	if (!netif_default)
		netif_set_default(&nif->netif);
	nicstack_addr_configure(nif, strcmp(dev->name, "eth0") == 0);
	glue_sync_state(nif);
	return 0;
}

int nicstack_netif_attach(struct net_device *dev)
{
	struct nicstack_netif *nif;
	int err;

	if (nicstack_netif_find(dev))
		return 0;
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		pr_warn("%s: not Ethernet, not attached\n", dev->name);
		return -EOPNOTSUPP;
	}
	nif = glue_slot();
	if (!nif) {
		pr_err("%s: no room for another netif (%d)\n", dev->name, NICSTACK_MAX_NETIFS);
		return -ENOSPC;
	}
	local_bh_disable();
	err = glue_add_netif(nif, dev);
	local_bh_enable();
	if (err) {
		pr_err("%s: netif_add failed\n", dev->name);
		return err;
	}
	/* Bringing the interface up is the stack's decision ("ifup"); the
	 * NETDEV_UP event then sets the netif up. */
	return dev_open(dev);
}

void nicstack_netif_detach(struct net_device *dev)
{
	struct nicstack_netif *nif = nicstack_netif_find(dev);

	if (!nif)
		return;
	local_bh_disable();
	nicstack_addr_forget(nif);
	/* netif_remove() clears ARP and neighbour entries only through
	 * netif_set_down(), which it skips for a netif already down; but stopping
	 * DHCP may just have queued a release behind an ARP request. Entries left
	 * would name this netif from lwIP's timers after the device is freed
	 * (found by fuzz_rx_frame). */
	etharp_cleanup_netif(&nif->netif);
	nd6_cleanup_netif(&nif->netif);
	netif_remove(&nif->netif);
	nicstack_gso_netif_exit(nif);
	nif->in_use = false;
	local_bh_enable();
}

static int glue_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct nicstack_netif *nif;

	if (event == NETDEV_REGISTER) {
		nicstack_netif_attach(dev);
		return 0;
	}
	if (event == NETDEV_UNREGISTER) {
		nicstack_netif_detach(dev);
		return 0;
	}
	nif = nicstack_netif_find(dev);
	if (!nif)
		return 0;
	local_bh_disable();
	if (event == NETDEV_CHANGEMTU) {
		nif->netif.mtu = (u16_t)min(dev->mtu, 0xffffu);
		nif->netif.mtu6 = nif->netif.mtu;
	} else if (event == NETDEV_CHANGEADDR) {
		memcpy(nif->netif.hwaddr, dev->dev_addr, ETH_ALEN);
	}
	glue_sync_state(nif);
	local_bh_enable();
	return 0;
}

static struct notifier_block glue_notifier = { .notifier_call = glue_netdev_event };

int nicstack_glue_init(void)
{
	struct net_device *dev, *tmp;

	for (unsigned int i = 0; i < ARRAY_SIZE(glue_ptypes); i++) {
		glue_ptypes[i].type = cpu_to_be16(glue_ethertypes[i]);
		dev_add_pack(&glue_ptypes[i]);
	}
	register_netdevice_notifier(&glue_notifier);
	nicstack_tcp_ack_batch_init();
	list_for_each_entry_safe(dev, tmp, &net_device_list, dev_list)
		nicstack_netif_attach(dev);
	return 0;
}

/* For tests: back to no netifs and no handlers. */
void nicstack_glue_exit(void)
{
	unregister_netdevice_notifier(&glue_notifier);
	napi_set_rx_batch_end(NULL);
	for (unsigned int i = 0; i < ARRAY_SIZE(glue_ptypes); i++)
		dev_remove_pack(&glue_ptypes[i]);
	for (unsigned int i = 0; i < NICSTACK_MAX_NETIFS; i++)
		if (glue_ifaces[i].in_use)
			nicstack_netif_detach(glue_ifaces[i].dev);
}

unsigned int nicstack_glue_rx_held(void)
{
	return glue_rx_held;
}
