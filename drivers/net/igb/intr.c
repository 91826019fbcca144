/*
 * Interrupts. With MSI-X (the 82576's own mode, GPIE.MSIX_MODE) each cause
 * is routed to a vector through IVAR: RX and TX queue n to vector n (one
 * queue pair per vector, as Linux's igb pairs them), the "other" causes
 * (link, overrun) to the last vector, each vector its own EICR bit. With
 * MSI or INTx there is one queue pair, everything arrives as one interrupt
 * and ICR says why.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <arch/x86_64/irq.h>
#include <drivers/net/igb/igb.h>

#define IGB_IMS_OTHER	(E1000_ICR_LSC | E1000_ICR_RXO)
#define IGB_IMS_LEGACY	(E1000_ICR_RXDW | E1000_ICR_TXDW | IGB_IMS_OTHER)
#define USEC_PER_SEC	1000000u

/*
 * IVAR on the 82576 (DS 8.8.15): eight registers; IVAR[n] holds four
 * entries, byte 0 RX queue n, byte 1 TX queue n, byte 2 RX queue n+8,
 * byte 3 TX queue n+8, each a vector number with bit 7 valid. (The
 * 82575, I350 and I210 lay theirs out differently: docs/igb.md.)
 * Returns IVAR[queue % 8] with the one entry replaced.
 */
u32 igb_ivar_set(u32 ivar, unsigned int queue, bool tx, unsigned int vector)
{
	unsigned int shift = ((queue >= 8) ? 16 : 0) + (tx ? 8 : 0);

	ivar &= ~(0xFFu << shift);
	return ivar | ((vector | E1000_IVAR_VALID) << shift);
}

/* EITR's interval is in microseconds in bits 14:2 (DS 8.8.12); 0: no throttling. */
u32 igb_eitr_value(u32 ints_per_sec)
{
	u32 usecs;

	if (!ints_per_sec)
		return 0;
	usecs = USEC_PER_SEC / ints_per_sec;
	if (!usecs)
		usecs = 1;
	return (usecs << E1000_EITR_INTERVAL_SHIFT) & E1000_EITR_INTERVAL_MASK;
}

static void igb_write_eitr(struct igb_q_vector *q, u32 ints_per_sec)
{
	q->itr = ints_per_sec;
	/* CNT_IGNR: the write sets the interval without restarting the counter. */
	igb_wr(q->adapter, E1000_EITR(q->idx), igb_eitr_value(ints_per_sec) | E1000_EITR_CNT_IGNR);
}

/* Every vector at this rate; with dynamic moderation, where each starts. */
void igb_set_itr(struct igb_adapter *a, u32 ints_per_sec)
{
	a->itr = ints_per_sec;
	for (unsigned int n = 0; n < a->num_queues; n++) {
		a->q[n].irq_work = 0;
		a->q[n].itr_next = ints_per_sec;
		igb_write_eitr(&a->q[n], ints_per_sec);
	}
}

/*
 * Dynamic moderation, after each poll of a vector (work: the frames it
 * handled; done: the poll completed and the interrupt comes back on). The
 * frames since the vector's last interrupt pick its next rate: a frame or
 * two (request/response) -> IGB_ITR_LATENCY, so a reply is not held back;
 * a batch -> IGB_ITR_BULK, where NAPI's polls carry the load anyway; in
 * between, IGB_ITR_MODERATE. EITR is written only when two interrupts in a
 * row ask for the same new rate.
 */
void igb_update_itr(struct igb_q_vector *q, unsigned int work, bool done)
{
	u32 want;

	if (!q->adapter->itr_dynamic)
		return;
	q->irq_work += work;
	if (!done)
		return;
	if (q->irq_work <= IGB_ITR_FEW)
		want = IGB_ITR_LATENCY;
	else if (q->irq_work >= IGB_ITR_MANY)
		want = IGB_ITR_BULK;
	else
		want = IGB_ITR_MODERATE;
	q->irq_work = 0;
	/* Two interrupts in a row must agree: load that swings between polls
	 * does not rewrite EITR at every one. */
	if (want != q->itr && want == q->itr_next)
		igb_write_eitr(q, want);
	q->itr_next = want;
}

/*
 * Routing, written after every reset (which clears GPIE, IVAR and the
 * masks): RX and TX queue n to vector n, the other causes to the last
 * vector. Without MSI-X the vector numbers are unused but harmless, and
 * the one queue pair's causes show in ICR.
 */
void igb_configure_irq(struct igb_adapter *a)
{
	a->eims_queues = 0;
	for (unsigned int n = 0; n < a->num_queues; n++) {
		u32 ivar = igb_ivar_set(igb_rd(a, E1000_IVAR(n % 8)), n, false, n);

		ivar = igb_ivar_set(ivar, n, true, n);
		igb_wr(a, E1000_IVAR(n % 8), ivar);
		a->q[n].eims = BIT(n);
		a->eims_queues |= BIT(n);
	}
	if (a->irq_mode != IGB_IRQ_MSIX) {
		a->eims_other = 0;
		igb_wr(a, E1000_GPIE, 0);
		return;
	}
	a->eims_other = BIT(a->num_queues);
	/* DS 7.3.2.11: the "other" causes' vector sits in IVAR_MISC bits 15:8. */
	igb_wr(a, E1000_IVAR_MISC, (a->num_queues | E1000_IVAR_VALID) << 8);
	/* NSICR: ICR clears on read even with causes unmasked; EIAME: auto-mask. */
	igb_wr(a, E1000_GPIE, E1000_GPIE_MSIX_MODE | E1000_GPIE_PBA | E1000_GPIE_EIAME |
	       E1000_GPIE_NSICR);
	/* Each MSI-X message clears its own EICR bit, so the next cause raises a new one. */
	igb_wr(a, E1000_EIAC, a->eims_queues | a->eims_other);
	igb_wr(a, E1000_EIAM, a->eims_queues | a->eims_other);
}

void igb_irq_enable(struct igb_adapter *a)
{
	if (a->irq_mode == IGB_IRQ_MSIX) {
		igb_wr(a, E1000_IMS, IGB_IMS_OTHER);
		igb_wr(a, E1000_EIMS, a->eims_queues | a->eims_other);
	} else {
		igb_wr(a, E1000_IMS, IGB_IMS_LEGACY);
	}
	igb_flush(a);
}

void igb_irq_disable(struct igb_adapter *a)
{
	igb_wr(a, E1000_EIMC, ~0u);
	igb_wr(a, E1000_IMC, ~0u);
	igb_flush(a);
}

/* After poll's napi_complete_done(): the queue's interrupt back on. */
void igb_queue_irq_enable(struct igb_q_vector *q)
{
	struct igb_adapter *a = q->adapter;

	if (a->irq_mode == IGB_IRQ_MSIX)
		igb_wr(a, E1000_EIMS, q->eims);
	else
		igb_wr(a, E1000_IMS, E1000_ICR_RXDW | E1000_ICR_TXDW);
}

static void igb_other_causes(struct igb_adapter *a, u32 icr)
{
	if (icr & E1000_ICR_RXO)
		a->sw_stats.rx_overruns++;
	if (icr & E1000_ICR_LSC)
		e1000x_schedule_link_check(&a->x);	/* the link is read in softirq */
}

/* Masked until poll has drained the rings: no interrupt per frame. */
static void igb_schedule_queue(struct igb_q_vector *q)
{
	struct igb_adapter *a = q->adapter;

	if (!a->use_napi) {
		/* igb.napi=0: the non-NAPI design, the rings drained right here. */
		igb_clean_tx_irq(q);
		igb_clean_rx_irq(q, q->rx_ring.count);
		return;
	}
	if (a->irq_mode == IGB_IRQ_MSIX)
		igb_wr(a, E1000_EIMC, q->eims);
	else
		igb_wr(a, E1000_IMC, E1000_ICR_RXDW | E1000_ICR_TXDW);
	napi_schedule(&q->napi);
}

/* MSI-X vector n: queue pair n. */
static irqreturn_t igb_msix_ring(int irq, void *data)
{
	struct igb_q_vector *q = data;

	q->irqs++;
	q->adapter->sw_stats.irq_queue++;
	if (q->adapter->up)
		igb_schedule_queue(q);
	return IRQ_HANDLED;
}

/*
 * The last MSI-X vector: the "other" causes. ICR read clears them
 * (GPIE.NSICR); the vector is unmasked again, as EIAM may have masked it.
 */
static irqreturn_t igb_msix_other(int irq, void *data)
{
	struct igb_adapter *a = data;

	a->sw_stats.irq_other++;
	igb_other_causes(a, igb_rd(a, E1000_ICR));
	if (a->up)
		igb_wr(a, E1000_EIMS, a->eims_other);
	return IRQ_HANDLED;
}

/* MSI or INTx: one interrupt for everything; ICR zero on INTx is another device's. */
static irqreturn_t igb_intr(int irq, void *data)
{
	struct igb_adapter *a = data;
	u32 icr = igb_rd(a, E1000_ICR);

	if (!icr) {
		a->sw_stats.irq_none++;
		return IRQ_NONE;
	}
	a->sw_stats.irq_queue++;
	igb_other_causes(a, icr);
	if (a->up && (icr & (E1000_ICR_RXDW | E1000_ICR_TXDW)))
		igb_schedule_queue(&a->q[0]);
	return IRQ_HANDLED;
}

/*
 * One vector per queue pair and one for the rest: igb.queues pairs, or as
 * many as the vectors the device and the kernel can give (at least one
 * pair), as Linux's igb settles for fewer queues when vectors run short.
 */
static int igb_request_msix(struct igb_adapter *a, unsigned int want)
{
	int n = pci_alloc_irq_vectors(a->pdev, 2, want + 1, PCI_IRQ_MSIX);

	if (n < 0)
		return n;
	a->num_queues = (unsigned int)n - 1;
	if (a->num_queues < want)
		pr_warn("%s: %u queue pairs (igb.queues=%u): only %d MSI-X vectors\n",
			a->netdev->name, a->num_queues, want, n);
	for (int v = 0; v < n; v++) {
		bool other = v == n - 1;
		int ret;

		a->irqs[v] = pci_irq_vector(a->pdev, v);
		if (!other)
			snprintf(a->q[v].irq_name, sizeof(a->q[v].irq_name), "igb-TxRx-%d", v);
		ret = request_irq(a->irqs[v], other ? igb_msix_other : igb_msix_ring, 0,
				  other ? "igb-other" : a->q[v].irq_name,
				  other ? (void *)a : (void *)&a->q[v]);
		if (ret) {
			while (v--)
				free_irq(a->irqs[v], v == n - 1 ? (void *)a : (void *)&a->q[v]);
			pci_free_irq_vectors(a->pdev);
			return ret;
		}
	}
	a->nr_irqs = n;
	a->irq_mode = IGB_IRQ_MSIX;
	return 0;
}

static int igb_request_single(struct igb_adapter *a, unsigned int type, enum igb_irq_mode mode)
{
	int ret = pci_alloc_irq_vectors(a->pdev, 1, 1, type);

	if (ret < 0)
		return ret;
	a->irqs[0] = pci_irq_vector(a->pdev, 0);
	ret = request_irq(a->irqs[0], igb_intr, mode == IGB_IRQ_INTX ? IRQF_SHARED : 0,
			  a->netdev->name, a);
	if (ret) {
		pci_free_irq_vectors(a->pdev);
		return ret;
	}
	a->nr_irqs = 1;
	a->num_queues = 1;
	a->irq_mode = mode;
	return 0;
}

/* igb.queues: 1..IGB_MAX_QUEUES; anything else is named and replaced. */
static unsigned int igb_queues_wanted(void)
{
	if (igb_param_queues >= 1 && igb_param_queues <= IGB_MAX_QUEUES)
		return (unsigned int)igb_param_queues;
	pr_warn("igb.queues=%d: not 1..%d; using %d\n", igb_param_queues, IGB_MAX_QUEUES,
		IGB_DEFAULT_QUEUES);
	return IGB_DEFAULT_QUEUES;
}

/*
 * igb.irq=auto tries MSI-X, then MSI, then INTx, as Linux's igb does. The
 * vectors decide the queue pairs, and so the TX rings and the net core's
 * TX queues in use.
 */
int igb_request_irq(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);
	const char *want = igb_param_irq ? igb_param_irq : "auto";
	bool any = strcmp(want, "auto") == 0;
	int ret = -EINVAL;

	if (!any && strcmp(want, "msix") && strcmp(want, "msi") && strcmp(want, "intx")) {
		pr_warn("igb.irq=%s: not auto, msix, msi or intx; using auto\n", want);
		any = true;
	}
	if (any || !strcmp(want, "msix"))
		ret = igb_request_msix(a, igb_queues_wanted());
	if (ret && (any || !strcmp(want, "msi")))
		ret = igb_request_single(a, PCI_IRQ_MSI, IGB_IRQ_MSI);
	if (ret && (any || !strcmp(want, "intx")))
		ret = igb_request_single(a, PCI_IRQ_LEGACY, IGB_IRQ_INTX);
	if (ret)
		return ret;
	a->netdev->irq = a->irqs[0];
	a->num_tx_queues = a->num_queues;
	for (unsigned int n = 0; n < a->num_queues; n++)
		a->q[n].tx_ring = &a->tx_rings[n];
	return netif_set_real_num_tx_queues(a->netdev, a->num_tx_queues);
}

void igb_free_irq(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	if (a->irq_mode == IGB_IRQ_NONE)
		return;
	for (int v = 0; v < a->nr_irqs; v++) {
		bool queue = a->irq_mode == IGB_IRQ_MSIX && v < a->nr_irqs - 1;

		free_irq(a->irqs[v], queue ? (void *)&a->q[v] : (void *)a);
	}
	pci_free_irq_vectors(a->pdev);
	a->nr_irqs = 0;
	a->irq_mode = IGB_IRQ_NONE;
}
