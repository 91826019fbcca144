/*
 * A pair of Ethernet devices wired back to back: what one transmits, the
 * other receives, through NAPI. The smallest complete driver (open, stop,
 * xmit with back-pressure, an interrupt-free "RX ring", poll, stats), used
 * by the unit tests and as the example to read before drivers/net/e1000e.
 */
#ifndef DRIVERS_NET_TEST_PAIRDEV_H
#define DRIVERS_NET_TEST_PAIRDEV_H

#include <net/core/netdevice.h>

/* The "ring": frames waiting for the peer's poll. Full -> the sender stops. */
#define PAIRDEV_RING_SIZE	256

struct pairdev_priv {
	struct net_device *dev;
	struct net_device *peer;
	struct napi_struct napi;
	struct sk_buff_head rx_ring;	/* frames sent to us by the peer */
	unsigned int ring_size;
};

/* Allocates and registers both ("eth%d" names); they start down. */
int pairdev_create(struct net_device **a, struct net_device **b);
void pairdev_destroy(struct net_device *a, struct net_device *b);

#endif
