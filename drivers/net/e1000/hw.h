/*
 * The Intel 8254x (82540/82541/82544/82545/82546/82547) as the driver sees
 * it: register offsets, bits and descriptor layouts from the PCI/PCI-X
 * Family of Gigabit Ethernet Controllers Software Developer's Manual
 * (317453, "the SDM"), chapter 13 unless noted. Only what the driver uses.
 * Where the 82574 differs (drivers/net/e1000e/hw.h) a comment says so.
 */
#ifndef DRIVERS_NET_E1000_HW_H
#define DRIVERS_NET_E1000_HW_H

#include <lib/types.h>
#include <net/core/mii.h>

#define E1000_VENDOR_ID_INTEL		0x8086
/* QEMU 7.2 models these three (hw/net/e1000.c): verified under QEMU. */
#define E1000_DEV_ID_82540EM		0x100E	/* -device e1000, the pc default */
#define E1000_DEV_ID_82544GC_COPPER	0x100C	/* -device e1000-82544gc */
#define E1000_DEV_ID_82544EI_COPPER	0x1008	/* not in the id table: TSO's check */
#define E1000_DEV_ID_82544EI_FIBER	0x1009
#define E1000_DEV_ID_82544GC_LOM	0x100D
#define E1000_DEV_ID_82545EM_COPPER	0x100F	/* -device e1000-82545em */

/* BAR0: 128 KiB of registers. The I/O BAR (IOADDR at +0, IODATA at +4,
 * SDM 13.2) reaches the same registers indirectly. */
#define E1000_BAR_MMIO		0
#define E1000_IOADDR		0x00
#define E1000_IODATA		0x04

#define E1000_CTRL	0x00000
#define E1000_STATUS	0x00008
#define E1000_EECD	0x00010
#define E1000_EERD	0x00014
#define E1000_CTRL_EXT	0x00018
#define E1000_FCAL	0x00028
#define E1000_FCAH	0x0002C
#define E1000_FCT	0x00030
#define E1000_MDIC	0x00020
#define E1000_ICR	0x000C0
#define E1000_ITR	0x000C4
#define E1000_ICS	0x000C8
#define E1000_IMS	0x000D0
#define E1000_IMC	0x000D8
#define E1000_RCTL	0x00100
#define E1000_TCTL	0x00400
#define E1000_TIPG	0x00410
#define E1000_FCTTV	0x00170
#define E1000_PBA	0x01000		/* RX share of the packet buffer, KB, in 15:0 */
#define E1000_FCRTL	0x02160
#define E1000_FCRTH	0x02168
#define E1000_RDBAL	0x02800
#define E1000_RDBAH	0x02804
#define E1000_RDLEN	0x02808
#define E1000_RDH	0x02810
#define E1000_RDT	0x02818
#define E1000_RDTR	0x02820
#define E1000_RADV	0x0282C
#define E1000_TDBAL	0x03800
#define E1000_TDBAH	0x03804
#define E1000_TDLEN	0x03808
#define E1000_TDH	0x03810
#define E1000_TDT	0x03818
#define E1000_TIDV	0x03820
#define E1000_TADV	0x0382C
#define E1000_RXCSUM	0x05000
#define E1000_MTA	0x05200		/* 128 x 32 bits */
#define E1000_MTA_SIZE	128
#define E1000_RAL(i)	(0x05400 + (i) * 8)
#define E1000_RAH(i)	(0x05404 + (i) * 8)

/* Statistics (SDM 13.7): clear on read. */
#define E1000_CRCERRS	0x04000
#define E1000_MPC	0x04010
#define E1000_COLC	0x04028
#define E1000_GPRC	0x04074
#define E1000_MPRC	0x0407C
#define E1000_GPTC	0x04080
#define E1000_GORCL	0x04088
#define E1000_GOTCL	0x04090
#define E1000_RNBC	0x040A0

#define E1000_CTRL_FD		BIT(0)
#define E1000_CTRL_ASDE		BIT(5)
#define E1000_CTRL_SLU		BIT(6)
#define E1000_CTRL_RST		BIT(26)
#define E1000_CTRL_RFCE		BIT(27)	/* obey received PAUSE */
#define E1000_CTRL_TFCE		BIT(28)	/* send PAUSE (at FCRTH) */
#define E1000_CTRL_PHY_RST	BIT(31)

#define E1000_STATUS_FD		BIT(0)
#define E1000_STATUS_LU		BIT(1)
#define E1000_STATUS_SPEED_SHIFT 6
#define E1000_STATUS_SPEED_MASK	(3u << 6)

/*
 * MDIC (SDM 13.4.7): the internal PHY's registers, one MDIO frame per
 * write, READY when done, ERROR for an absent PHY. The internal PHY sits
 * at address 1. The 8254x has no software/firmware semaphore for it (the
 * 82574 takes EXTCNF_CTRL.SWFLAG first).
 */
#define E1000_MDIC_DATA_MASK	0xFFFFu
#define E1000_MDIC_REG_SHIFT	16
#define E1000_MDIC_PHY_SHIFT	21
#define E1000_MDIC_OP_WRITE	BIT(26)
#define E1000_MDIC_OP_READ	BIT(27)
#define E1000_MDIC_READY	BIT(28)
#define E1000_MDIC_ERROR	BIT(30)
#define E1000_PHY_ADDR		1

/* 802.3x PAUSE (SDM 13.4.4-13.4.6, 13.4.22-23): the reserved multicast
 * address and EtherType a PAUSE frame carries; Linux's pause time. */
#define E1000_FCAL_8023X	0x00C28001u
#define E1000_FCAH_8023X	0x0100u
#define E1000_FCT_8023X		0x8808u
#define E1000_FC_PAUSE_TIME	0xFFFFu
#define E1000_FCRTL_XONE	BIT(31)
#define E1000_PBA_RX_MASK	0xFFFFu

/* CTRL_EXT.EE_RST: reload the EEPROM's settings (SDM 13.4.6). */
#define E1000_CTRL_EXT_EE_RST	BIT(13)

/*
 * EERD on the 8254x (SDM 13.4.4): START bit 0, DONE bit 4, word address in
 * bits 15:8, data in 31:16. The 82574 has DONE at bit 1 and the address in
 * 15:2: a driver written for one reads garbage, or waits forever, on the other.
 */
#define E1000_EERD_START	BIT(0)
#define E1000_EERD_DONE		BIT(4)
#define E1000_EERD_ADDR_SHIFT	8
#define E1000_EERD_DATA_SHIFT	16
#define E1000_EEPROM_WORDS	64	/* 0x00-0x3F are summed */
#define E1000_EEPROM_SUM	0xBABA	/* SDM 5.6.20 */

/* Causes (ICR/IMS/IMC/ICS, SDM 13.4.17). No INT_ASSERTED bit on these parts. */
#define E1000_ICR_TXDW		BIT(0)
#define E1000_ICR_LSC		BIT(2)
#define E1000_ICR_RXDMT0	BIT(4)
#define E1000_ICR_RXO		BIT(6)
#define E1000_ICR_RXT0		BIT(7)

#define E1000_ITR_UNIT_NS	256
#define E1000_ITR_MASK		0xFFFF

#define E1000_RCTL_EN		BIT(1)
#define E1000_RCTL_UPE		BIT(3)
#define E1000_RCTL_MPE		BIT(4)
#define E1000_RCTL_BAM		BIT(15)
#define E1000_RCTL_SZ_2048	0	/* BSIZE 00, BSEX 0 */
#define E1000_RCTL_SECRC	BIT(26)

#define E1000_RXCSUM_IPOFL	BIT(8)
#define E1000_RXCSUM_TUOFL	BIT(9)

#define E1000_TCTL_EN		BIT(1)
#define E1000_TCTL_PSP		BIT(3)
#define E1000_TCTL_CT_SHIFT	4
#define E1000_TCTL_COLD_SHIFT	12
#define E1000_TCTL_RTLC		BIT(24)
#define E1000_COLLISION_THRESHOLD 15
#define E1000_COLLISION_DISTANCE 64	/* full duplex (SDM 13.4.33) */
/* Copper TIPG (SDM 13.4.34): IPGT 10, IPGR1 8, IPGR2 6. */
#define E1000_TIPG_COPPER	(10u | (8u << 10) | (6u << 20))

#define E1000_RAH_AV		BIT(31)

/* Legacy descriptors (SDM 3.2.3 and 3.3.3), 16 bytes each. */
struct e1000_rx_desc {
	u64 buffer_addr;
	u16 length;
	u16 csum;
	u8 status;
	u8 errors;
	u16 special;
};
#define E1000_RXD_STAT_DD	BIT(0)
#define E1000_RXD_STAT_EOP	BIT(1)
#define E1000_RXD_STAT_IXSM	BIT(2)
#define E1000_RXD_STAT_TCPCS	BIT(5)
#define E1000_RXD_STAT_IPCS	BIT(6)
#define E1000_RXD_ERR_FRAME_MASK 0x17	/* CE, SE, SEQ, RXE */
#define E1000_RXD_ERR_TCPE	BIT(5)
#define E1000_RXD_ERR_IPE	BIT(6)

struct e1000_tx_desc {
	u64 buffer_addr;
	u16 length;
	u8 cso;
	u8 cmd;
	u8 status;
	u8 css;
	u16 special;
};
#define E1000_TXD_CMD_EOP	BIT(0)
#define E1000_TXD_CMD_IFCS	BIT(1)
#define E1000_TXD_CMD_RS	BIT(3)
#define E1000_TXD_CMD_DEXT	BIT(5)	/* context or data format, not legacy */
#define E1000_TXD_STAT_DD	BIT(0)

/*
 * Checksum offload (SDM 3.3.5-3.3.7, all 8254x but the 82542): a TCP/IP
 * context descriptor tells the device where the headers are; the data
 * descriptors after it ask for the sums (POPTS). The device keeps the last
 * context until another arrives or it is reset, so one context serves
 * every frame of the same layout. The 16-byte layouts, byte by byte, with
 * the command bits in the same byte (bits 31:24) as the legacy cmd.
 */
struct e1000_context_desc {	/* SDM 3.3.6, DEXT = 1, DTYP = 0000b */
	u8 ipcss;		/* IP header start */
	u8 ipcso;		/* where the IPv4 header checksum goes */
	u16 ipcse;		/* last byte of the IPv4 header (inclusive) */
	u8 tucss;		/* TCP/UDP header start */
	u8 tucso;		/* where the TCP/UDP checksum goes */
	u16 tucse;		/* last byte to sum, 0: to the end of the frame */
	u16 paylen;		/* PAYLEN 15:0 (TSO only; 19:16 in dtyp's low nibble) */
	u8 dtyp;		/* DTYP in 7:4 */
	u8 tucmd;		/* TUCMD */
	u8 status;
	u8 hdr_len;		/* TSO only */
	u16 mss;		/* TSO only */
};
#define E1000_TUCMD_TCP		BIT(0)	/* TCP, else UDP (SDM 3.3.6.1) */
#define E1000_TUCMD_IP		BIT(1)	/* IPv4, else IPv6 */
#define E1000_TUCMD_TSE		BIT(2)	/* a TCP segmentation context (SDM 3.3.6.1) */
#define E1000_TXD_PAYLEN_HI_SHIFT 16	/* PAYLEN 19:16 go to dtyp's low nibble */

struct e1000_data_desc {	/* SDM 3.3.7, DEXT = 1, DTYP = 0001b */
	u64 buffer_addr;
	u16 length;		/* DTALEN 15:0 (19:16 in dtyp's low nibble: 0 here) */
	u8 dtyp;
	u8 cmd;			/* DCMD: EOP, IFCS, RS, DEXT as in the legacy cmd */
	u8 status;		/* DD, as in the legacy descriptor */
	u8 popts;		/* read from a frame's first data descriptor only */
	u16 special;
};
#define E1000_TXD_DTYP_DATA	(1u << 4)	/* in the dtyp byte */
#define E1000_TXD_CMD_TSE	BIT(2)		/* DCMD: part of a TSO job (SDM 3.3.7.1) */
#define E1000_TXD_POPTS_IXSM	BIT(0)		/* insert the IPv4 header checksum */
#define E1000_TXD_POPTS_TXSM	BIT(1)		/* insert the TCP/UDP checksum */
_Static_assert(sizeof(struct e1000_context_desc) == 16, "context descriptor");
_Static_assert(sizeof(struct e1000_data_desc) == 16, "data descriptor");

#endif
