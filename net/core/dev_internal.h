/* Helpers shared between net/core files; not for drivers or the glue. */
#ifndef NET_CORE_DEV_INTERNAL_H
#define NET_CORE_DEV_INTERNAL_H

#include <net/core/netdevice.h>

void dev_watchdog_init(struct net_device *dev);		/* watchdog.c */
void dev_flush_backlog(struct net_device *dev);		/* dev.c: drop its queued RX */
void dev_deactivate(struct net_device *dev);		/* dev_xmit.c: drop its queued TX */
void dev_mc_flush(struct net_device *dev);		/* dev_addr.c */
void netif_receive_skb_core(struct sk_buff *skb);	/* dev.c, for the backlog */

#endif
