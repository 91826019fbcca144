/*
 * The IEEE 802.3 clause 22 PHY registers every MDIO-attached copper PHY
 * has (Linux's <linux/mii.h> names), and the pause resolution of Annex
 * 28B that follows autonegotiation. Drivers add their PHY's own registers.
 */
#ifndef NET_CORE_MII_H
#define NET_CORE_MII_H

#include <lib/types.h>

#define MII_BMCR		0x00	/* IEEE 802.3 22.2.4.1 control */
#define MII_BMSR		0x01	/* IEEE 802.3 22.2.4.2 status */
#define MII_PHYSID1		0x02
#define MII_PHYSID2		0x03
#define MII_ADVERTISE		0x04
#define MII_LPA			0x05
#define MII_CTRL1000		0x09
#define MII_STAT1000		0x0A

#define BMCR_SPEED1000		BIT(6)
#define BMCR_FULLDPLX		BIT(8)
#define BMCR_ANRESTART		BIT(9)	/* self-clearing */
#define BMCR_PDOWN		BIT(11)
#define BMCR_ANENABLE		BIT(12)
#define BMCR_SPEED100		BIT(13)
#define BMCR_LOOPBACK		BIT(14)
#define BMCR_RESET		BIT(15)
#define BMSR_LSTATUS		BIT(2)	/* latched low: read twice */
#define BMSR_ANEGCOMPLETE	BIT(5)

/* ANAR (4) and ANLPAR (5), IEEE 802.3 28.2.1.2 and Annex 28B: selector
 * field 00001 = 802.3, technology ability bits 5..11. */
#define ADVERTISE_CSMA		0x0001u
#define ADVERTISE_10HALF	BIT(5)
#define ADVERTISE_10FULL	BIT(6)
#define ADVERTISE_100HALF	BIT(7)
#define ADVERTISE_100FULL	BIT(8)
#define ADVERTISE_PAUSE_CAP	BIT(10)	/* symmetric PAUSE */
#define ADVERTISE_PAUSE_ASYM	BIT(11)	/* asymmetric PAUSE direction */
#define ADVERTISE_ALL_10_100	(ADVERTISE_10HALF | ADVERTISE_10FULL | \
				 ADVERTISE_100HALF | ADVERTISE_100FULL)
#define LPA_LPACK		BIT(14)	/* partner acknowledged our page */
/* 1000BASE-T control (9) and status (10), IEEE 802.3 40.5.1.1. */
#define ADVERTISE_1000HALF	BIT(8)
#define ADVERTISE_1000FULL	BIT(9)
#define LPA_1000HALF		BIT(10)
#define LPA_1000FULL		BIT(11)

#define FLOW_CTRL_TX		BIT(0)	/* we send PAUSE */
#define FLOW_CTRL_RX		BIT(1)	/* we obey PAUSE */

/*
 * IEEE 802.3 Annex 28B, Table 28B-3, for a full-duplex link: both sides
 * symmetric gives both directions; otherwise, with both asymmetric, the
 * side that also said symmetric is the one that sends.
 */
static inline u8 mii_resolve_flowctrl_fdx(u16 local, u16 partner)
{
	if (local & partner & ADVERTISE_PAUSE_CAP)
		return FLOW_CTRL_TX | FLOW_CTRL_RX;
	if (!(local & partner & ADVERTISE_PAUSE_ASYM))
		return 0;
	if (local & ADVERTISE_PAUSE_CAP)
		return FLOW_CTRL_RX;		/* the partner sends, we obey */
	return (partner & ADVERTISE_PAUSE_CAP) ? FLOW_CTRL_TX : 0;
}

#endif
