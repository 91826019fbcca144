/* A TCP listener, the one piece of set-up every TCP service repeats. */
#include <lib/errno.h>
#include <net/apps/apps.h>

int apps_tcp_listen(u16 port, tcp_accept_fn accept)
{
	struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_ANY), *lpcb;

	if (!pcb)
		return -ENOMEM;
	if (tcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
		tcp_close(pcb);
		return -EBUSY;
	}
	lpcb = tcp_listen(pcb);
	if (!lpcb) {
		tcp_close(pcb);
		return -ENOMEM;
	}
	tcp_accept(lpcb, accept);
	return 0;
}
