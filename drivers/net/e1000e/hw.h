/*
 * Intel 82574L (QEMU "-device e1000e") registers, bits and descriptors.
 *
 * Facts only: no code lives here. Names follow Linux's e1000e so that a
 * reader of Linux recognises them; every value was taken from the 82574
 * datasheet and checked against QEMU 7.2's model (docs/e1000e-qemu.md says
 * where the model differs).
 *
 * References:
 *   "82574 DS": Intel 82574 GbE Controller Family Datasheet (317694).
 *       Ch. 6 NVM map, ch. 7 inline functions (descriptors, interrupts),
 *       ch. 10 "Programming Interface" (one subsection per register; look
 *       a register up by its name and offset, numbers shift by revision).
 *   "SDM": PCI/PCI-X Family of GbE Controllers Software Developer's Manual
 *       (8254x, 317453). Most 82574 registers are the 8254x ones plus MSI-X,
 *       so the SDM's fuller prose applies where we cite it.
 *
 * Every register is 32 bits wide and must be accessed with 32-bit loads and
 * stores (QEMU implements 4-byte accesses only). The device is little-endian
 * and so is x86-64, so descriptors use plain fixed-width fields.
 */
#ifndef DRIVERS_NET_E1000E_HW_H
#define DRIVERS_NET_E1000E_HW_H

#include <lib/types.h>
#include <net/core/mii.h>

/* --- PCI identity (82574 DS "PCIe Configuration Space"; Linux's id table) --- */
#define E1000_VENDOR_ID_INTEL		0x8086
#define E1000_DEV_ID_82574L		0x10D3	/* verified: QEMU 7.2 -device e1000e */
#define E1000_DEV_ID_82574LA		0x10F6	/* not verified (no model) */
#define E1000_DEV_ID_82583V		0x150C	/* not verified; a sibling, not a clone:
					 * check its datasheet (MSI-X, jumbo) */
/* BARs: 0 = MMIO registers (128 KiB), 1 = flash, 2 = I/O window, 3 = MSI-X. */
#define E1000_BAR_MMIO			0
#define E1000_BAR_MSIX			3
#define E1000_MSIX_VECTORS		5	/* RXQ0, RXQ1, TXQ0, TXQ1, other */

/* --- General registers (82574 DS ch. 10 "General Register Descriptions";
 *     SDM 13.4) --- */
#define E1000_CTRL	0x00000	/* Device Control */
#define E1000_STATUS	0x00008	/* Device Status (RO except PHYRA) */
#define E1000_EECD	0x00010	/* EEPROM/Flash Control ("EEC") */
#define E1000_EERD	0x00014	/* EEPROM Read */
#define E1000_CTRL_EXT	0x00018	/* Extended Device Control */
#define E1000_MDIC	0x00020	/* MDI Control (PHY access) */
#define E1000_VET	0x00038	/* VLAN Ether Type */
#define E1000_EXTCNF_CTRL 0x00F00 /* Extended Configuration Control */
#define E1000_PBA	0x01000	/* Packet Buffer Allocation */
#define E1000_PBS	0x01008	/* Packet Buffer Size (40 KB on the 82574) */

#define E1000_CTRL_FD		BIT(0)	/* full duplex (when forced) */
#define E1000_CTRL_GIO_MASTER_DISABLE BIT(2) /* stop new DMA before reset */
#define E1000_CTRL_ASDE		BIT(5)	/* auto-speed detection enable */
#define E1000_CTRL_SLU		BIT(6)	/* set link up: MAC follows PHY link */
#define E1000_CTRL_SPD_SEL	(3u << 8)
#define E1000_CTRL_SPD_10	(0u << 8)
#define E1000_CTRL_SPD_100	(1u << 8)
#define E1000_CTRL_SPD_1000	(2u << 8)
#define E1000_CTRL_FRCSPD	BIT(11)	/* force speed from SPD_SEL */
#define E1000_CTRL_FRCDPX	BIT(12)	/* force duplex from FD */
#define E1000_CTRL_RST		BIT(26)	/* device reset, self-clearing */
#define E1000_CTRL_RFCE		BIT(27)	/* receive flow control enable */
#define E1000_CTRL_TFCE		BIT(28)	/* transmit flow control enable */
/* Unnamed in Linux, which clears it on the 82573/82574/82583 at init
 * (e1000_initialize_hw_bits_82571); a reserved bit to the 8254x SDM. */
#define E1000_CTRL_82574_BIT29	BIT(29)
#define E1000_CTRL_VME		BIT(30)	/* VLAN mode: strip/insert 802.1Q tags */
#define E1000_CTRL_PHY_RST	BIT(31)	/* PHY reset */

#define E1000_STATUS_FD		BIT(0)
#define E1000_STATUS_LU		BIT(1)	/* link up */
#define E1000_STATUS_TXOFF	BIT(4)	/* transmission paused by flow control */
#define E1000_STATUS_SPEED_MASK	(3u << 6)
#define E1000_STATUS_SPEED_SHIFT 6
#define E1000_STATUS_SPEED_10	(0u << 6)
#define E1000_STATUS_SPEED_100	(1u << 6)
#define E1000_STATUS_SPEED_1000	(2u << 6)	/* 3 also means 1000 */
#define E1000_STATUS_PHYRA	BIT(10)	/* PHY reset asserted; write 0 to clear */
#define E1000_STATUS_GIO_MASTER_ENABLE BIT(19) /* DMA still possible */

#define E1000_EECD_REQ		BIT(6)
#define E1000_EECD_GNT		BIT(7)
#define E1000_EECD_PRES		BIT(8)	/* NVM present */
#define E1000_EECD_AUTO_RD	BIT(9)	/* NVM auto-read after reset done */

/*
 * EERD on the 82574 (82574 DS ch. 10 "EERD"): START bit 0, DONE bit 1,
 * word address in bits 15:2, data in 31:16. The 8254x (SDM 13.4.4) puts
 * DONE at bit 4 and the address at 15:8: do not mix the two layouts.
 */
#define E1000_NVM_RW_REG_START	BIT(0)
#define E1000_NVM_RW_REG_DONE	BIT(1)
#define E1000_NVM_RW_ADDR_SHIFT	2
#define E1000_NVM_RW_REG_DATA	16	/* data shift */
/* NVM words (82574 DS 6.1, Table 36): MAC in words 0-2, low byte first. */
#define E1000_NVM_MAC_WORDS	3
#define E1000_NVM_CHECKSUM_REG	0x3F
#define E1000_NVM_SUM		0xBABA	/* words 0..0x3F sum to this */

#define E1000_CTRL_EXT_ASDCHK	BIT(12)	/* self-clearing */
#define E1000_CTRL_EXT_EE_RST	BIT(13)	/* reload NVM, self-clearing */
#define E1000_CTRL_EXT_SPD_BYPS	BIT(15)
#define E1000_CTRL_EXT_RO_DIS	BIT(17)	/* relaxed ordering disable */
/* Bits 23:22 are LINK_MODE on the 82571/82572 (Linux's
 * E1000_CTRL_EXT_LINK_MODE_MASK); Linux sets 22 and clears 23 on the
 * 82573/82574/82583, whose only medium is the internal copper PHY. */
#define E1000_CTRL_EXT_82574_BIT22 BIT(22)
#define E1000_CTRL_EXT_82574_BIT23 BIT(23)
#define E1000_CTRL_EXT_EIAME	BIT(24)	/* MSI-X: auto-mask by IAM on message */
#define E1000_CTRL_EXT_IAME	BIT(27)	/* IMS &= ~IAM on ICR read/write */
#define E1000_CTRL_EXT_DRV_LOAD	BIT(28)	/* tells firmware a driver owns the NIC */
#define E1000_CTRL_EXT_INT_TIMERS_CLEAR_ENA BIT(29)
#define E1000_CTRL_EXT_PBA_CLR	BIT(31)	/* IMS write clears MSI-X PBA bits */

#define E1000_EXTCNF_CTRL_SWFLAG BIT(5)	/* software owns MDIO vs firmware */

/* --- MDIC and the PHY (82574 DS ch. 10 "MDIC" and "PHY Registers";
 *     SDM 13.4). The 82574's internal PHY sits at MDIO address 1. --- */
#define E1000_MDIC_DATA_MASK	0x0000FFFFu
#define E1000_MDIC_REG_SHIFT	16	/* bits 20:16 */
#define E1000_MDIC_PHY_SHIFT	21	/* bits 25:21 */
#define E1000_MDIC_OP_WRITE	BIT(26)
#define E1000_MDIC_OP_READ	BIT(27)
#define E1000_MDIC_READY	BIT(28)
#define E1000_MDIC_INT_EN	BIT(29)	/* raise ICR.MDAC when done */
#define E1000_MDIC_ERROR	BIT(30)
#define E1000_82574_PHY_ADDR	1

/* Clause 22 registers (MII_*, BMCR_*, ADVERTISE_*): net/core/mii.h. The
 * 82574's PHY id reads 0x0141 0x0CB1 in QEMU's model. */
#define E1000_PHY_COPPER_STAT1	0x11	/* page 0 "PHY specific status" */
#define E1000_PHY_PAGE_SELECT	0x16	/* pages regs 0x10..0x1F */

/* PHY specific status, page 0 reg 17 */
#define E1000_PHY_STAT1_LINK	BIT(10)	/* real-time link */
#define E1000_PHY_STAT1_RESOLVED BIT(11) /* speed/duplex resolved */
#define E1000_PHY_STAT1_FDX	BIT(13)
#define E1000_PHY_STAT1_SPEED_SHIFT 14	/* 2 = 1000, 1 = 100, 0 = 10 */
#define E1000_PHY_STAT1_MDIX	BIT(6)	/* pairs crossed (MDI-X) */

/* Linux never advertises 1000 half on e1000e parts (its default autoneg
 * mask); neither do we. */
/* PHY specific control, page 0 reg 16 (M88-style; 82574 DS "PHY Registers"):
 * MDI crossover mode in bits 6:5. A new mode takes effect after a PHY
 * software reset (BMCR.RESET). */
#define E1000_PHY_COPPER_CTRL1	0x10
#define E1000_PHY_CTRL1_MDIX_MASK (3u << 5)
#define E1000_PHY_CTRL1_MDI	(0u << 5)	/* forced MDI */
#define E1000_PHY_CTRL1_MDIX	(1u << 5)	/* forced MDI-X */
#define E1000_PHY_CTRL1_MDIX_AUTO (3u << 5)	/* automatic crossover */

/* --- Flow control (IEEE 802.3 Annex 31B; 82574 DS "Flow Control" and the
 *     FCAL/FCAH/FCT/FCTTV/FCRTL/FCRTH register descriptions) --- */
#define E1000_FCAL	0x00028	/* PAUSE destination address, low */
#define E1000_FCAH	0x0002C	/* ... high */
#define E1000_FCT	0x00030	/* PAUSE EtherType */
#define E1000_FCTTV	0x00170	/* pause time we send, 512-bit-time units */
#define E1000_FCRTL	0x02160	/* XON threshold (bytes, 8-byte units) */
#define E1000_FCRTH	0x02168	/* XOFF threshold */
#define E1000_MANC	0x05820	/* manageability control */
/* 01:80:C2:00:00:01 and type 0x8808, the 802.3x MAC Control values. */
#define E1000_FCAL_8023X	0x00C28001u
#define E1000_FCAH_8023X	0x0100u
#define E1000_FCT_8023X		0x8808u
#define E1000_FC_PAUSE_TIME	0x0680u	/* Linux's value: 858 us at 1 Gb/s */
#define E1000_FCRTL_XONE	BIT(31)	/* send XON when below the low mark */
#define E1000_FCRTH_RTH		0xFFF8u	/* 8-byte granularity */
/* PBA bits 15:0: receive share of the 40 KB packet buffer in KB; the
 * transmit share is the rest. A new split takes effect at the next
 * CTRL.RST (SDM 13.4.x PBA). Linux gives the 82574 32 KB for receive. */
#define E1000_PBA_RX_MASK	0xFFFFu
#define E1000_PBA_RX_82574	32u
#define E1000_MANC_BLK_PHY_RST_ON_IDE BIT(18)	/* firmware keeps the PHY up */
/* NVM word 0x0F (Initialization Control 2) bits 14:13: manageability mode;
 * non-zero means a BMC may use the port (Linux's check_mng_mode_82574). */
#define E1000_NVM_INIT_CTRL2	0x0F
#define E1000_NVM_INIT_CTRL2_MNGM 0x6000u

/* --- Interrupts (82574 DS ch. 7 "Interrupts", ch. 10 "Interrupt Register
 *     Descriptions", ITR 10.2.4.2; SDM 13.4.17 ICR, 13.4.20 IMS) --- */
#define E1000_ICR	0x000C0	/* Interrupt Cause Read */
#define E1000_ITR	0x000C4	/* Interrupt Throttling, 256 ns units */
#define E1000_ICS	0x000C8	/* Interrupt Cause Set */
#define E1000_IMS	0x000D0	/* Interrupt Mask Set/Read */
#define E1000_IMC	0x000D8	/* Interrupt Mask Clear, write-only */
#define E1000_EIAC_82574 0x000DC /* auto-clear ICR bits on MSI-X message */
#define E1000_IAM	0x000E0	/* Interrupt Acknowledge Auto Mask */
#define E1000_IVAR	0x000E4	/* MSI-X cause -> vector map */
#define E1000_EITR_82574(n) (0x000E8 + 4 * (n))	/* n = vector 0..4 */
#define E1000_PBACLR	0x05B68	/* MSI-X pending-bit clear, bits 4:0 */

/* The same bits name causes in ICR, ICS, IMS, IMC, IAM and EIAC. */
#define E1000_ICR_TXDW		BIT(0)	/* TX descriptor written back */
#define E1000_ICR_TXQE		BIT(1)	/* TX queue empty */
#define E1000_ICR_LSC		BIT(2)	/* link status change */
#define E1000_ICR_RXDMT0	BIT(4)	/* RX free descriptors at threshold */
#define E1000_ICR_RXO		BIT(6)	/* receiver overrun (no descriptor) */
#define E1000_ICR_RXT0		BIT(7)	/* RX timer: frame(s) written back */
#define E1000_ICR_MDAC		BIT(9)	/* MDIO access complete */
#define E1000_ICR_SRPD		BIT(16)	/* small receive packet detected */
#define E1000_ICR_ACK		BIT(17)	/* receive ACK frame */
#define E1000_ICR_MNG		BIT(18)	/* manageability event */
#define E1000_ICR_RXQ0		BIT(20)	/* MSI-X: RX queue 0 */
#define E1000_ICR_RXQ1		BIT(21)
#define E1000_ICR_TXQ0		BIT(22)	/* MSI-X: TX queue 0 */
#define E1000_ICR_TXQ1		BIT(23)
#define E1000_ICR_OTHER		BIT(24)	/* MSI-X: any of the causes below */
#define E1000_ICR_INT_ASSERTED	BIT(31)	/* some cause is set: ours (INTx) */
/* Causes that raise ICR.OTHER in MSI-X mode (QEMU: E1000_ICR_OTHER_CAUSES). */
#define E1000_ICR_OTHER_CAUSES	(E1000_ICR_LSC | E1000_ICR_RXO | \
				 E1000_ICR_MDAC | E1000_ICR_SRPD | \
				 E1000_ICR_ACK | E1000_ICR_MNG)
#define E1000_EIAC_MASK_82574	0x01F00000u	/* RXQ0..OTHER */

#define E1000_IMS_TXDW		E1000_ICR_TXDW
#define E1000_IMS_TXQE		E1000_ICR_TXQE
#define E1000_IMS_LSC		E1000_ICR_LSC
#define E1000_IMS_RXDMT0	E1000_ICR_RXDMT0
#define E1000_IMS_RXO		E1000_ICR_RXO
#define E1000_IMS_RXT0		E1000_ICR_RXT0
#define E1000_IMS_RXQ0		E1000_ICR_RXQ0
#define E1000_IMS_RXQ1		E1000_ICR_RXQ1
#define E1000_IMS_TXQ0		E1000_ICR_TXQ0
#define E1000_IMS_TXQ1		E1000_ICR_TXQ1
#define E1000_IMS_OTHER		E1000_ICR_OTHER

/*
 * IVAR (82574-specific, 82574 DS ch. 10 "IVAR"): five 4-bit entries, each
 * a vector number in bits 2:0 plus a valid bit 3. Bit 31 makes the device
 * write back (and interrupt for) every TX descriptor, not just RS ones.
 */
#define E1000_IVAR_VALID	0x8u
#define E1000_IVAR_VEC_MASK	0x7u
#define E1000_IVAR_RXQ0_SHIFT	0
#define E1000_IVAR_RXQ1_SHIFT	4
#define E1000_IVAR_TXQ0_SHIFT	8
#define E1000_IVAR_TXQ1_SHIFT	12
#define E1000_IVAR_OTHER_SHIFT	16
#define E1000_IVAR_ENTRY(vec, shift) \
	((((u32)(vec) & E1000_IVAR_VEC_MASK) | E1000_IVAR_VALID) << (shift))
#define E1000_IVAR_TX_INT_EVERY_WB BIT(31)

/* ITR/EITR: minimum gap between interrupts in 256 ns units, bits 15:0.
 * Interrupts/s = 10^9 / (ITR * 256). QEMU 7.2 clamps to >= 500 (7813/s). */
#define E1000_ITR_UNIT_NS	256
#define E1000_ITR_MASK		0xFFFFu

/* --- Receive (82574 DS ch. 10 "Receive Register Descriptions";
 *     SDM 13.4, e.g. 13.4.27 RDLEN, 13.4.28 RDH) --- */
#define E1000_RCTL	0x00100
#define E1000_PSRCTL	0x02170	/* packet-split buffer sizes */
#define E1000_RDBAL(n)	(0x02800 + 0x100 * (n))	/* n = queue 0..1 */
#define E1000_RDBAH(n)	(0x02804 + 0x100 * (n))
#define E1000_RDLEN(n)	(0x02808 + 0x100 * (n))	/* bytes, multiple of 128 */
#define E1000_RDH(n)	(0x02810 + 0x100 * (n))
#define E1000_RDT(n)	(0x02818 + 0x100 * (n))
#define E1000_RXDCTL(n)	(0x02828 + 0x100 * (n))
#define E1000_RDTR	0x02820	/* RX packet delay timer, 1.024 us units */
#define E1000_RADV	0x0282C	/* RX absolute delay timer, 1.024 us units */
#define E1000_RSRPD	0x02C00	/* small packet detect size */
#define E1000_RAID	0x02C08	/* receive ACK interrupt delay */
#define E1000_RXCSUM	0x05000
#define E1000_RFCTL	0x05008
#define E1000_MTA	0x05200	/* 128 x 32-bit multicast hash table */
#define E1000_MTA_ENTRIES 128
#define E1000_RAL(n)	(0x05400 + 8 * (n))	/* n = 0..15 */
#define E1000_RAH(n)	(0x05404 + 8 * (n))
#define E1000_RAR_ENTRIES 16
#define E1000_VFTA	0x05600	/* 128 x 32-bit VLAN filter table */
#define E1000_MRQC	0x05818	/* multiple receive queues (RSS) */

#define E1000_RCTL_EN		BIT(1)
#define E1000_RCTL_SBP		BIT(2)	/* store bad packets */
#define E1000_RCTL_UPE		BIT(3)	/* unicast promiscuous */
#define E1000_RCTL_MPE		BIT(4)	/* multicast promiscuous */
#define E1000_RCTL_LPE		BIT(5)	/* long packets (> 1522 bytes) */
#define E1000_RCTL_LBM_MASK	(3u << 6)
#define E1000_RCTL_LBM_NO	(0u << 6)
#define E1000_RCTL_LBM_MAC	(1u << 6)
#define E1000_RCTL_RDMTS_HALF	(0u << 8)	/* RXDMT0 at 1/2 ring free */
#define E1000_RCTL_RDMTS_QUAT	(1u << 8)
#define E1000_RCTL_RDMTS_EIGTH	(2u << 8)
#define E1000_RCTL_DTYP_MASK	(3u << 10)
#define E1000_RCTL_DTYP_PS	(1u << 10)	/* packet split (needs RFCTL.EXTEN) */
#define E1000_RCTL_MO_SHIFT	12	/* multicast offset, see MTA below */
#define E1000_RCTL_MO_0		(0u << 12)
#define E1000_RCTL_BAM		BIT(15)	/* accept broadcast */
#define E1000_RCTL_SZ_2048	(0u << 16)	/* BSIZE with BSEX = 0 */
#define E1000_RCTL_SZ_1024	(1u << 16)
#define E1000_RCTL_SZ_512	(2u << 16)
#define E1000_RCTL_SZ_256	(3u << 16)
#define E1000_RCTL_SZ_16384	(1u << 16)	/* BSIZE with BSEX = 1 */
#define E1000_RCTL_SZ_8192	(2u << 16)
#define E1000_RCTL_SZ_4096	(3u << 16)
#define E1000_RCTL_VFE		BIT(18)	/* VLAN filter enable */
#define E1000_RCTL_DPF		BIT(22)	/* discard pause frames */
#define E1000_RCTL_PMCF		BIT(23)	/* pass MAC control frames */
#define E1000_RCTL_BSEX		BIT(25)	/* buffer size x16 */
#define E1000_RCTL_SECRC	BIT(26)	/* strip Ethernet CRC */
#define E1000_RCTL_FLXBUF_MASK	(0xFu << 27)	/* 1 KB units; 0 = BSIZE */

#define E1000_RDTR_FPD		BIT(31)	/* flush pending delayed interrupt */
#define E1000_RXDCTL_PTHRESH_SHIFT 0	/* prefetch threshold, bits 5:0 */
#define E1000_RXDCTL_HTHRESH_SHIFT 8	/* host threshold, bits 13:8 */
#define E1000_RXDCTL_WTHRESH_SHIFT 16	/* write-back threshold, bits 21:16 */
#define E1000_RXDCTL_GRAN	BIT(24)	/* thresholds count descriptors */

#define E1000_RXCSUM_PCSS_MASK	0xFFu	/* packet checksum start */
#define E1000_RXCSUM_IPOFL	BIT(8)	/* IPv4 header checksum offload */
#define E1000_RXCSUM_TUOFL	BIT(9)	/* TCP/UDP checksum offload */
#define E1000_RXCSUM_PCSD	BIT(13)	/* descriptor gets RSS hash, not csum */

#define E1000_RFCTL_ISCSI_DIS	BIT(0)
#define E1000_RFCTL_NFSW_DIS	BIT(6)
#define E1000_RFCTL_NFSR_DIS	BIT(7)
#define E1000_RFCTL_IPV6_DIS	BIT(10)
#define E1000_RFCTL_IPV6_XSUM_DIS BIT(11)
#define E1000_RFCTL_ACK_DIS	BIT(12)
#define E1000_RFCTL_ACKD_DIS	BIT(13)
#define E1000_RFCTL_IPFRSP_DIS	BIT(14)
#define E1000_RFCTL_EXTEN	BIT(15)	/* extended RX descriptors; 0 = legacy */
#define E1000_RFCTL_IPV6_EX_DIS	BIT(16)
#define E1000_RFCTL_NEW_IPV6_EXT_DIS BIT(17)
/* QEMU warns (e1000e_wrn_*_filtering) on any RFCTL write lacking these. */
#define E1000_RFCTL_FILTERS_OFF	(E1000_RFCTL_ISCSI_DIS | \
				 E1000_RFCTL_NFSW_DIS | E1000_RFCTL_NFSR_DIS)

#define E1000_RAH_AV		BIT(31)	/* address valid */
/*
 * Multicast hash (SDM and 82574 DS "Multicast Table Array"): with RCTL.MO = 00
 * the hash is destination-address bits 47:36, i.e. the 12 bits
 * ((addr[5] << 8) | addr[4]) >> 4; MO = 01/10/11 shift by 3/2/0 instead.
 * The upper 7 hash bits pick MTA[n], the lower 5 the bit in it.
 * Example: 01:00:5e:00:00:fb -> 0xFB0 -> MTA[125] bit 16.
 */
#define E1000_MTA_HASH_BITS	12
#define E1000_MTA_REG(hash)	(((hash) >> 5) & 0x7Fu)
#define E1000_MTA_BIT(hash)	((hash) & 0x1Fu)

/* --- Transmit (82574 DS ch. 10 "Transmit Register Descriptions";
 *     SDM 13.4, TCTL Table 13-76, 13.4.39 TDH) --- */
#define E1000_TCTL	0x00400
#define E1000_TIPG	0x00410
#define E1000_TDBAL(n)	(0x03800 + 0x100 * (n))	/* n = queue 0..1 */
#define E1000_TDBAH(n)	(0x03804 + 0x100 * (n))
#define E1000_TDLEN(n)	(0x03808 + 0x100 * (n))
#define E1000_TDH(n)	(0x03810 + 0x100 * (n))
#define E1000_TDT(n)	(0x03818 + 0x100 * (n))
#define E1000_TXDCTL(n)	(0x03828 + 0x100 * (n))
#define E1000_TARC(n)	(0x03840 + 0x100 * (n))
#define E1000_TIDV	0x03820	/* TX interrupt delay, 1.024 us; QEMU: write-only */
#define E1000_TADV	0x0382C	/* TX absolute delay, 1.024 us */

#define E1000_TCTL_EN		BIT(1)
#define E1000_TCTL_PSP		BIT(3)	/* pad short packets to 64 bytes */
#define E1000_TCTL_CT_SHIFT	4	/* collision threshold, bits 11:4 */
#define E1000_TCTL_COLD_SHIFT	12	/* collision distance, bits 21:12 */
#define E1000_TCTL_SWXOFF	BIT(22)
#define E1000_TCTL_RTLC		BIT(24)	/* retransmit on late collision */
#define E1000_TCTL_MULR		BIT(28)	/* multiple outstanding requests */
#define E1000_COLLISION_THRESHOLD 15	/* SDM Table 13-76 recommendation */
#define E1000_COLLISION_DISTANCE 63	/* full duplex, 64-byte time */

#define E1000_TIPG_IPGT_SHIFT	0	/* bits 9:0 */
#define E1000_TIPG_IPGR1_SHIFT	10	/* bits 19:10 */
#define E1000_TIPG_IPGR2_SHIFT	20	/* bits 29:20 */
/* 82574 copper default 8/8/6 (also QEMU's reset value 0x00602008). */
#define E1000_TIPG_82574	((8u << 0) | (8u << 10) | (6u << 20))

#define E1000_TIDV_FPD		BIT(31)
#define E1000_TXDCTL_WTHRESH_SHIFT 16
#define E1000_TXDCTL_GRAN	BIT(24)
#define E1000_TXDCTL_COUNT_DESC	BIT(22)	/* count descriptors still to process */
#define E1000_TXDCTL_WTHRESH_MASK (0x3Fu << 16)
/* Write back each descriptor as soon as it is done: WTHRESH = 1 with
 * descriptor granularity (Linux's E1000_TXDCTL_FULL_TX_DESC_WB). */
#define E1000_TXDCTL_FULL_TX_DESC_WB (E1000_TXDCTL_GRAN | (1u << E1000_TXDCTL_WTHRESH_SHIFT))
#define E1000_TARC_ENABLE	BIT(10)	/* queue enable: read-modify-write */
/* TARC0 bits Linux's e1000_initialize_hw_bits_82571 sets for the 82574 and
 * 82583 (bit 26) and clears (30:27); neither named nor explained there. */
#define E1000_TARC0_82574_SET	BIT(26)
#define E1000_TARC0_82574_CLEAR	(0xFu << 27)

/* --- PCIe and misc (82574 DS ch. 10 "PCIe Register Descriptions") --- */
#define E1000_GCR	0x05B00
#define E1000_GCR2	0x05B64
#define E1000_SWSM	0x05B50
#define E1000_GCR_82574_ERRATA	BIT(22)	/* Linux sets for 82574/82583 */
#define E1000_GCR2_82574_ERRATA	BIT(0)	/* same, PCIe completion errata */
/* Let the link enter L1 without having gone through L0s on the receive
 * side (Linux's E1000_GCR_L1_ACT_WITHOUT_L0S_RX, set for the 82574). */
#define E1000_GCR_L1_ACT_WITHOUT_L0S_RX BIT(27)

/* --- Statistics (82574 DS ch. 10 "Statistic Register Descriptions";
 *     SDM 13.7). All clear on read on hardware (QEMU: see the doc). 64-bit
 *     pairs: read the low half first, reading the high half clears both. */
#define E1000_CRCERRS	0x04000	/* CRC errors */
#define E1000_ALGNERRC	0x04004	/* alignment errors */
#define E1000_SYMERRS	0x04008
#define E1000_RXERRC	0x0400C	/* RX errors */
#define E1000_MPC	0x04010	/* missed packets (no FIFO space) */
#define E1000_SCC	0x04014	/* single collision */
#define E1000_ECOL	0x04018	/* excessive collisions */
#define E1000_MCC	0x0401C	/* multiple collisions */
#define E1000_LATECOL	0x04020
#define E1000_COLC	0x04028	/* collisions */
#define E1000_DC	0x04030	/* defers */
#define E1000_TNCRS	0x04034	/* TX with no carrier sense */
#define E1000_SEC	0x04038	/* sequence errors */
#define E1000_CEXTERR	0x0403C	/* carrier extension errors */
#define E1000_RLEC	0x04040	/* receive length errors */
#define E1000_XONRXC	0x04048
#define E1000_XONTXC	0x0404C
#define E1000_XOFFRXC	0x04050
#define E1000_XOFFTXC	0x04054
#define E1000_FCRUC	0x04058	/* unsupported flow control frames */
#define E1000_PRC64	0x0405C	/* PRCn/PTCn: frames by size, 64..1522 */
#define E1000_PRC127	0x04060
#define E1000_PRC255	0x04064
#define E1000_PRC511	0x04068
#define E1000_PRC1023	0x0406C
#define E1000_PRC1522	0x04070
#define E1000_GPRC	0x04074	/* good packets received */
#define E1000_BPRC	0x04078	/* broadcast received */
#define E1000_MPRC	0x0407C	/* multicast received */
#define E1000_GPTC	0x04080	/* good packets transmitted */
#define E1000_GORCL	0x04088	/* good octets received, low/high */
#define E1000_GORCH	0x0408C
#define E1000_GOTCL	0x04090	/* good octets transmitted, low/high */
#define E1000_GOTCH	0x04094
#define E1000_RNBC	0x040A0	/* receive no buffers */
#define E1000_RUC	0x040A4	/* receive undersize */
#define E1000_RFC	0x040A8	/* receive fragments */
#define E1000_ROC	0x040AC	/* receive oversize (SDM 13.7.36) */
#define E1000_RJC	0x040B0	/* receive jabber */
#define E1000_TORL	0x040C0	/* total octets received, low/high */
#define E1000_TORH	0x040C4
#define E1000_TOTL	0x040C8	/* total octets transmitted, low/high */
#define E1000_TOTH	0x040CC
#define E1000_TPR	0x040D0	/* total packets received */
#define E1000_TPT	0x040D4	/* total packets transmitted */
#define E1000_PTC64	0x040D8
#define E1000_PTC127	0x040DC
#define E1000_PTC255	0x040E0
#define E1000_PTC511	0x040E4
#define E1000_PTC1023	0x040E8
#define E1000_PTC1522	0x040EC
#define E1000_MPTC	0x040F0	/* multicast transmitted */
#define E1000_BPTC	0x040F4	/* broadcast transmitted */
#define E1000_TSCTC	0x040F8	/* TSO contexts transmitted */
#define E1000_TSCTFC	0x040FC	/* TSO context failures */
#define E1000_IAC	0x04100	/* interrupt assertions */

/* --- Descriptors (82574 DS ch. 7 receive and transmit descriptor formats,
 *     packet split 7.1.5; SDM ch. 3).
 *     All 16 bytes; rings are RDLEN/TDLEN bytes, 16-byte aligned base. --- */

/* Legacy receive descriptor: used while RFCTL.EXTEN = 0 (the reset value). */
struct e1000_rx_desc {
	u64 buffer_addr;	/* written by the driver */
	u16 length;		/* bytes DMA'd into this buffer */
	u16 csum;		/* packet checksum (QEMU writes 0) */
	u8 status;		/* E1000_RXD_STAT_* (low byte) */
	u8 errors;		/* E1000_RXD_ERR_* */
	u16 special;		/* VLAN tag when STAT_VP */
};

/* Extended receive descriptor, RFCTL.EXTEN = 1 and RCTL.DTYP = 00. The
 * device overwrites the read format with the write-back format. */
struct e1000_rx_desc_ext_read {
	u64 buffer_addr;
	u64 reserved;		/* bit 0 must be 0 (it overlays DD) */
};
struct e1000_rx_desc_ext_wb {
	u32 mrq;		/* RSS type 3:0, queue 12:8 */
	u32 rss_or_id_csum;	/* RSS hash, or IP id 15:0 + csum 31:16 */
	u32 status_error;	/* E1000_RXD_STAT_* | E1000_RXDEXT_ERR_* */
	u16 length;
	u16 vlan;
};
union e1000_rx_desc_extended {
	struct e1000_rx_desc_ext_read read;
	struct e1000_rx_desc_ext_wb wb;
};

/* Status: legacy status byte = bits 7:0 of the extended status_error. */
#define E1000_RXD_STAT_DD	BIT(0)	/* descriptor done */
#define E1000_RXD_STAT_EOP	BIT(1)	/* last descriptor of the frame */
#define E1000_RXD_STAT_IXSM	BIT(2)	/* ignore checksum indication */
#define E1000_RXD_STAT_VP	BIT(3)	/* 802.1Q tag stripped into vlan */
#define E1000_RXD_STAT_UDPCS	BIT(4)	/* UDP checksum computed */
#define E1000_RXD_STAT_TCPCS	BIT(5)	/* TCP/UDP checksum computed */
#define E1000_RXD_STAT_IPCS	BIT(6)	/* IPv4 header checksum computed */
#define E1000_RXD_STAT_PIF	BIT(7)	/* passed inexact filter only */
#define E1000_RXD_STAT_IPIDV	BIT(9)	/* extended only: IP id valid */
#define E1000_RXD_STAT_UDPV	BIT(10)
#define E1000_RXD_STAT_ACK	BIT(15)
#define E1000_RXDEXT_PKTTYPE_SHIFT 16	/* bits 19:16 */
/* Errors: legacy errors byte = bits 31:24 of the extended status_error. */
#define E1000_RXD_ERR_CE	BIT(0)	/* CRC error */
#define E1000_RXD_ERR_SE	BIT(1)	/* symbol error */
#define E1000_RXD_ERR_SEQ	BIT(2)	/* sequence error */
#define E1000_RXD_ERR_CXE	BIT(4)	/* carrier extension error */
#define E1000_RXD_ERR_TCPE	BIT(5)	/* TCP/UDP checksum error */
#define E1000_RXD_ERR_IPE	BIT(6)	/* IPv4 checksum error */
#define E1000_RXD_ERR_RXE	BIT(7)	/* RX data error */
#define E1000_RXD_ERR_FRAME_MASK (E1000_RXD_ERR_CE | E1000_RXD_ERR_SE | \
				  E1000_RXD_ERR_SEQ | E1000_RXD_ERR_CXE | \
				  E1000_RXD_ERR_RXE)	/* drop these frames */
#define E1000_RXDEXT_ERR_SHIFT	24
#define E1000_RXDEXT_STATERR_CE	 ((u32)E1000_RXD_ERR_CE << 24)
#define E1000_RXDEXT_STATERR_TCPE ((u32)E1000_RXD_ERR_TCPE << 24)
#define E1000_RXDEXT_STATERR_IPE ((u32)E1000_RXD_ERR_IPE << 24)
#define E1000_RXDEXT_STATERR_RXE ((u32)E1000_RXD_ERR_RXE << 24)

/* Legacy transmit descriptor (DEXT = 0). QEMU ignores CSO/CSS/IC. */
struct e1000_tx_desc {
	u64 buffer_addr;
	u32 lower;		/* length 15:0, CSO 23:16, CMD 31:24 */
	u32 upper;		/* STA 3:0 (bits 7:4 zero), CSS 15:8, special 31:16 */
};

/* TCP/IP context descriptor (DEXT = 1, DTYP = 0000): offsets are bytes
 * from the start of the frame; they stay in force for later packets. */
struct e1000_context_desc {
	u8 ipcss;		/* IP header start */
	u8 ipcso;		/* where to store the IPv4 header checksum */
	u16 ipcse;		/* last byte to sum (inclusive), 0 = to end */
	u8 tucss;		/* TCP/UDP header start */
	u8 tucso;		/* where to store the TCP/UDP checksum */
	u16 tucse;		/* 0 = to end of packet */
	u32 cmd_and_length;	/* PAYLEN 19:0, DTYP 23:20, TUCMD 31:24 */
	u8 status;		/* STA 3:0 */
	u8 hdr_len;		/* TSO header length */
	u16 mss;		/* TSO segment payload size */
};

/* TCP/IP data descriptor (DEXT = 1, DTYP = 0001). */
struct e1000_data_desc {
	u64 buffer_addr;
	u32 lower;		/* DTALEN 19:0, DTYP 23:20, DCMD 31:24 */
	u32 upper;		/* STA 3:0 (bits 7:4 zero), POPTS 15:8, VLAN 31:16 */
};

#define E1000_TXD_LEN_MASK	0xFFFFu	/* QEMU takes 16 bits of length */
#define E1000_TXD_CMD_EOP	BIT(24)	/* end of packet */
#define E1000_TXD_CMD_IFCS	BIT(25)	/* insert FCS: always set */
#define E1000_TXD_CMD_IC	BIT(26)	/* legacy: insert checksum */
#define E1000_TXD_CMD_TSE	BIT(26)	/* data: TCP segmentation */
#define E1000_TXD_CMD_RS	BIT(27)	/* report status: write DD back */
#define E1000_TXD_CMD_DEXT	BIT(29)	/* extended (context/data) format */
#define E1000_TXD_CMD_VLE	BIT(30)	/* insert VLAN tag */
#define E1000_TXD_CMD_IDE	BIT(31)	/* delay the interrupt (TIDV/TADV) */
#define E1000_TXD_DTYP_C	(0u << 20)	/* context descriptor */
#define E1000_TXD_DTYP_D	(1u << 20)	/* data descriptor */
#define E1000_TXD_CMD_TCP	BIT(24)	/* context TUCMD: TCP (else UDP) */
#define E1000_TXD_CMD_IP	BIT(25)	/* context TUCMD: IPv4 (else IPv6) */
#define E1000_TXD_PAYLEN_MASK	0xFFFFFu
#define E1000_TXD_STAT_DD	BIT(0)	/* in upper: descriptor done */
#define E1000_TXD_POPTS_SHIFT	8	/* in data upper: packet options */
#define E1000_TXD_POPTS_IXSM	BIT(8)	/* insert IPv4 header checksum */
#define E1000_TXD_POPTS_TXSM	BIT(9)	/* insert TCP/UDP checksum */
#define E1000_TXD_SPECIAL_SHIFT	16

_Static_assert(sizeof(struct e1000_rx_desc) == 16, "legacy RX desc");
_Static_assert(sizeof(union e1000_rx_desc_extended) == 16, "ext RX desc");
_Static_assert(sizeof(struct e1000_tx_desc) == 16, "legacy TX desc");
_Static_assert(sizeof(struct e1000_context_desc) == 16, "context desc");
_Static_assert(sizeof(struct e1000_data_desc) == 16, "data desc");
_Static_assert(offsetof(struct e1000_rx_desc, status) == 12, "RX status");
_Static_assert(offsetof(struct e1000_rx_desc_ext_wb, status_error) == 8,
	       "ext RX status");
_Static_assert(offsetof(struct e1000_context_desc, cmd_and_length) == 8,
	       "context cmd");

/* Ring rules (SDM 13.4.27 RDLEN, 13.4.28 RDH): length a multiple of 128
 * bytes (8 descriptors); the device owns [head, tail), so at most
 * count - 1 descriptors can be handed over at once. */
#define E1000_DESC_SIZE		16
#define E1000_RING_ALIGN_DESCS	8
#define E1000_XDLEN_MASK	0x000FFF80u	/* RDLEN/TDLEN bits 19:7 */
#define E1000_RING_MAX_DESCS	(E1000_XDLEN_MASK / E1000_DESC_SIZE) /* 65528 */

#endif /* DRIVERS_NET_E1000E_HW_H */
