/*
 * PCI configuration space layout: offsets and bits from the PCI Local Bus
 * Specification 3.0 (chapter 6, "Configuration Space") and the PCI Express
 * Base Specification (7.5, 7.7). Names follow Linux's pci_regs.h so the two
 * read alike; only what this layer uses is here.
 */
#ifndef DRIVERS_PCI_PCI_REGS_H
#define DRIVERS_PCI_PCI_REGS_H

/* Common header, all header types (PCI 3.0, 6.1 figure 6-1). */
#define PCI_VENDOR_ID		0x00	/* 16 bits; 0xFFFF: no function here */
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04	/* 16 bits (6.2.2) */
#define  PCI_COMMAND_IO		0x0001	/* respond to I/O BARs */
#define  PCI_COMMAND_MEMORY	0x0002	/* respond to memory BARs */
#define  PCI_COMMAND_MASTER	0x0004	/* may start DMA (and MSI writes) */
#define  PCI_COMMAND_INTX_DISABLE 0x0400	/* keep INTx# deasserted */
#define PCI_STATUS		0x06	/* 16 bits (6.2.3) */
#define  PCI_STATUS_CAP_LIST	0x0010	/* capabilities pointer is valid */
#define PCI_CLASS_REVISION	0x08	/* revision 7:0, class code 31:8 */
#define PCI_HEADER_TYPE		0x0e
#define  PCI_HEADER_TYPE_MASK	0x7f
#define  PCI_HEADER_TYPE_NORMAL	0
#define  PCI_HEADER_TYPE_BRIDGE	1
#define  PCI_HEADER_TYPE_CARDBUS 2
#define  PCI_HEADER_MULTIFUNC	0x80	/* function 0 only: functions 1-7 may exist */

/* Type 0 (device) header (6.1). */
#define PCI_BASE_ADDRESS_0	0x10	/* six dwords, 0x10-0x24 */
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_CAPABILITY_LIST	0x34	/* byte: first capability */
#define PCI_INTERRUPT_LINE	0x3c	/* written by firmware: the ISA IRQ; 0xFF unknown */
#define PCI_INTERRUPT_PIN	0x3d	/* 0 none, 1-4 INTA#-INTD# */

/* Type 1 (PCI-to-PCI bridge) header (PCI-to-PCI Bridge Spec 1.2, 3.2). */
#define PCI_PRIMARY_BUS		0x18
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBORDINATE_BUS	0x1a
#define PCI_CB_CAPABILITY_LIST	0x14	/* CardBus header keeps it here */

/* BAR low bits (6.2.5.1). */
#define  PCI_BASE_ADDRESS_SPACE_IO	0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_MASK	0x06
#define  PCI_BASE_ADDRESS_MEM_TYPE_32	0x00
#define  PCI_BASE_ADDRESS_MEM_TYPE_1M	0x02	/* legacy "below 1 MiB" */
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x04	/* takes this BAR and the next */
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x08
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0x0fu)
#define  PCI_BASE_ADDRESS_IO_MASK	(~0x03u)

/* Capability list (6.7): byte 0 is the id, byte 1 the next pointer. */
#define PCI_CAP_LIST_ID		0
#define PCI_CAP_LIST_NEXT	1
#define PCI_CAP_ID_PM		0x01
#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_VNDR		0x09
#define PCI_CAP_ID_EXP		0x10
#define PCI_CAP_ID_MSIX		0x11

/* Power management capability (PCI PM 1.2, 3.2): PMC at +2, PMCSR at +4. */
#define PCI_PM_PMC		2
#define  PCI_PM_CAP_VER_MASK	0x0007
#define PCI_PM_CTRL		4
#define  PCI_PM_CTRL_STATE_MASK	0x0003	/* PowerState: 0 = D0 .. 3 = D3hot */
#define  PCI_PM_CTRL_NO_SOFT_RESET 0x0008	/* D3hot -> D0 keeps config state */
#define  PCI_PM_CTRL_PME_STATUS	0x8000	/* write one to clear */
#define PCI_PM_D3HOT_WAIT_MS	10	/* D3hot -> D0 recovery (PCI PM 1.2, table 5-6) */
#define PCI_PM_D2_DELAY_US	200	/* D2 -> D0 recovery */
/* Capabilities live after the 64-byte header, dword aligned (6.7). */
#define PCI_CAP_MIN_OFFSET	0x40
#define PCI_CAP_MAX_ENTRIES	48	/* (256 - 64) / 4: more means a loop */

/* MSI capability (6.8.1). Data and mask move by 4 with a 64-bit address. */
#define PCI_MSI_FLAGS		2	/* message control, 16 bits */
#define  PCI_MSI_FLAGS_ENABLE	0x0001
#define  PCI_MSI_FLAGS_QMASK	0x000e	/* multiple message capable */
#define  PCI_MSI_FLAGS_QSIZE	0x0070	/* multiple message enable */
#define  PCI_MSI_FLAGS_64BIT	0x0080
#define  PCI_MSI_FLAGS_MASKBIT	0x0100	/* per-vector masking capable */
#define PCI_MSI_ADDRESS_LO	4
#define PCI_MSI_ADDRESS_HI	8	/* 64-bit form only */
#define PCI_MSI_DATA_32		8
#define PCI_MSI_DATA_64		12
#define PCI_MSI_MASK_32		12
#define PCI_MSI_MASK_64		16

/* MSI-X capability (6.8.2). */
#define PCI_MSIX_FLAGS		2	/* message control, 16 bits */
#define  PCI_MSIX_FLAGS_QSIZE	0x07ff	/* table size - 1 */
#define  PCI_MSIX_FLAGS_MASKALL	0x4000	/* function mask */
#define  PCI_MSIX_FLAGS_ENABLE	0x8000
#define PCI_MSIX_TABLE		4	/* BIR in 2:0, offset in 31:3 */
#define PCI_MSIX_PBA		8
#define  PCI_MSIX_BIR_MASK	0x7u
#define  PCI_MSIX_OFFSET_MASK	(~0x7u)
/* Table entry, 16 bytes each (6.8.2.6-9). */
#define PCI_MSIX_ENTRY_SIZE		16
#define PCI_MSIX_ENTRY_LOWER_ADDR	0
#define PCI_MSIX_ENTRY_UPPER_ADDR	4
#define PCI_MSIX_ENTRY_DATA		8
#define PCI_MSIX_ENTRY_VECTOR_CTRL	12
#define  PCI_MSIX_ENTRY_CTRL_MASKBIT	0x1u

/* PCI Express capability (PCIe Base 7.5.3.2): version and port type. */
#define PCI_EXP_FLAGS		2
#define  PCI_EXP_FLAGS_VERS	0x000f
#define  PCI_EXP_FLAGS_TYPE	0x00f0
/* Link Control (PCIe Base 7.5.3.7). */
#define PCI_EXP_LNKCTL		0x10	/* 16 bits */
#define  PCI_EXP_LNKCTL_ASPM_L0S 0x0001
#define  PCI_EXP_LNKCTL_ASPM_L1	0x0002
#define  PCI_EXP_LNKCTL_ASPMC	0x0003	/* ASPM Control field */

/* Class codes (PCI Code and ID Assignment Spec) as class >> 8. */
#define PCI_CLASS_BRIDGE_HOST	0x0600
#define PCI_CLASS_BRIDGE_PCI	0x0604

#endif
