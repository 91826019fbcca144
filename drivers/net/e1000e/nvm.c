/*
 * The NVM behind the 82574 (an EEPROM or flash the MAC reads through
 * EERD): its checksum. Words 0x00..0x3F -- MAC address, initialisation
 * control words, PCIe and PHY settings the hardware loads at reset --
 * sum to 0xBABA, word 0x3F being chosen to make it so (82574 DS 6.1,
 * "Checksum Word"). A card whose sum is wrong was never programmed, or its
 * NVM was damaged: the MAC address read from it is whatever the bits are.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <drivers/net/e1000e/e1000.h>

/* The 82574's EERD: DONE at bit 1, the address from bit 2 (the 8254x's differ). */
const struct e1000x_eerd e1000_eerd = {
	.done = E1000_NVM_RW_REG_DONE, .addr_shift = E1000_NVM_RW_ADDR_SHIFT,
};

/*
 * Refuses a card whose NVM checksum is wrong, as Linux does (its probe
 * fails with "The NVM Checksum Is Not Valid"), unless the user asked to go
 * on. Three reads, as Linux makes, ride out a read that raced the NVM.
 */
int e1000_check_nvm(struct e1000_adapter *a)
{
	int ret = 0;
	u16 sum = 0;

	for (int i = 0; i < 3; i++) {
		ret = e1000x_validate_nvm_checksum(&a->hw, &e1000_eerd, &sum);
		if (ret == 0)
			return 0;
	}
	if (ret == -ETIMEDOUT) {
		pr_err("%s: the NVM does not answer; refusing the device\n", DRV_NAME);
		return ret;
	}
	pr_err("%s: NVM checksum is 0x%04x, not 0x%04x: the NVM is corrupt or was never "
	       "programmed, so the MAC address and settings read from it are whatever "
	       "its bits happen to be\n", DRV_NAME, sum, E1000_NVM_SUM);
	if (!e1000e_ignore_nvm_checksum) {
		pr_err("%s: refusing the device, as Linux does; boot with "
		       "e1000e.ignore_nvm_checksum=1 to use it anyway\n", DRV_NAME);
		return -EIO;
	}
	pr_warn("%s: using it anyway (e1000e.ignore_nvm_checksum=1): its MAC address may be "
		"random, or the same as another card's\n", DRV_NAME);
	return 0;
}
