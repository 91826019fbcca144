/*
 * Interrupts: MSI-X with three vectors (RX queue, TX queue, other), MSI or
 * a shared INTx line with one handler, or none at all (irq=poll). The top
 * half only reads the cause, masks the RX/TX causes and schedules NAPI; it
 * touches no ring -- except with e1000e.napi=0, the non-NAPI design (as Linux
 * calls drivers without a poll) kept for comparison, where it drains the RX
 * ring into netif_rx() itself.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <lib/testfault.h>
#include <arch/x86_64/irq.h>
#include <drivers/net/e1000e/e1000.h>
#include <net/core/trace.h>

/* The RX/TX causes when one vector (MSI or INTx) serves everything; RXDMT0
 * asks for refill before the ring runs dry. */
#define E1000_IMS_MSI_INTX_RXTX	(E1000_IMS_RXT0 | E1000_IMS_RXDMT0 | E1000_IMS_RXO | E1000_IMS_TXDW)
#define E1000_IMS_MSIX_RXTX	(E1000_IMS_RXQ0 | E1000_IMS_TXQ0)
#define E1000_IMS_MSIX_OTHER	(E1000_IMS_OTHER | E1000_IMS_LSC | E1000_IMS_RXO)

void e1000_set_itr(struct e1000_adapter *a, u32 ints_per_sec)
{
	u32 interval = e1000x_itr_interval(ints_per_sec);	/* 256 ns units */

	a->itr = ints_per_sec;
	if (a->irq_mode == E1000_IRQ_MSIX) {
		for (int v = 0; v < E1000_NR_VECS; v++)
			ew32(a, E1000_EITR_82574(v), interval);
	} else {
		ew32(a, E1000_ITR, interval);
	}
}

void e1000_irq_enable(struct e1000_adapter *a)
{
	if (a->irq_mode == E1000_IRQ_POLL)
		return;
	if (a->irq_mode == E1000_IRQ_MSIX)
		ew32(a, E1000_IMS, E1000_IMS_MSIX_RXTX | E1000_IMS_MSIX_OTHER);
	else
		ew32(a, E1000_IMS, E1000_IMS_MSI_INTX_RXTX | E1000_IMS_LSC);
	e1e_flush(a);
}

void e1000_irq_disable(struct e1000_adapter *a)
{
	ew32(a, E1000_IMC, ~0u);
	e1e_flush(a);
}

/* The non-NAPI design: drain everything now, in hard IRQ context. */
static void non_napi_drain(struct e1000_adapter *a)
{
	e1000_clean_tx_irq(a, true);
	e1000_clean_rx_irq(a, a->rx_ring.count, true);
	ew32(a, E1000_IMS, a->ims_rx_tx);
}

static void rx_tx_event(struct e1000_adapter *a)
{
	ew32(a, E1000_IMC, a->ims_rx_tx);
	if (!a->use_napi)
		non_napi_drain(a);
	else
		napi_schedule(&a->napi);
}

/* What an ICR value asks of the top half (pure, so it is unit-tested). */
unsigned int e1000_icr_actions(u32 icr, bool msix)
{
	unsigned int act = 0;

	if (!(icr & E1000_ICR_INT_ASSERTED))
		return 0;	/* not ours: another device on a shared line */
	act |= E1000_ACT_OURS;
	if (icr & E1000_ICR_LSC)
		act |= E1000_ACT_LINK;
	if (icr & E1000_ICR_RXO)
		act |= E1000_ACT_OVERRUN;
	if (msix ? (icr & (E1000_ICR_RXQ0 | E1000_ICR_TXQ0)) :
		   (icr & (E1000_ICR_RXT0 | E1000_ICR_RXDMT0 | E1000_ICR_RXO | E1000_ICR_TXDW)))
		act |= E1000_ACT_RXTX;
	return act;
}

static void other_causes(struct e1000_adapter *a, unsigned int act)
{
	if (act & E1000_ACT_LINK)
		e1000x_schedule_link_check(&a->x);
	if (act & E1000_ACT_OVERRUN)
		a->sw_stats.rx_overruns++;
}

/* MSI and INTx: one vector for everything. On a shared line, ICR says whether it was us. */
static irqreturn_t e1000_intr(int irq, void *data)
{
	/* LAB irq: BEGIN return IRQ_HANDLED */
	/* LAB irq: HINT read ICR once (it clears, and drops a level-triggered line); e1000_icr_actions() says what it asks */
	/* LAB irq: HINT not ours (or test.fault=lost_irq): count irq_none, IRQ_NONE; else other_causes(), and for RX/TX count irq_rx and rx_tx_event() */
	/* LAB irq: STUB (void)er32((struct e1000_adapter *)data, E1000_ICR); */
	struct e1000_adapter *a = data;
	u32 icr = er32(a, E1000_ICR);	/* reading clears it outside MSI-X mode */
	unsigned int act = e1000_icr_actions(icr, false);

	trace_rx(__func__, data);
	if (!act || test_fault_is("lost_irq")) {
		a->sw_stats.irq_none++;
		return IRQ_NONE;
	}
	other_causes(a, act);
	if (act & E1000_ACT_RXTX) {
		a->sw_stats.irq_rx++;
		rx_tx_event(a);
	}
	return IRQ_HANDLED;
	/* LAB irq: END */
}

static irqreturn_t e1000_intr_msix_rx(int irq, void *data)
{
	/* LAB irq: BEGIN return IRQ_HANDLED */
	/* LAB irq: HINT count irq_rx and rx_tx_event(): mask RX/TX, schedule NAPI */
	struct e1000_adapter *a = data;

	trace_rx(__func__, data);
	a->sw_stats.irq_rx++;
	rx_tx_event(a);
	return IRQ_HANDLED;
	/* LAB irq: END */
}

static irqreturn_t e1000_intr_msix_tx(int irq, void *data)
{
	struct e1000_adapter *a = data;

	a->sw_stats.irq_tx++;
	rx_tx_event(a);
	return IRQ_HANDLED;
}

/* Link and errors. In MSI-X mode reading ICR does not clear it: write back what we saw. */
static irqreturn_t e1000_msix_other(int irq, void *data)
{
	struct e1000_adapter *a = data;
	u32 icr = er32(a, E1000_ICR);

	a->sw_stats.irq_other++;
	/*
	 * On the 82574 this read clears every cause it returns, the queue
	 * causes too: an RX or TX cause whose message EITR was still holding
	 * back would never be sent, and that queue would sit until its next
	 * frame or the watchdog's reset. Raise them again, as Linux's
	 * e1000_msix_other() does. (QEMU's read clears nothing; the re-raise
	 * then only repeats what is pending.)
	 */
	if (icr & E1000_IMS_MSIX_RXTX)
		ew32(a, E1000_ICS, icr & E1000_IMS_MSIX_RXTX);
	ew32(a, E1000_ICR, icr & ~(E1000_ICR_RXQ0 | E1000_ICR_TXQ0 | E1000_ICR_INT_ASSERTED));
	other_causes(a, e1000_icr_actions(icr | E1000_ICR_INT_ASSERTED, true));
	ew32(a, E1000_IMS, E1000_IMS_MSIX_OTHER);
	return IRQ_HANDLED;
}

/*
 * IVAR (82574 DS 10.2.4.9): each cause names a vector, with a valid bit.
 * RXQ1/TXQ1 are unused but get valid entries too: QEMU checks every entry
 * when IMS changes and warns about invalid ones. EIAC lets the RX/TX causes
 * clear themselves when their message is sent; the handlers mask explicitly,
 * which works the same on QEMU and hardware.
 */
void e1000_configure_msix(struct e1000_adapter *a)
{
	u32 ivar = E1000_IVAR_ENTRY(E1000_VEC_RX, E1000_IVAR_RXQ0_SHIFT) |
		   E1000_IVAR_ENTRY(E1000_VEC_RX, E1000_IVAR_RXQ1_SHIFT) |
		   E1000_IVAR_ENTRY(E1000_VEC_TX, E1000_IVAR_TXQ0_SHIFT) |
		   E1000_IVAR_ENTRY(E1000_VEC_TX, E1000_IVAR_TXQ1_SHIFT) |
		   E1000_IVAR_ENTRY(E1000_VEC_OTHER, E1000_IVAR_OTHER_SHIFT) |
		   E1000_IVAR_TX_INT_EVERY_WB;

	ew32(a, E1000_IVAR, ivar);
	ew32(a, E1000_EIAC_82574, E1000_IMS_MSIX_RXTX);
	ew32(a, E1000_CTRL_EXT, (er32(a, E1000_CTRL_EXT) & ~(E1000_CTRL_EXT_IAME |
		E1000_CTRL_EXT_EIAME)) | E1000_CTRL_EXT_PBA_CLR);
}

static int request_msix(struct e1000_adapter *a)
{
	static const irq_handler_t handlers[E1000_NR_VECS] = {
		e1000_intr_msix_rx, e1000_intr_msix_tx, e1000_msix_other };
	static const char *const names[E1000_NR_VECS] = { "eth-rx", "eth-tx", "eth-other" };
	int n, ret;

	n = pci_alloc_irq_vectors(a->pdev, E1000_NR_VECS, E1000_NR_VECS, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	for (int v = 0; v < E1000_NR_VECS; v++) {
		a->irqs[v] = pci_irq_vector(a->pdev, v);
		ret = request_irq(a->irqs[v], handlers[v], 0, names[v], a);
		if (ret) {
			while (--v >= 0)
				free_irq(a->irqs[v], a);
			pci_free_irq_vectors(a->pdev);
			return ret;
		}
	}
	a->nr_irqs = E1000_NR_VECS;
	a->irq_mode = E1000_IRQ_MSIX;
	a->ims_rx_tx = E1000_IMS_MSIX_RXTX;
	e1000_configure_msix(a);
	return 0;
}

static int request_single(struct e1000_adapter *a, unsigned int type, enum e1000_irq_mode mode)
{
	int ret = pci_alloc_irq_vectors(a->pdev, 1, 1, type);

	if (ret < 0)
		return ret;
	a->irqs[0] = pci_irq_vector(a->pdev, 0);
	ret = request_irq(a->irqs[0], e1000_intr, mode == E1000_IRQ_INTX ? IRQF_SHARED : 0,
			  a->netdev->name, a);
	if (ret) {
		pci_free_irq_vectors(a->pdev);
		return ret;
	}
	a->nr_irqs = 1;
	a->irq_mode = mode;
	a->ims_rx_tx = E1000_IMS_MSI_INTX_RXTX;
	return 0;
}

static void idle_poll(void *data)
{
	struct e1000_adapter *a = data;

	if (a->up)
		napi_schedule(&a->napi);
}

int e1000_request_irqs(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);
	enum e1000_irq_mode want = e1000e_param_irq_mode();
	int ret = -ENODEV;

	a->nr_irqs = 0;
	if (want == E1000_IRQ_POLL) {
		a->irq_mode = E1000_IRQ_POLL;
		a->ims_rx_tx = 0;
		a->poller.poll = idle_poll;
		a->poller.data = a;
		busy_poll_add(&a->poller);
		return 0;
	}
	if (want == E1000_IRQ_AUTO || want == E1000_IRQ_MSIX)
		ret = request_msix(a);
	if (ret && (want == E1000_IRQ_AUTO || want == E1000_IRQ_MSI))
		ret = request_single(a, PCI_IRQ_MSI, E1000_IRQ_MSI);
	if (ret && (want == E1000_IRQ_AUTO || want == E1000_IRQ_INTX))
		ret = request_single(a, PCI_IRQ_LEGACY, E1000_IRQ_INTX);
	if (ret)
		pr_err("%s: cannot get interrupts in mode %s: %s\n", a->netdev->name,
		       e1000_irq_mode_name(want), errname(ret));
	else
		a->netdev->irq = a->irqs[0];
	return ret;
}

void e1000_free_irqs(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);

	if (a->irq_mode == E1000_IRQ_POLL) {
		busy_poll_del(&a->poller);
		return;
	}
	for (int v = 0; v < a->nr_irqs; v++)
		free_irq(a->irqs[v], a);
	if (a->nr_irqs)
		pci_free_irq_vectors(a->pdev);
	a->nr_irqs = 0;
}
