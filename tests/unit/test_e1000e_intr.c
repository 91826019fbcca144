/*
 * drivers/net/e1000e/intr.c: the INTx top half (ICR, masking, NAPI
 * unmasking), the MSI-X vectors and their IVAR routing, and the ITR for
 * any requested rate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/softirq.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

/* ---- the top half and NAPI ---- */

static void test_intx_top_half_masks_and_napi_unmasks(void **state)
{
	struct e1000_adapter *a;
	int irq;
	unsigned long flags;

	e1000e_test_irq_mode("intx");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	irq = a->irqs[0];
	assert_true(fake_e1000e_irq_requested(irq, &flags));
	assert_true(flags & IRQF_SHARED);

	/* ICR empty: another device on the line. */
	assert_int_equal(fake_e1000e_fire(irq), IRQ_NONE);
	assert_int_equal(a->sw_stats.irq_none, 1);

	for (int i = 0; i < 3; i++)
		assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_RXT0);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(irq), IRQ_HANDLED);
	/* The top half touched no ring, acked ICR (read) and masked RX/TX. */
	assert_int_equal(e1000e_nr_seen, 0);
	assert_int_equal(fake_reg(E1000_ICR), 0);
	assert_false(fake_reg(E1000_IMS) & E1000_IMS_RXT0);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_LSC);
	irq_exit();	/* NAPI runs here */
	assert_int_equal(e1000e_nr_seen, 3);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXT0);
	assert_int_equal(a->sw_stats.irq_rx, 1);
	assert_true(a->sw_stats.napi_complete >= 1);

	/* A link change: counted, checked from the watchdog, not in the top half. */
	fake_reg_set(E1000_STATUS, 0);
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_LSC);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(irq), IRQ_HANDLED);
	irq_exit();
	netcore_ticks(2);
	assert_false(netif_carrier_ok(a->netdev));
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

static void test_msix_vectors(void **state)
{
	struct e1000_adapter *a;
	u32 ivar;

	e1000e_test_irq_mode("msix");
	a = e1000e_test_probe(256);
	e1000e_test_open(a, 64, 64);
	fake_e1000e_msix_mode = true;
	assert_int_equal(a->irq_mode, E1000_IRQ_MSIX);
	assert_int_equal(a->nr_irqs, 3);
	ivar = fake_reg(E1000_IVAR);
	/* Every cause routed, with its valid bit (QEMU warns otherwise). */
	assert_int_equal((ivar >> E1000_IVAR_RXQ0_SHIFT) & 0xF, E1000_IVAR_VALID | E1000_VEC_RX);
	assert_int_equal((ivar >> E1000_IVAR_TXQ0_SHIFT) & 0xF, E1000_IVAR_VALID | E1000_VEC_TX);
	assert_int_equal((ivar >> E1000_IVAR_OTHER_SHIFT) & 0xF, E1000_IVAR_VALID | E1000_VEC_OTHER);
	assert_true((ivar >> E1000_IVAR_RXQ1_SHIFT) & E1000_IVAR_VALID);
	assert_true((ivar >> E1000_IVAR_TXQ1_SHIFT) & E1000_IVAR_VALID);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXQ0);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_OTHER);

	assert_true(fake_e1000e_rx(e1000e_ip_frame(a, NULL, 70), 70, E1000_RXD_STAT_EOP, 0));
	irq_enter();
	assert_int_equal(fake_e1000e_fire(a->irqs[E1000_VEC_RX]), IRQ_HANDLED);
	assert_false(fake_reg(E1000_IMS) & E1000_IMS_RXQ0);
	irq_exit();
	assert_int_equal(e1000e_nr_seen, 1);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXQ0);

	/* Other vector: ICR does not clear by reading, so it is written back. */
	fake_reg_set(E1000_ICR, E1000_ICR_INT_ASSERTED | E1000_ICR_OTHER | E1000_ICR_RXO);
	irq_enter();
	assert_int_equal(fake_e1000e_fire(a->irqs[E1000_VEC_OTHER]), IRQ_HANDLED);
	irq_exit();
	assert_int_equal(fake_reg(E1000_ICR) & ~E1000_ICR_INT_ASSERTED, 0);
	assert_int_equal(a->sw_stats.rx_overruns, 1);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_OTHER);
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

/* ---- throttling ---- */

/* Any e1000e.itr gives a sane ITR: 2^24 and up used to overflow the
 * interval's divisor to 0 (found by fuzzing boot_params). */
static void test_itr_for_any_rate(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(64);

	a->irq_mode = E1000_IRQ_MSI;
	e1000_set_itr(a, 8000);
	assert_int_equal(fake_reg(E1000_ITR), 1000000000u / (8000 * 256));
	e1000_set_itr(a, 1);
	assert_int_equal(fake_reg(E1000_ITR), E1000_ITR_MASK);
	e1000_set_itr(a, 16777216);
	assert_int_equal(fake_reg(E1000_ITR), 0);
	e1000_set_itr(a, 0xffffffffu);
	assert_int_equal(fake_reg(E1000_ITR), 0);
	e1000_set_itr(a, 0);
	assert_int_equal(fake_reg(E1000_ITR), 0);
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		e1000e_unit_test(test_intx_top_half_masks_and_napi_unmasks),
		e1000e_unit_test(test_msix_vectors),
		cmocka_unit_test(test_itr_for_any_rate),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
