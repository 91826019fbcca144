/*
 * TCP services' listeners and connection limits (see tcp_service.h). Runs
 * in lwIP's context: softirq, or with bottom halves disabled.
 */
#define pr_fmt(fmt) "tcp: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/modinfo.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <net/apps/tcp_service.h>
#include <net/lwip/tcp_guard.h>

#define TCP_SERVICE_MAX		8
/* pcbs kept out of every service's reach: the shell's ping needs none, but
 * connections closing (FIN_WAIT, LAST_ACK) outlive their service's count. */
#define TCP_SERVICE_SPARE_PCBS	4

unsigned int tcp_service_backlog = 8;
module_param_named(tcp_backlog, tcp_service_backlog, uint, 0444);
MODULE_PARM_DESC(tcp_backlog, "half-open or unaccepted connections per TCP listener (1..64)");

/* The shortest idleness (no segment from the peer) that makes an established
 * connection a candidate for eviction when its service is full. */
static unsigned int tcp_evict_idle = 1000;
module_param(tcp_evict_idle, uint, 0644);
MODULE_PARM_DESC(tcp_evict_idle, "ms without a segment after which a full service may reset a connection for a new one");

static struct tcp_service *services[TCP_SERVICE_MAX];
static unsigned int nr_services;
static unsigned int pcbs_promised;	/* limits + backlogs of the services so far */

static struct tcp_service *tcp_service_of_port(u16 port)
{
	for (unsigned int i = 0; i < nr_services; i++)
		if (services[i]->port == port)
			return services[i];
	return NULL;
}

/* The one accept callback of every listener: the limit, then the app's. */
static err_t tcp_service_accept(void *arg, struct tcp_pcb *newpcb, err_t err)
{
	struct tcp_service *svc;
	struct tcp_pcb *idlest;
	u32 idle_ms;

	if (err != ERR_OK || !newpcb)
		return ERR_VAL;
	svc = tcp_service_of_port(newpcb->local_port);
	if (!svc)
		return ERR_VAL;		/* lwIP aborts it */
	if (tcp_guard_count_port(svc->port, newpcb, &idlest, &idle_ms) >= svc->max_conns) {
		if (!idlest || idle_ms < READ_ONCE(tcp_evict_idle)) {
			svc->st.refused++;
			tcp_abort(newpcb);
			return ERR_ABRT;
		}
		svc->st.evicted++;
		tcp_abort(idlest);	/* its err callback frees the app's state */
	}
	/* Below the listener's priority: lwIP may reset it for a newcomer when
	 * the pcb pool runs dry (tcp_kill_prio() spares equal priorities). */
	tcp_setprio(newpcb, TCP_PRIO_NORMAL);
	svc->st.accepted++;
	return svc->accept(arg, newpcb, err);
}

/* Registers svc and checks its share of the pcb pool. */
static int tcp_service_register(struct tcp_service *svc)
{
	unsigned int need = svc->max_conns + tcp_service_backlog + svc->extra_pcbs;

	if (nr_services == TCP_SERVICE_MAX || tcp_service_of_port(svc->port))
		return -EBUSY;
	if (svc->max_conns == 0) {
		pr_err("%s: nicstack.%s_conns=0 would refuse everybody; using 1\n", svc->name, svc->name);
		svc->max_conns = 1;
		need = 1 + tcp_service_backlog + svc->extra_pcbs;
	}
	if (pcbs_promised + need > MEMP_NUM_TCP_PCB - TCP_SERVICE_SPARE_PCBS)
		pr_warn("%s: limits of all services (%u pcbs) exceed the %u TCP pcbs: "
			"lower nicstack.*_conns or nicstack.tcp_backlog\n", svc->name,
			pcbs_promised + need, MEMP_NUM_TCP_PCB - TCP_SERVICE_SPARE_PCBS);
	pcbs_promised += need;
	services[nr_services++] = svc;
	return 0;
}

static void tcp_service_limit_listener(struct tcp_service *svc, struct tcp_pcb_listen *lpcb)
{
	svc->lpcb = lpcb;
	lpcb->backlog = (u8_t)tcp_service_backlog;
	lpcb->prio = TCP_PRIO_NORMAL + 1;
}

/* nicstack.tcp_backlog is read-only after boot: checked at the first listener. */
static void tcp_backlog_check(void)
{
	if (nr_services == 0 && (tcp_service_backlog < 1 || tcp_service_backlog > 64)) {
		pr_err("nicstack.tcp_backlog=%u: not 1..64; using 8\n", tcp_service_backlog);
		tcp_service_backlog = 8;
	}
}

int tcp_service_listen(struct tcp_service *svc)
{
	struct tcp_pcb *pcb, *lpcb;
	int err;

	tcp_backlog_check();
	pcb = tcp_new_ip_type(IPADDR_TYPE_ANY);
	if (!pcb)
		return -ENOMEM;
	if (tcp_bind(pcb, IP_ANY_TYPE, svc->port) != ERR_OK) {
		tcp_close(pcb);
		return -EBUSY;
	}
	lpcb = tcp_listen_with_backlog(pcb, (u8_t)tcp_service_backlog);
	if (!lpcb) {
		tcp_close(pcb);
		return -ENOMEM;
	}
	err = tcp_service_register(svc);
	if (err) {
		tcp_close(lpcb);
		return err;
	}
	tcp_service_limit_listener(svc, (struct tcp_pcb_listen *)lpcb);
	tcp_accept(lpcb, tcp_service_accept);
	return 0;
}

int tcp_service_adopt(struct tcp_service *svc)
{
	struct tcp_pcb_listen *lpcb = tcp_guard_find_listener(svc->port);
	int err;

	tcp_backlog_check();
	if (!lpcb || !lpcb->accept)
		return -ENOENT;
	err = tcp_service_register(svc);
	if (err)
		return err;
	svc->accept = lpcb->accept;
	tcp_service_limit_listener(svc, lpcb);
	tcp_accept((struct tcp_pcb *)lpcb, tcp_service_accept);
	return 0;
}

unsigned int tcp_service_active(const struct tcp_service *svc)
{
	return tcp_guard_count_port(svc->port, NULL, NULL, NULL);
}

void tcp_service_for_each(void (*fn)(const struct tcp_service *svc, void *ctx), void *ctx)
{
	for (unsigned int i = 0; i < nr_services; i++)
		fn(services[i], ctx);
}
