/*
 * A fake 82576 for the igb driver tests: the register file in this
 * family's layout, written from the datasheet rather than the driver's
 * header where a layout is the point (EERD: DONE bit 1, address 15:2; IVAR
 * bytes; RXDCTL/TXDCTL enable confirmation). A reset reloads RAR0 from the
 * "NVM" as the part does, sets EECD.AUTO_RD, and leaves queue 0 enabled as
 * QEMU's model does, so the driver must disable it before programming it.
 * The platform half is nic_fake.c's.
 */
#ifndef TESTS_UNIT_FAKE_IGB_FAKE_H
#define TESTS_UNIT_FAKE_IGB_FAKE_H

#include <lib/types.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>
#include <drivers/net/igb/igb.h>
#include "nic_fake.h"

#define FAKE_IGB_BAR_SIZE	(128 * 1024)
#define FAKE_IGB_FIRST_IRQ	40	/* MSI-X vectors 40, 41, ...; MSI or INTx uses 40 */

extern u8 *fake_igb_bar;
extern u16 fake_igb_nvm[64];
extern struct pci_dev fake_igb_pdev;
extern bool fake_igb_rst_stuck, fake_igb_eerd_dead, fake_igb_rar_blank;
extern bool fake_igb_swsm_stuck;	/* another agent holds SWSM.SMBI for good */
extern bool fake_igb_queue_stuck;	/* RXDCTL/TXDCTL.ENABLE never reads back set */
extern unsigned int fake_igb_irq_types;	/* PCI_IRQ_* the platform offers */
extern bool fake_igb_manc_blocks_phy_reset;	/* MANC.BLK_PHY_RST_ON_IDE set */
extern bool fake_igb_cfg_done_missing;		/* EEMNGCTL never reports CFG_DONE */
extern unsigned int fake_igb_phy_resets;	/* CTRL.PHY_RST asserted */
extern bool fake_igb_phy_reset_unlocked;	/* ... once without SW_FW_SYNC's PHY bit */
extern u32 fake_igb_ctrl_at_rst;	/* CTRL as written with RST */
extern unsigned int fake_igb_base_while_enabled;	/* RDBAL/TDBAL written on a live queue */
extern u16 fake_igb_phy[32];

void fake_igb_reset(const u8 *mac);
void fake_igb_teardown(void);
void fake_igb_fix_checksum(void);
u32 fake_igb_reg(u32 off);
void fake_igb_reg_set(u32 off, u32 v);
int fake_igb_run_module_init(void);
/* A frame into queue 0's next descriptor, written back in the advanced format. */
bool fake_igb_rx(const void *frame, u16 len, u32 staterr);
bool fake_igb_rx_queue(unsigned int q, const void *frame, u16 len, u32 staterr);
bool fake_igb_rx_hashed(unsigned int q, const void *frame, u16 len, u32 staterr,
			u32 rss_hash, u16 rss_type);
/* Every queued TX descriptor of queue 0 (or q) consumed; DD written back where RS was asked. */
unsigned int fake_igb_tx_complete(void);
unsigned int fake_igb_tx_complete_queue(unsigned int q);
/* MSI-X vectors the fake's table offers (reset to 10, QEMU's model). */
extern unsigned int fake_igb_msix_vectors;

#define fake_igb_driver		fake_nic_driver
#define fake_igb_dma_live	fake_nic_dma_live
#define fake_igb_irqs_live	fake_nic_irqs_live
static inline irqreturn_t fake_igb_fire(unsigned int vec)
{
	return fake_nic_fire(FAKE_IGB_FIRST_IRQ + (int)vec);
}

#endif
