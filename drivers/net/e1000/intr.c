/*
 * Interrupts: the 8254x has one INTx line (the 82546 and 82547 also have
 * MSI, which QEMU's model does not offer), often shared. The top half reads
 * ICR, which also acknowledges it, and only schedules NAPI.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/irq.h>
#include <drivers/net/e1000/e1000.h>

void e1k_set_itr(struct e1k_adapter *a, u32 ints_per_sec)
{
	a->itr = ints_per_sec;
	e1k_wr(a, E1000_ITR, e1000x_itr_interval(ints_per_sec));
}

void e1k_irq_enable(struct e1k_adapter *a)
{
	e1k_wr(a, E1000_IMS, E1K_IMS_RXTX | E1000_ICR_LSC);
	e1k_flush(a);
}

void e1k_irq_disable(struct e1k_adapter *a)
{
	e1k_wr(a, E1000_IMC, ~0u);
	e1k_flush(a);
}

/*
 * The 82574 sets ICR.INT_ASSERTED when it drives the line; the 8254x has
 * no such bit, so "is it ours" is simply "is any cause set". Zero means
 * another device on the shared line raised it: IRQ_NONE, so the IRQ core
 * can spot a line nobody handles.
 */
irqreturn_t e1k_intr(int irq, void *data)
{
	struct e1k_adapter *a = data;
	u32 icr = e1k_rd(a, E1000_ICR);	/* read-to-clear */

	if (!icr) {
		a->sw_stats.irq_none++;
		return IRQ_NONE;
	}
	a->sw_stats.irq_handled++;
	if (icr & E1000_ICR_RXO)
		a->sw_stats.rx_overruns++;
	if (icr & E1000_ICR_LSC)
		e1000x_schedule_link_check(&a->x);	/* the link is read in softirq */
	if (!a->up || !(icr & E1K_IMS_RXTX))
		return IRQ_HANDLED;
	if (!a->use_napi) {
		/* e1000.napi=0: the non-NAPI design, the ring drained right here. */
		e1k_clean_tx_irq(a);
		e1k_clean_rx_irq(a, a->rx_ring.count);
		return IRQ_HANDLED;
	}
	/* Masked until poll has drained the rings: no interrupt per frame. */
	e1k_wr(a, E1000_IMC, E1K_IMS_RXTX);
	napi_schedule(&a->napi);
	return IRQ_HANDLED;
}

int e1k_request_irq(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);
	int ret = pci_alloc_irq_vectors(a->pdev, 1, 1, PCI_IRQ_LEGACY);

	if (ret < 0)
		return ret;
	a->irq = pci_irq_vector(a->pdev, 0);
	ret = request_irq(a->irq, e1k_intr, IRQF_SHARED, a->netdev->name, a);
	if (ret) {
		pci_free_irq_vectors(a->pdev);
		return ret;
	}
	a->netdev->irq = a->irq;
	a->irq_requested = true;
	return 0;
}

void e1k_free_irq(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	if (!a->irq_requested)
		return;
	free_irq(a->irq, a);
	pci_free_irq_vectors(a->pdev);
	a->irq_requested = false;
}
