/*
 * Addresses: `ip=ADDR/PREFIX` and `gw=ADDR` give eth0 a static IPv4 address;
 * without them (and on every other interface) DHCP. IPv6 always gets its
 * link-local address and SLAAC from router advertisements; `ip6=ADDR/64`
 * adds a static one. Each address is printed when it becomes usable.
 */
#define pr_fmt(fmt) "lwip: " fmt

#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/lwip/netif_glue.h>

#include "lwip/dhcp.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"

/* How long DHCP may stay silent before we say so (it keeps trying). */
#define DHCP_WARN_MS	15000

static struct {
	bool have_ip, have_gw, have_ip6;
	ip4_addr_t ip, mask, gw;
	ip6_addr_t ip6;
} addr_cfg;

/* "192.0.2.2/24" -> address and mask; false on anything else. */
static bool parse_ip4_prefix(const char *s, ip4_addr_t *addr, ip4_addr_t *mask)
{
	char buf[20];
	char *slash;
	unsigned int len;

	if (strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return false;
	slash = strchr(buf, '/');
	if (!slash || kstrtouint(slash + 1, 10, &len) || len > 32)
		return false;
	*slash = '\0';
	if (!ip4addr_aton(buf, addr))
		return false;
	ip4_addr_set_u32(mask, len ? lwip_htonl(0xffffffffu << (32 - len)) : 0);
	return true;
}

static int ip_setup(char *val)
{
	addr_cfg.have_ip = parse_ip4_prefix(val, &addr_cfg.ip, &addr_cfg.mask);
	if (!addr_cfg.have_ip)
		pr_err("ip=%s: not ADDR/PREFIX (dotted quad, prefix 0-32); eth0 uses DHCP\n", val);
	return addr_cfg.have_ip ? 0 : -EINVAL;
}
__setup("ip=", ip_setup);

static int gw_setup(char *val)
{
	addr_cfg.have_gw = ip4addr_aton(val, &addr_cfg.gw) != 0;
	return addr_cfg.have_gw ? 0 : -EINVAL;
}
__setup("gw=", gw_setup);

/* Only /64: SLAAC's interface identifiers and lwIP's on-link test assume it. */
static int ip6_setup(char *val)
{
	char buf[48];
	char *slash;

	addr_cfg.have_ip6 = false;
	if (strlcpy(buf, val, sizeof(buf)) >= sizeof(buf))
		return -EINVAL;
	slash = strchr(buf, '/');
	if (!slash || strcmp(slash, "/64"))
		return -EINVAL;
	*slash = '\0';
	addr_cfg.have_ip6 = ip6addr_aton(buf, &addr_cfg.ip6) != 0;
	return addr_cfg.have_ip6 ? 0 : -EINVAL;
}
__setup("ip6=", ip6_setup);

static unsigned int mask_len(const ip4_addr_t *mask)
{
	u32 m = ip4_addr_get_u32(mask);
	unsigned int n = 0;

	/* No libgcc in the kernel, so no __builtin_popcount(). */
	for (; m; m &= m - 1)
		n++;
	return n;
}

static const char *dev_name_of(struct netif *netif)
{
	return nicstack_netif_of(netif)->dev->name;
}

static void print_ip4(struct netif *netif)
{
	const ip4_addr_t *a = netif_ip4_addr(netif);

	if (ip4_addr_isany(a))
		return;
	pr_info("%s: %pI4/%u gw %pI4 (%s)\n", dev_name_of(netif), &a->addr,
		mask_len(netif_ip4_netmask(netif)), &netif_ip4_gw(netif)->addr,
		dhcp_supplied_address(netif) ? "DHCP" : "static");
}

/* lwIP writes hex digits in upper case; RFC 5952 4.3 asks for lower case,
 * which is also what Linux tools print and what users type. */
char *nicstack_ip6_ntoa(const ip6_addr_t *a, char *buf, size_t size)
{
	if (!ip6addr_ntoa_r(a, buf, (int)size)) {
		strlcpy(buf, "?", size);
		return buf;
	}
	for (char *c = buf; *c; c++)
		if (*c >= 'A' && *c <= 'F')
			*c = (char)(*c - 'A' + 'a');
	return buf;
}

static void print_ip6(struct netif *netif, s8_t i)
{
	const ip6_addr_t *a = netif_ip6_addr(netif, i);
	char buf[IP6ADDR_STRLEN_MAX];
	const char *how = "SLAAC";

	if (ip6_addr_islinklocal(a))
		how = "link-local";
	else if (addr_cfg.have_ip6 && ip6_addr_eq(a, &addr_cfg.ip6))
		how = "static";
	pr_info("%s: %s/64 (%s)\n", dev_name_of(netif), nicstack_ip6_ntoa(a, buf, sizeof(buf)), how);
}

static void start_dhcp(struct nicstack_netif *nif);

static void addr_changed(struct netif *netif, netif_nsc_reason_t reason,
			 const netif_ext_callback_args_t *args)
{
	if ((reason & LWIP_NSC_STATUS_CHANGED) && netif_is_up(netif))
		start_dhcp(nicstack_netif_of(netif));
	if (reason & (LWIP_NSC_IPV4_ADDRESS_CHANGED | LWIP_NSC_IPV4_SETTINGS_CHANGED |
		      LWIP_NSC_IPV4_GATEWAY_CHANGED | LWIP_NSC_IPV4_NETMASK_CHANGED))
		print_ip4(netif);
	if (reason & LWIP_NSC_IPV6_ADDR_STATE_CHANGED) {
		s8_t i = args->ipv6_addr_state_changed.addr_index;

		/* Once, when duplicate detection passes (tentative -> preferred). */
		if (ip6_addr_ispreferred(netif_ip6_addr_state(netif, i)) &&
		    !ip6_addr_ispreferred(args->ipv6_addr_state_changed.old_state))
			print_ip6(netif, i);
	}
}

static netif_ext_callback_t addr_callback;

static void dhcp_silent(void *arg)
{
	struct netif *netif = arg;

	if (netif_dhcp_data(netif) && !dhcp_supplied_address(netif))
		pr_warn("%s: no DHCP answer in %u s; still trying (ip=ADDR/PREFIX sets one)\n",
			dev_name_of(netif), DHCP_WARN_MS / 1000);
}

static void configure_static(struct netif *netif)
{
	ip4_addr_t gw;

	if (addr_cfg.have_gw)
		gw = addr_cfg.gw;
	else
		ip4_addr_set_zero(&gw);
	netif_set_addr(netif, &addr_cfg.ip, &addr_cfg.mask, &gw);
}

static void configure_ip6(struct netif *netif)
{
	s8_t idx;

	if (netif_add_ip6_address(netif, &addr_cfg.ip6, &idx) != ERR_OK)
		pr_err("%s: cannot add the ip6= address\n", dev_name_of(netif));
}

/*
 * lwIP's dhcp_start() refuses a netif that is not up yet ("old style
 * port?"), and ours comes up only when the device opens, after netif_add().
 * So DHCP is wanted at configure time and started when the netif is up.
 */
static void start_dhcp(struct nicstack_netif *nif)
{
	struct netif *netif = &nif->netif;

	if (!nif->want_dhcp || nif->dhcp_started || !netif_is_up(netif))
		return;
	if (dhcp_start(netif) != ERR_OK) {
		pr_err("%s: cannot start DHCP\n", nif->dev->name);
		return;
	}
	nif->dhcp_started = true;
	sys_timeout(DHCP_WARN_MS, dhcp_silent, netif);
}

/* Called by the glue with bottom halves disabled, right after netif_add(). */
void nicstack_addr_configure(struct nicstack_netif *nif, bool first)
{
	struct netif *netif = &nif->netif;

	if (!addr_callback.callback_fn)
		netif_add_ext_callback(&addr_callback, addr_changed);
	if (first && addr_cfg.have_ip6)
		configure_ip6(netif);
	if (first && addr_cfg.have_ip) {
		configure_static(netif);
		return;
	}
	nif->want_dhcp = true;
	start_dhcp(nif);
}

/* The netif is going away: nothing of ours may fire on it later. */
void nicstack_addr_forget(struct nicstack_netif *nif)
{
	sys_untimeout(dhcp_silent, &nif->netif);
	/* dhcp_cleanup() only frees the client's state: stopping first drops its
	 * reference to the DHCP pcb all netifs share, which would otherwise stay
	 * allocated after the last netif went (found by fuzz_rx_frame). */
	if (netif_dhcp_data(&nif->netif))
		dhcp_stop(&nif->netif);
	dhcp_cleanup(&nif->netif);
	nif->want_dhcp = nif->dhcp_started = false;
}
