/*
 * What the 82574 as real silicon needs beyond QEMU's model (issue 14, the
 * MAC side): the initialisation bits Linux sets after every reset, ASPM
 * off at probe, queue causes raised again after the "other" vector read
 * ICR, a teardown that lets DMA end before anything is freed, the NVM
 * checksum, and e1000e.itr/e1000e.weight taking effect when set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/softirq.h>
#include <net/core/busy_poll.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "panic_fake.h"
#include "e1000e_test_util.h"

static void set_param(const char *line)
{
	char buf[96];

	strncpy(buf, line, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	assert_int_equal(parse_args(buf), 0);
}

/* ---- initialisation bits ---- */

/* Reset values that differ from what the driver must leave behind. */
static void dirty_init_bits(void)
{
	fake_reg_set(E1000_TXDCTL(0), 0x3Fu << E1000_TXDCTL_WTHRESH_SHIFT);
	fake_reg_set(E1000_TXDCTL(1), 0);
	fake_reg_set(E1000_TARC(0), 3 | E1000_TARC_ENABLE | E1000_TARC0_82574_CLEAR);
	fake_reg_set(E1000_CTRL, fake_reg(E1000_CTRL) | E1000_CTRL_82574_BIT29);
	fake_reg_set(E1000_CTRL_EXT, E1000_CTRL_EXT_82574_BIT23);
	fake_reg_set(E1000_GCR, 0);
	fake_reg_set(E1000_GCR2, 0);
}

static void assert_init_bits(void)
{
	u32 txdctl = fake_reg(E1000_TXDCTL(0));

	assert_true(txdctl & E1000_TXDCTL_COUNT_DESC);
	assert_true(txdctl & E1000_TXDCTL_GRAN);
	assert_int_equal((txdctl & E1000_TXDCTL_WTHRESH_MASK) >> E1000_TXDCTL_WTHRESH_SHIFT, 1);
	assert_int_equal(fake_reg(E1000_TXDCTL(1)), txdctl);
	/* TARC0: bit 26 on, 30:27 off, the queue enable (bit 10) and 1:0 kept. */
	assert_int_equal(fake_reg(E1000_TARC(0)), 3 | E1000_TARC_ENABLE | E1000_TARC0_82574_SET);
	assert_false(fake_reg(E1000_CTRL) & E1000_CTRL_82574_BIT29);
	assert_true(fake_reg(E1000_CTRL_EXT) & E1000_CTRL_EXT_82574_BIT22);
	assert_false(fake_reg(E1000_CTRL_EXT) & E1000_CTRL_EXT_82574_BIT23);
	assert_int_equal(fake_reg(E1000_GCR) & (E1000_GCR_82574_ERRATA | E1000_GCR_L1_ACT_WITHOUT_L0S_RX),
			 E1000_GCR_82574_ERRATA | E1000_GCR_L1_ACT_WITHOUT_L0S_RX);
	assert_true(fake_reg(E1000_GCR2) & E1000_GCR2_82574_ERRATA);
}

static void test_82574_init_bits_after_every_reset(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	dirty_init_bits();
	e1000e_test_open(a, 64, 64);
	assert_init_bits();
	/* A real reset restores the defaults: the software reset sets them again. */
	dirty_init_bits();
	e1000x_reinit(&a->x);
	assert_true(a->up);
	assert_init_bits();
	e1000e_test_remove(a);
}

/* ---- ASPM ---- */

static void test_aspm_l0s_and_l1_disabled_at_probe(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(64);

	assert_int_equal(fake_e1000e_aspm_disabled, PCIE_LINK_STATE_L0S | PCIE_LINK_STATE_L1);
	e1000e_test_remove(a);
}

/* ---- MSI-X "other" vector ---- */

static void test_other_vector_raises_queue_causes_again(void **state)
{
	struct e1000_adapter *a;
	unsigned int ics_writes;

	e1000e_test_irq_mode("msix");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	assert_int_equal(a->irq_mode, E1000_IRQ_MSIX);
	/* The 82574 itself: reading ICR clears everything it returns. */
	fake_e1000e_msix_mode = false;
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_OTHER | E1000_ICR_LSC |
			       E1000_ICR_RXQ0 | E1000_ICR_TXQ0);
	ics_writes = fake_reg_writes(E1000_ICS);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(a->irqs[E1000_VEC_OTHER]), IRQ_HANDLED);
	irq_exit();
	assert_int_equal(fake_reg_writes(E1000_ICS), ics_writes + 1);
	assert_int_equal(fake_reg_written(E1000_ICS, 0), E1000_ICR_RXQ0 | E1000_ICR_TXQ0);
	/* Pending again, so their vectors still fire; the link cause was taken. */
	assert_int_equal(fake_reg(E1000_ICR) & (E1000_ICR_RXQ0 | E1000_ICR_TXQ0 | E1000_ICR_LSC),
			 E1000_ICR_RXQ0 | E1000_ICR_TXQ0);
	assert_true(a->link_check_pending);

	/* No queue cause pending: nothing is raised. */
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_OTHER | E1000_ICR_RXO);
	irq_enter();
	fake_e1000e_fire(a->irqs[E1000_VEC_OTHER]);
	irq_exit();
	assert_int_equal(fake_reg_writes(E1000_ICS), ics_writes + 1);
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

/* ---- teardown with DMA in flight ---- */

/* Units off, >= 10 ms, reset, and only then either ring freed; nothing written into freed memory. */
static void assert_safe_teardown(void)
{
	int rx_off = fake_e1000e_event_after("rx_off", 0);
	int tx_off = fake_e1000e_event_after("tx_off", 0);
	int last_off = rx_off > tx_off ? rx_off : tx_off;
	int reset = fake_e1000e_event_after("reset", last_off);
	int free_rx = fake_e1000e_event_after("free_rx_ring", 0);
	int free_tx = fake_e1000e_event_after("free_tx_ring", 0);

	assert_true(rx_off >= 0 && tx_off >= 0);
	assert_true(reset > last_off);
	assert_true(fake_e1000e_event_ns(reset) - fake_e1000e_event_ns(last_off) >=
		    E1000_DOWN_DRAIN_MS * NSEC_PER_MSEC);
	assert_true(free_rx > reset && free_tx > reset);
	assert_int_equal(fake_e1000e_writebacks_to_freed, 0);
}

static void test_teardown_disables_waits_resets_then_frees(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	e1000e_test_open(a, 64, 64);
	/* The device owns most of the RX ring and two queued TX descriptors. */
	assert_true(fake_reg(E1000_RDT(0)) != fake_reg(E1000_RDH(0)));
	fake_reg_set(E1000_TDT(0), 2);
	fake_e1000e_clear_events();
	dev_close(a->netdev);
	assert_false(a->up);
	assert_safe_teardown();

	/* The software reset tears down the same way before it rebuilds. */
	e1000e_test_open(a, 64, 64);
	fake_reg_set(E1000_TDT(0), 2);
	fake_e1000e_clear_events();
	e1000x_reinit(&a->x);
	assert_true(a->up);
	assert_safe_teardown();
	e1000e_test_remove(a);
	assert_int_equal(fake_e1000e_writebacks_to_freed, 0);
}

/* A reset that never completes cannot end DMA: bus mastering off does. */
static void test_teardown_with_a_stuck_reset_stops_bus_mastering(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	e1000e_test_open(a, 64, 64);
	assert_true(fake_e1000e_bus_master);
	fake_e1000e_rst_stuck = true;
	fake_console_reset();
	dev_close(a->netdev);
	assert_false(fake_e1000e_bus_master);
	assert_int_equal(fake_e1000e_writebacks_to_freed, 0);
	assert_true(fake_console_has("reset failed at down; bus mastering turned off instead"));
	fake_e1000e_rst_stuck = false;
	e1000e_test_remove(a);
}

/* ---- NVM checksum ---- */

static int probe_with_nvm_word(unsigned int word, u16 value)
{
	static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
							     E1000_DEV_ID_82574L) };

	netcore_test_reset(64);
	fake_e1000e_reset();
	if (!fake_e1000e_driver)
		assert_int_equal(fake_e1000e_run_module_init(), 0);
	fake_e1000e_nvm[word] = value;
	fake_console_reset();
	return fake_e1000e_driver->probe(&fake_e1000e_pdev, &id);
}

static void test_nvm_checksum_good_probes(void **state)
{
	struct e1000_adapter *a;

	/* Word 0x3F as the fake computed it: the sum is 0xBABA. */
	fake_e1000e_reset();
	assert_int_equal(probe_with_nvm_word(E1000_NVM_CHECKSUM_REG,
					     fake_e1000e_nvm[E1000_NVM_CHECKSUM_REG]), 0);
	a = pci_get_drvdata(&fake_e1000e_pdev);
	assert_non_null(a);
	/* Every word 0x00..0x3F went through EERD. */
	assert_true(fake_reg_writes(E1000_EERD) >= E1000_NVM_CHECKSUM_REG + 1);
	assert_false(fake_console_has("NVM checksum"));
	e1000e_test_remove(a);
}

static void test_nvm_checksum_bad_refuses_unless_told(void **state)
{
	struct e1000_adapter *a;

	assert_int_equal(probe_with_nvm_word(0x10, 0x1234), -EIO);
	assert_null(pci_get_drvdata(&fake_e1000e_pdev));
	assert_int_equal(fake_e1000e_iomap_live, 0);
	assert_true(fake_console_has("e1000e: NVM checksum is 0x"));
	assert_true(fake_console_has(", not 0xbaba: the NVM is corrupt or was never programmed"));
	assert_true(fake_console_has("refusing the device, as Linux does; boot with "
				     "e1000e.ignore_nvm_checksum=1 to use it anyway"));

	set_param("e1000e.ignore_nvm_checksum=1");
	assert_int_equal(probe_with_nvm_word(0x10, 0x1234), 0);
	assert_true(fake_console_has("using it anyway (e1000e.ignore_nvm_checksum=1): its MAC "
				     "address may be random"));
	a = pci_get_drvdata(&fake_e1000e_pdev);
	assert_non_null(a);
	e1000e_test_remove(a);
	set_param("e1000e.ignore_nvm_checksum=0");
}

/* ---- e1000e.irq=poll: the net core's busy poller, from open to close ---- */

static void test_irq_poll_is_a_busy_poller_while_open(void **state)
{
	struct e1000_adapter *a;

	set_param("e1000e.irq=poll");
	a = e1000e_test_probe(256);
	assert_false(busy_poll_active());
	e1000e_test_open(a, 64, 64);
	assert_int_equal(a->irq_mode, E1000_IRQ_POLL);
	assert_true(busy_poll_active());
	assert_int_equal(fake_reg(E1000_IMS), 0);	/* no device interrupts at all */
	dev_close(a->netdev);
	assert_false(busy_poll_active());
	e1000e_test_remove(a);
}

/* ---- run-time e1000e.itr and e1000e.weight ---- */

#define EITR_FOR(rate) (1000000000u / ((rate) * 256u))

static void assert_eitr(u32 value)
{
	for (int v = 0; v < E1000_NR_VECS; v++)
		assert_int_equal(fake_reg(E1000_EITR_82574(v)), value);
}

static void test_itr_set_reprograms_running_interfaces(void **state)
{
	struct e1000_adapter *a;

	e1000e_test_irq_mode("msix");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	assert_eitr(EITR_FOR(8000));
	assert_int_equal(param_set("e1000e.itr", "4000"), 0);
	assert_int_equal(e1000e_itr, 4000);
	assert_int_equal(a->itr, 4000);
	assert_eitr(EITR_FOR(4000));
	assert_int_equal(param_set("e1000e.itr", "0"), 0);	/* no throttling */
	assert_eitr(0);

	/* Out of range: refused with the range, nothing changed. */
	fake_console_reset();
	assert_int_equal(param_set("e1000e.itr", "99"), -ERANGE);
	assert_true(fake_console_has("e1000e.itr: 99 is out of range: 0 (off) or 100..100000"));
	assert_int_equal(param_set("e1000e.itr", "100001"), -ERANGE);
	assert_int_equal(param_set("e1000e.itr", "16777216"), -ERANGE);
	assert_int_equal(param_set("e1000e.itr", "-1"), -ERANGE);
	assert_int_equal(param_set("e1000e.itr", "fast"), -EINVAL);
	assert_int_equal(e1000e_itr, 0);
	assert_eitr(0);

	/* Down: remembered, and programmed at the next open. */
	dev_close(a->netdev);
	assert_int_equal(param_set("e1000e.itr", "2000"), 0);
	assert_int_equal(a->itr, 2000);
	assert_int_equal(dev_open(a->netdev), 0);
	assert_eitr(EITR_FOR(2000));
	e1000e_test_remove(a);

	/* MSI: the one ITR register. */
	e1000e_test_irq_mode("msi");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	assert_int_equal(fake_reg(E1000_ITR), EITR_FOR(2000));
	assert_int_equal(param_set("e1000e.itr", "100000"), 0);
	assert_int_equal(fake_reg(E1000_ITR), EITR_FOR(100000));
	assert_int_equal(param_set("e1000e.itr", "100"), 0);
	assert_int_equal(fake_reg(E1000_ITR), EITR_FOR(100));
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
	assert_int_equal(param_set("e1000e.itr", "8000"), 0);
}

static void test_weight_set_reaches_napi(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);

	e1000e_test_open(a, 64, 64);
	assert_int_equal(a->napi.weight, 64);
	assert_int_equal(param_set("e1000e.weight", "16"), 0);
	assert_int_equal(a->napi.weight, 16);
	assert_int_equal(e1000e_weight, 16);
	fake_console_reset();
	assert_int_equal(param_set("e1000e.weight", "0"), -ERANGE);
	assert_true(fake_console_has("e1000e.weight: 0 is out of range: 1..256"));
	assert_int_equal(param_set("e1000e.weight", "257"), -ERANGE);
	assert_int_equal(a->napi.weight, 16);
	assert_int_equal(param_set("e1000e.weight", "256"), 0);
	assert_int_equal(a->napi.weight, 256);
	assert_int_equal(param_set("e1000e.weight", "64"), 0);
	e1000e_test_remove(a);
}

/* A failed test leaves its adapter and parameters behind: the next one starts clean. */
static int teardown(void **state)
{
	fake_e1000e_rst_stuck = false;
	if (fake_e1000e_driver && pci_get_drvdata(&fake_e1000e_pdev))
		fake_e1000e_driver->remove(&fake_e1000e_pdev);
	set_param("e1000e.irq=auto e1000e.itr=8000 e1000e.weight=64 e1000e.ignore_nvm_checksum=0");
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_82574_init_bits_after_every_reset, teardown),
		cmocka_unit_test_teardown(test_irq_poll_is_a_busy_poller_while_open, teardown),
		cmocka_unit_test_teardown(test_aspm_l0s_and_l1_disabled_at_probe, teardown),
		cmocka_unit_test_teardown(test_other_vector_raises_queue_causes_again, teardown),
		cmocka_unit_test_teardown(test_teardown_disables_waits_resets_then_frees, teardown),
		cmocka_unit_test_teardown(test_teardown_with_a_stuck_reset_stops_bus_mastering, teardown),
		cmocka_unit_test_teardown(test_nvm_checksum_good_probes, teardown),
		cmocka_unit_test_teardown(test_nvm_checksum_bad_refuses_unless_told, teardown),
		cmocka_unit_test_teardown(test_itr_set_reprograms_running_interfaces, teardown),
		cmocka_unit_test_teardown(test_weight_set_reaches_napi, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
