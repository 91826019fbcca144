/*
 * TCP segmentation offload, lwIP's side. Linux sends a large TCP segment
 * (an skb with gso_size) through the stack once and lets the NIC cut it
 * into MSS-sized frames (TSO), or cuts it just before the driver in
 * software (GSO). lwIP has no such model, so the port gives it one:
 *
 *  - once a connection is established over a netif that takes large
 *    segments, its send MSS (pcb->mss) becomes GSO_SEGS times the real one,
 *    so tcp_write() builds segments of up to GSO_SEGS frames (lwIP itself
 *    caps a segment at half the peer's largest window);
 *  - every segment that leaves is marked with the real MSS in its pbuf
 *    (LWIP_PBUF_CUSTOM_DATA gso_size), so IP does not fragment it (our
 *    lwIP patch 0018) and the glue turns it into an skb with gso_size;
 *  - the device cuts it (NETIF_F_TSO/TSO6) or net/core/gso.c does.
 *
 * UDP, ICMP and everything else keep the netif's 1500-byte MTU and lwIP's
 * own fragmentation; only TCP sees the larger MSS, and only for sending.
 *
 * What a large segment does to lwIP's congestion control (it counts in
 * pcb->mss): the initial window becomes two large segments (see
 * gso_initial_cwnd()); slow start still grows by the bytes acknowledged
 * (lwIP caps an ACK's credit at two segments, now two large ones);
 * congestion avoidance adds one large segment per window, GSO_SEGS times
 * RFC 5681's rate; fast recovery inflates the window by a large segment
 * per duplicate ACK, and a loss resends the whole large segment. On the
 * lab links nicstack is built for this is what Linux's TSO does in effect
 * (it too sends and resends in large chunks); docs/lwip.md says so, and
 * nicstack.gso=off turns it all off.
 */
#define pr_fmt(fmt) "lwip: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/modinfo.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/netdevice.h>
#include <net/lwip/netif_glue.h>

#include "lwip/ip.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"

/* Frames per large segment: 16 x 1460 = 23360 bytes, below every cap. */
#define GSO_SEGS	16

enum gso_mode { GSO_OFF, GSO_AUTO, GSO_ON };
static enum gso_mode gso_mode = GSO_AUTO;
static unsigned int gso_netifs;		/* netifs taking large segments now */

static int gso_set(const char *val, const struct kernel_param *kp)
{
	if (!val)
		return -EINVAL;
	if (!strcmp(val, "off"))
		gso_mode = GSO_OFF;
	else if (!strcmp(val, "auto"))
		gso_mode = GSO_AUTO;
	else if (!strcmp(val, "on"))
		gso_mode = GSO_ON;
	else
		return -EINVAL;
	return 0;
}

static int gso_get(char *buf, size_t size, const struct kernel_param *kp)
{
	static const char *const names[] = { "off", "auto", "on" };

	return snprintf(buf, size, "%s", names[gso_mode]);
}

static const struct kernel_param_ops gso_ops = { .set = gso_set, .get = gso_get };
module_param_cb(gso, &gso_ops, NULL, 0444);
MODULE_PARM_DESC(gso, "large TCP segments: auto (devices with TSO), on (software "
		 "segmentation for the rest too), off");

void nicstack_gso_netif_init(struct nicstack_netif *nif)
{
	u64 f = nif->dev->features;

	nif->gso4 = nif->gso6 = false;
	/* Segmentation rewrites each frame's TCP checksum: only with the
	 * stack's checksum offload path (the glue seeds, the NIC or gso.c sums). */
	if (gso_mode == GSO_OFF || !nif->csum_offload)
		return;
	nif->gso4 = gso_mode == GSO_ON || (f & NETIF_F_TSO);
	nif->gso6 = gso_mode == GSO_ON || (f & NETIF_F_TSO6);
	if (nif->gso4 || nif->gso6) {
		gso_netifs++;
		pr_info("%s: large TCP segments (%s%s%s)\n", nif->dev->name,
			nif->gso4 ? "IPv4" : "", nif->gso4 && nif->gso6 ? ", " : "",
			nif->gso6 ? "IPv6" : "");
		if (!(f & NETIF_F_TSO) || !(f & NETIF_F_TSO6))
			pr_info("%s: segmented in software where the device cannot\n",
				nif->dev->name);
	}
}

void nicstack_gso_netif_exit(struct nicstack_netif *nif)
{
	if ((nif->gso4 || nif->gso6) && gso_netifs)
		gso_netifs--;
	nif->gso4 = nif->gso6 = false;
}

static u16 real_mss(const struct tcp_pcb *pcb)
{
	/* Only a raised MSS exceeds TCP_MSS (tcp_parseopt() caps the peer's). */
	return pcb->mss > TCP_MSS ? pcb->mss / GSO_SEGS : pcb->mss;
}

/* lwIP's own rule (tcp_in.c), for a large segment: two of them. */
static tcpwnd_size_t gso_initial_cwnd(u16 mss)
{
	return (tcpwnd_size_t)LWIP_MIN(4U * mss, LWIP_MAX(2U * mss, 4380U));
}

/* LWIP_HOOK_TCP_INPACKET_PCB: the first packet of an established
 * connection raises its MSS if its netif takes large segments. */
err_t nicstack_tcp_gso_input(struct tcp_pcb *pcb)
{
	struct netif *netif;
	struct nicstack_netif *nif;
	bool v6;

	/* The state first: a listening pcb has no mss field. */
	if (!gso_netifs || pcb->state != ESTABLISHED || pcb->mss > TCP_MSS)
		return ERR_OK;
	netif = ip_route(&pcb->local_ip, &pcb->remote_ip);
	if (!netif)
		return ERR_OK;
	nif = nicstack_netif_of(netif);
	v6 = IP_IS_V6(&pcb->remote_ip);
	if (!(v6 ? nif->gso6 : nif->gso4))
		return ERR_OK;
	pcb->mss = (u16_t)(pcb->mss * GSO_SEGS);
	/* A window smaller than one large segment with nothing in flight would
	 * never let the first one go (lwIP sends whole segments only). */
	pcb->cwnd = LWIP_MAX(pcb->cwnd, gso_initial_cwnd(pcb->mss));
	return ERR_OK;
}

/* LWIP_HOOK_TCP_OUT_ADD_TCPOPTS, called with the header and options built:
 * a segment longer than one real MSS is marked for segmentation. */
u32_t *nicstack_tcp_gso_mark(struct pbuf *p, struct tcp_hdr *hdr, const struct tcp_pcb *pcb,
			     u32_t *opts)
{
	u16 hlen = (u16)((u8 *)opts - (u8 *)hdr);

	p->gso_size = 0;
	if (pcb && pcb->mss > TCP_MSS && p->tot_len > hlen + real_mss(pcb))
		p->gso_size = real_mss(pcb);
	return opts;
}
