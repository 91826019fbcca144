/*
 * The Intel 82576 as the igb driver sees it: register offsets, bits and the
 * advanced descriptor layouts from the 82576 GbE Controller Datasheet
 * (rev. 2.x, "the DS"), chapter 8 (registers) and 7 (descriptors) unless a
 * comment says otherwise. Only what the driver uses. The I210/I211/I350
 * keep these offsets for what is used here (their datasheets, chapter 8);
 * their differences are in docs/igb.md.
 */
#ifndef DRIVERS_NET_IGB_HW_H
#define DRIVERS_NET_IGB_HW_H

#include <lib/types.h>

#define IGB_VENDOR_ID_INTEL	0x8086
#define IGB_DEV_ID_82576	0x10C9	/* QEMU 8+ -device igb: verified there */

/* General (DS 8.2, 8.4) */
#define E1000_CTRL	0x00000
#define E1000_STATUS	0x00008
#define E1000_EECD	0x00010
#define E1000_EERD	0x00014
#define E1000_CTRL_EXT	0x00018
#define E1000_MDIC	0x00020
#define E1000_ICR	0x000C0		/* DS 8.8.1; the legacy causes */
#define E1000_ICS	0x000C8
#define E1000_IMS	0x000D0
#define E1000_IMC	0x000D8
#define E1000_RCTL	0x00100
#define E1000_TCTL	0x00400
#define E1000_TIPG	0x00410
#define E1000_GPIE	0x01514		/* DS 8.8.16 */
#define E1000_EICS	0x01520
#define E1000_EIMS	0x01524
#define E1000_EIMC	0x01528
#define E1000_EIAC	0x0152C
#define E1000_EIAM	0x01530
#define E1000_EICR	0x01580
#define E1000_EITR(v)	(0x01680 + 4 * (v))	/* DS 8.8.12 */
#define E1000_IVAR(n)	(0x01700 + 4 * (n))	/* DS 8.8.15, 82576 layout */
#define E1000_IVAR_MISC	0x01740
#define E1000_RXCSUM	0x05000
#define E1000_MTA	0x05200
#define E1000_RAL(i)	(0x05400 + 8 * (i))
#define E1000_RAH(i)	(0x05404 + 8 * (i))
#define E1000_MRQC	0x05818		/* DS 8.10.13 */
#define E1000_RETA(n)	(0x05C00 + 4 * (n))	/* 32 registers, 128 one-byte entries */
#define E1000_RSSRK(n)	(0x05C80 + 4 * (n))	/* 10 registers, the 40-byte key */
#define E1000_SWSM	0x05B50		/* DS 8.6.2 */
#define E1000_SW_FW_SYNC 0x05B5C	/* DS 8.6.4 */
#define E1000_MANC	0x05820		/* manageability control */
#define E1000_EEMNGCTL	0x01010		/* NVM manageability control: CFG_DONE per port */

/*
 * Per-queue registers (DS 8.10, 8.12): queue n at 0x0C000 + 0x40 n (RX)
 * and 0x0E000 + 0x40 n (TX). Queues 0-3 also answer at the 8254x-style
 * 0x02800/0x03800 + 0x100 n; these use the form every queue has.
 */
#define E1000_RDBAL(n)	(0x0C000 + 0x40 * (n))
#define E1000_RDBAH(n)	(0x0C004 + 0x40 * (n))
#define E1000_RDLEN(n)	(0x0C008 + 0x40 * (n))
#define E1000_SRRCTL(n)	(0x0C00C + 0x40 * (n))
#define E1000_RDH(n)	(0x0C010 + 0x40 * (n))
#define E1000_RDT(n)	(0x0C018 + 0x40 * (n))
#define E1000_RXDCTL(n)	(0x0C028 + 0x40 * (n))
#define E1000_TDBAL(n)	(0x0E000 + 0x40 * (n))
#define E1000_TDBAH(n)	(0x0E004 + 0x40 * (n))
#define E1000_TDLEN(n)	(0x0E008 + 0x40 * (n))
#define E1000_TDH(n)	(0x0E010 + 0x40 * (n))
#define E1000_TDT(n)	(0x0E018 + 0x40 * (n))
#define E1000_TXDCTL(n)	(0x0E028 + 0x40 * (n))

/* Statistics (DS 8.19): clear on read; the 64-bit pairs clear on the high read. */
#define E1000_CRCERRS	0x04000
#define E1000_MPC	0x04010
#define E1000_GPRC	0x04074
#define E1000_GPTC	0x04080
#define E1000_GORCL	0x04088
#define E1000_GOTCL	0x04090
#define E1000_RNBC	0x040A0
#define E1000_COLC	0x04028
#define E1000_BPRC	0x04078
#define E1000_MPRC	0x0407C
#define E1000_RUC	0x040A4
#define E1000_ROC	0x040AC
#define E1000_RQDPC(n)	(0x0C030 + 0x40 * (n))	/* DS 8.10.11: drops of a DROP_EN queue */

#define E1000_RAH_AV		BIT(31)		/* DS 8.10.8: the entry is in use */
#define E1000_CTRL_GIO_MASTER_DISABLE	BIT(2)
#define E1000_CTRL_SLU		BIT(6)
#define E1000_CTRL_RST		BIT(26)
#define E1000_CTRL_PHY_RST	BIT(31)
#define E1000_STATUS_LU		BIT(1)
#define E1000_STATUS_FUNC_SHIFT	2	/* bits 3:2: which port (LAN function) this is */
#define E1000_STATUS_FUNC_MASK	3u
#define E1000_STATUS_GIO_MASTER_ENABLE	BIT(19)
#define E1000_EECD_AUTO_RD	BIT(9)		/* DS 8.4.1: NVM auto-read done */
/* EERD (DS 8.4.2): the 82574's layout, not the 8254x's. */
#define E1000_EERD_DONE		BIT(1)
#define E1000_EERD_ADDR_SHIFT	2
#define E1000_CTRL_EXT_DRV_LOAD	BIT(28)

#define E1000_RCTL_EN		BIT(1)
#define E1000_RCTL_BAM		BIT(15)
#define E1000_RCTL_SECRC	BIT(26)
#define E1000_TCTL_EN		BIT(1)
#define E1000_TCTL_PSP		BIT(3)
#define E1000_TCTL_CT_SHIFT	4
#define E1000_TCTL_COLD_SHIFT	12
#define E1000_TCTL_RTLC		BIT(24)
#define E1000_COLLISION_THRESHOLD 15
#define E1000_COLLISION_DISTANCE  63	/* full duplex, DS 8.12.1 */
#define E1000_RXCSUM_IPOFL	BIT(8)
#define E1000_RXCSUM_TUOFL	BIT(9)
#define E1000_RXCSUM_PCSD	BIT(13)	/* the RSS hash, not the IP id, in write-back */

/* SRRCTL (DS 8.10.2): packet buffer size in 1 KiB units, descriptor type. */
#define E1000_SRRCTL_BSIZEPKT_SHIFT	10
#define E1000_SRRCTL_DESCTYPE_ADV_ONEBUF (1u << 25)
#define E1000_SRRCTL_DROP_EN		BIT(31)
/* RXDCTL/TXDCTL (DS 8.10.10, 8.12.13): the enable bit reads back set once
 * the queue is really running (and clear once it really stopped). */
#define E1000_XDCTL_QUEUE_ENABLE	BIT(25)

/* Interrupts (DS 7.3) */
#define E1000_ICR_TXDW		BIT(0)
#define E1000_ICR_LSC		BIT(2)
#define E1000_ICR_RXO		BIT(6)
#define E1000_ICR_RXDW		BIT(7)
#define E1000_GPIE_NSICR	BIT(0)
#define E1000_GPIE_MSIX_MODE	BIT(4)
#define E1000_GPIE_EIAME	BIT(30)
#define E1000_GPIE_PBA		BIT(31)
#define E1000_IVAR_VALID	0x80
#define E1000_EITR_CNT_IGNR	BIT(31)
#define E1000_EITR_INTERVAL_SHIFT 2	/* bits 14:2, microseconds */
#define E1000_EITR_INTERVAL_MASK  0x7FFC

/* RSS (DS 8.10.13): MRQE = 010b, hash on IPv4/IPv6 addresses and TCP ports. */
#define E1000_MRQC_ENABLE_RSS	0x2
#define E1000_MRQC_RSS_TCPIPV4	BIT(16)
#define E1000_MRQC_RSS_IPV4	BIT(17)
#define E1000_MRQC_RSS_IPV6	BIT(20)
#define E1000_MRQC_RSS_TCPIPV6	BIT(21)

/* ---- advanced descriptors (DS 7.1.5 receive, 7.2.2 transmit) ---- */

/* Receive, as software writes it ... */
struct igb_adv_rx_read {
	u64 pkt_addr;
	u64 hdr_addr;		/* header split only; 0 here */
};
/* ... and as the device writes it back over the same 16 bytes. */
struct igb_adv_rx_wb {
	u16 pkt_info;		/* bits 3:0 RSS type, 15:4 packet type */
	u16 hdr_info;
	u32 rss_hash;		/* with RXCSUM.PCSD; the IP id and checksum otherwise */
	u32 status_error;
	u16 length;
	u16 vlan;
};
union igb_adv_rx_desc {
	struct igb_adv_rx_read read;
	struct igb_adv_rx_wb wb;
};
#define IGB_RXD_STAT_DD		BIT(0)
#define IGB_RXD_STAT_EOP	BIT(1)
#define IGB_RXD_STAT_UDPCS	BIT(4)
#define IGB_RXD_STAT_L4CS	BIT(5)
#define IGB_RXD_STAT_IPCS	BIT(6)
#define IGB_RXD_ERR_L4E		BIT(29)
#define IGB_RXD_ERR_IPE		BIT(30)
#define IGB_RXD_ERR_RXE		BIT(31)
#define IGB_RXD_ERR_FRAME	(BIT(24) | BIT(25) | BIT(26) | IGB_RXD_ERR_RXE)
#define IGB_RXD_RSS_TYPE_MASK	0xF
/* RSS type (DS 7.1.5.2, pkt_info 3:0): what the hash was computed over. */
#define IGB_RSS_TYPE_NONE		0x0
#define IGB_RSS_TYPE_HASH_TCP_IPV4	0x1
#define IGB_RSS_TYPE_HASH_IPV4		0x2
#define IGB_RSS_TYPE_HASH_TCP_IPV6	0x3
#define IGB_RSS_TYPE_HASH_IPV6_EX	0x4
#define IGB_RSS_TYPE_HASH_IPV6		0x5
#define IGB_RSS_TYPE_HASH_TCP_IPV6_EX	0x6
#define IGB_RSS_TYPE_HASH_UDP_IPV4	0x7
#define IGB_RSS_TYPE_HASH_UDP_IPV6	0x8
#define IGB_RSS_TYPE_HASH_UDP_IPV6_EX	0x9

/* Transmit data descriptor, read format ... */
struct igb_adv_tx_read {
	u64 buffer_addr;
	u32 cmd_type_len;	/* 15:0 length, 23:20 DTYP, 31:24 DCMD */
	u32 olinfo_status;	/* 31:14 PAYLEN (the frame; TSO: the payload), POPTS 13:8, IDX 6:4 */
};
/* ... and its write-back: only DD in the status. */
struct igb_adv_tx_wb {
	u64 rsvd;
	u32 nxtseq_seed;
	u32 status;
};
union igb_adv_tx_desc {
	struct igb_adv_tx_read read;
	struct igb_adv_tx_wb wb;
};
/* Transmit context descriptor (DS 7.2.2.2): the offsets a checksum needs. */
struct igb_adv_tx_context_desc {
	u32 vlan_macip_lens;	/* 8:0 IPLEN, 15:9 MACLEN, 31:16 VLAN */
	u32 seqnum_seed;
	u32 type_tucmd_mlhl;	/* TUCMD 19:9, DTYP 23:20, DEXT 29 */
	u32 mss_l4len_idx;	/* 6:4 IDX, 15:8 L4LEN, 31:16 MSS (TSO only) */
};
#define IGB_TXC_MACLEN_SHIFT	9
#define IGB_TXC_TUCMD_IPV4	BIT(10)
#define IGB_TXC_TUCMD_L4T_TCP	BIT(11)		/* 00b in bits 12:11 is UDP */
#define IGB_TXC_L4LEN_SHIFT	8
#define IGB_TXC_MSS_SHIFT	16
#define IGB_TXD_POPTS_IXSM	BIT(8)		/* insert the IPv4 header checksum */
#define IGB_TXD_DTYP_CTXT	(0x2u << 20)
#define IGB_TXD_POPTS_TXSM	BIT(9)		/* insert the TCP/UDP checksum */
#define IGB_TXD_DTYP_DATA	(0x3u << 20)
#define IGB_TXD_DCMD_EOP	BIT(24)
#define IGB_TXD_DCMD_IFCS	BIT(25)
#define IGB_TXD_DCMD_RS		BIT(27)
#define IGB_TXD_DCMD_DEXT	BIT(29)
#define IGB_TXD_DCMD_TSE	BIT(31)		/* TCP segmentation, on every data descriptor */
#define IGB_TXD_PAYLEN_SHIFT	14
#define IGB_TXD_STAT_DD		BIT(0)

#endif
