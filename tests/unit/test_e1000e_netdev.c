/*
 * drivers/net/e1000e/netdev.c against the fake register file: probe and
 * open programming the device, and a probe that fails cleanly when the
 * reset never completes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

/* ---- probe and open ---- */

static void test_probe_open_programs_the_device(void **state)
{
	struct e1000_adapter *a;
	struct e1000_rx_desc *rd;

	e1000e_test_irq_mode("msi");
	a = e1000e_test_probe(256);
	assert_memory_equal(a->netdev->dev_addr, fake_e1000e_mac, ETH_ALEN);
	assert_int_equal(fake_e1000e_resets, 1);
	assert_int_equal(fake_reg(E1000_IMS), 0);		/* masked after reset */
	assert_true(fake_reg(E1000_CTRL_EXT) & E1000_CTRL_EXT_DRV_LOAD);

	e1000e_test_open(a, 64, 64);
	assert_int_equal(a->irq_mode, E1000_IRQ_MSI);
	assert_int_equal(fake_reg(E1000_RDLEN(0)), 64 * 16);
	assert_int_equal(fake_reg(E1000_TDLEN(0)), 64 * 16);
	assert_int_equal(fake_reg(E1000_RDBAL(0)), (u32)a->rx_ring.dma);
	assert_int_equal(fake_reg(E1000_RDBAH(0)), (u32)(a->rx_ring.dma >> 32));
	assert_int_equal(fake_reg(E1000_RDH(0)), 0);
	/* Every slot but one handed over: RDT == RDH would mean "no buffers". */
	assert_int_equal(fake_reg(E1000_RDT(0)), 63);
	assert_int_equal(e1000e_pool_in_use(), 63);
	rd = a->rx_ring.desc;
	for (int i = 0; i < 63; i++) {
		assert_true(rd[i].buffer_addr != 0);
		assert_int_equal(rd[i].status, 0);
	}
	assert_true(fake_reg(E1000_RCTL) & E1000_RCTL_EN);
	assert_true(fake_reg(E1000_RCTL) & E1000_RCTL_BAM);
	assert_true(fake_reg(E1000_RCTL) & E1000_RCTL_SECRC);
	assert_false(fake_reg(E1000_RCTL) & (E1000_RCTL_UPE | E1000_RCTL_MPE | E1000_RCTL_LPE));
	assert_true(fake_reg(E1000_TCTL) & E1000_TCTL_EN);
	assert_true(fake_reg(E1000_TARC(0)) & E1000_TARC_ENABLE);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_RXT0);
	assert_true(fake_reg(E1000_IMS) & E1000_IMS_LSC);
	assert_true(fake_reg(E1000_RAH(0)) & E1000_RAH_AV);
	assert_true(netif_carrier_ok(a->netdev));
	assert_int_equal(fake_e1000e_wo_reads, 0);
	assert_int_equal(fake_e1000e_ro_writes, 0);
	e1000e_test_remove(a);
	e1000e_test_irq_mode("auto");
}

static void test_probe_fails_cleanly_when_reset_hangs(void **state)
{
	netcore_test_reset(16);
	fake_e1000e_reset();
	fake_e1000e_rst_stuck = true;
	assert_int_equal(e1000e_test_try_probe(), -ETIMEDOUT);
	assert_null(pci_get_drvdata(&fake_e1000e_pdev));
	assert_int_equal(fake_e1000e_iomap_live, 0);
	assert_null(dev_get_by_name("eth0"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		e1000e_unit_test(test_probe_open_programs_the_device),
		e1000e_unit_test(test_probe_fails_cleanly_when_reset_hangs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
