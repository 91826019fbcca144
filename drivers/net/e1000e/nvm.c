/*
 * The NVM behind the 82574 (an EEPROM or flash the MAC reads through
 * EERD): its checksum. Words 0x00..0x3F -- MAC address, initialisation
 * control words, PCIe and PHY settings the hardware loads at reset --
 * sum to 0xBABA, word 0x3F being chosen to make it so (82574 DS 6.1,
 * "Checksum Word"). A card whose sum is wrong was never programmed, or its
 * NVM was damaged: the MAC address read from it is whatever the bits are.
 * Probe checks it with e1000x_check_nvm(), in this family's EERD layout.
 */
#include <lib/types.h>
#include <drivers/net/e1000e/e1000.h>

/* The 82574's EERD: DONE at bit 1, the address from bit 2 (the 8254x's differ). */
const struct e1000x_eerd e1000_eerd = {
	.done = E1000_NVM_RW_REG_DONE, .addr_shift = E1000_NVM_RW_ADDR_SHIFT,
};
