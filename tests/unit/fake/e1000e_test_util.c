/* See e1000e_test_util.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lib/params.h>
#include <net/core/byteorder.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

void e1000e_test_irq_mode(const char *mode)
{
	char cmdline[64];

	snprintf(cmdline, sizeof(cmdline), "e1000e.irq=%s", mode);
	assert_int_equal(parse_args(cmdline), 0);
	assert_int_equal(e1000e_param_irq_mode(),
			 strcmp(mode, "msix") == 0 ? E1000_IRQ_MSIX :
			 strcmp(mode, "msi") == 0 ? E1000_IRQ_MSI :
			 strcmp(mode, "intx") == 0 ? E1000_IRQ_INTX :
			 strcmp(mode, "poll") == 0 ? E1000_IRQ_POLL : E1000_IRQ_AUTO);
}

int e1000e_test_try_probe(void)
{
	static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
							     E1000_DEV_ID_82574L) };

	if (!fake_e1000e_driver)
		assert_int_equal(fake_e1000e_run_module_init(), 0);
	assert_non_null(fake_e1000e_driver);
	return fake_e1000e_driver->probe(&fake_e1000e_pdev, &id);
}

struct e1000_adapter *e1000e_test_probe(unsigned int pool_size)
{
	struct e1000_adapter *a;

	netcore_test_reset(pool_size);
	fake_e1000e_reset();
	assert_int_equal(e1000e_test_try_probe(), 0);
	a = pci_get_drvdata(&fake_e1000e_pdev);
	assert_non_null(a);
	assert_ptr_equal(a->hw.hw_addr, fake_e1000e_bar);
	return a;
}

void e1000e_test_open(struct e1000_adapter *a, int rx_ring, int tx_ring)
{
	e1000e_rx_ring = rx_ring;
	e1000e_tx_ring = tx_ring;
	assert_int_equal(dev_open(a->netdev), 0);
	assert_true(a->up);
}

void e1000e_test_remove(struct e1000_adapter *a)
{
	fake_e1000e_driver->remove(&fake_e1000e_pdev);
	assert_null(pci_get_drvdata(&fake_e1000e_pdev));
	assert_int_equal(fake_e1000e_dma_live, 0);
	assert_int_equal(fake_e1000e_iomap_live, 0);
	assert_int_equal(fake_e1000e_irqs_live, 0);
	assert_false(busy_poll_active());
	netcore_run_softirqs();
	netcore_assert_pool_idle();
	e1000e_rx_ring = E1000_DEFAULT_RING;
	e1000e_tx_ring = E1000_DEFAULT_RING;
}

struct e1000e_seen e1000e_seen[E1000E_MAX_SEEN];
unsigned int e1000e_nr_seen;
bool e1000e_hold_skbs;
static struct sk_buff *held[E1000E_MAX_SEEN];
static unsigned int nr_held;

static int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		  struct net_device *orig)
{
	struct e1000e_seen *s;

	assert_true(e1000e_nr_seen < E1000E_MAX_SEEN);
	s = &e1000e_seen[e1000e_nr_seen++];
	s->len = skb->len;
	s->proto = skb->protocol;
	s->ip_summed = skb->ip_summed;
	s->pkt_type = skb->pkt_type;
	if (e1000e_hold_skbs)
		held[nr_held++] = skb;
	else
		consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type ip_pt = { .func = ip_rcv };

void e1000e_test_release_held(void)
{
	while (nr_held)
		consume_skb(held[--nr_held]);
}

int e1000e_test_setup(void **state)
{
	e1000e_nr_seen = nr_held = 0;
	e1000e_hold_skbs = false;
	ip_pt.type = cpu_to_be16(ETH_P_IP);
	dev_add_pack(&ip_pt);
	return 0;
}

int e1000e_test_teardown(void **state)
{
	if (fake_e1000e_driver && pci_get_drvdata(&fake_e1000e_pdev))
		fake_e1000e_driver->remove(&fake_e1000e_pdev);
	e1000e_test_release_held();
	dev_remove_pack(&ip_pt);
	return 0;
}

const u8 *e1000e_ip_frame(struct e1000_adapter *a, const u8 *dst, unsigned int len)
{
	static u8 frame[1514];

	memset(frame, 0x5a, sizeof(frame));
	memcpy(frame, dst ? dst : a->netdev->dev_addr, ETH_ALEN);
	memcpy(frame + 6, "\x52\x54\x00\xaa\xbb\xcc", ETH_ALEN);
	frame[12] = 0x08;
	frame[13] = 0x00;
	return frame;
}

u32 e1000e_pool_in_use(void)
{
	struct skb_pool_stats st;

	skb_pool_get_stats(&st);
	return st.in_use;
}
