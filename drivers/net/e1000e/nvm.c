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

int e1000_validate_nvm_checksum(struct e1000_adapter *a, u16 *sum_out)
{
	u16 sum = 0, word;

	for (u16 i = 0; i <= E1000_NVM_CHECKSUM_REG; i++) {
		if (e1000_read_nvm(a, i, &word)) {
			pr_err("%s: NVM read of word %#x timed out\n", DRV_NAME, i);
			return -ETIMEDOUT;
		}
		sum += word;
	}
	*sum_out = sum;
	return sum == E1000_NVM_SUM ? 0 : -EIO;
}
