/*
 * Addresses: `ip=ADDR/PREFIX` and `gw=ADDR` give eth0 a static IPv4 address,
 * `ip1=`/`gw1=` eth1's and so on (also spelt `ip.eth1=`/`gw.eth1=`); an
 * interface without one, or whose value is malformed, uses DHCP. IPv6 always
 * gets its link-local address and SLAAC from router advertisements;
 * `ip6=ADDR/64` adds a static one to eth0. Each address is printed when it
 * becomes usable.
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

/* One per ethN the glue can attach; index n is ethN. */
static struct iface_cfg {
	bool have_ip, have_gw;
	ip4_addr_t ip, mask, gw;
} iface_cfg[NICSTACK_MAX_NETIFS];

static struct {
	bool have_ip6;
	ip6_addr_t ip6;
} addr_cfg;

/*
 * Four decimal fields 0-255 and nothing else: lwIP's own parser also takes
 * "10.1" or "0x0a.0.0.1", which on a command line is far more likely a typo
 * than a wish.
 */
static bool parse_dotted_quad(const char *s, ip4_addr_t *addr)
{
	u32 v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned int field = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 3) {
			field = field * 10 + (unsigned int)(*s++ - '0');
			digits++;
		}
		if (!digits || field > 255 || *s != (i < 3 ? '.' : '\0'))
			return false;
		s++;
		v = v << 8 | field;
	}
	ip4_addr_set_u32(addr, lwip_htonl(v));
	return true;
}

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
	if (!parse_dotted_quad(buf, addr))
		return false;
	ip4_addr_set_u32(mask, len ? lwip_htonl(0xffffffffu << (32 - len)) : 0);
	return true;
}

/* A bad value leaves the interface without a static address: DHCP, and says so. */
static int ip_param(unsigned int n, const char *name, const char *val)
{
	struct iface_cfg *c = &iface_cfg[n];

	c->have_ip = parse_ip4_prefix(val, &c->ip, &c->mask);
	if (!c->have_ip)
		pr_err("%s=%s: not ADDR/PREFIX (dotted quad, prefix 0-32); eth%u uses DHCP\n",
		       name, val, n);
	return c->have_ip ? 0 : -EINVAL;
}

static int gw_param(unsigned int n, const char *name, const char *val)
{
	struct iface_cfg *c = &iface_cfg[n];

	c->have_gw = parse_dotted_quad(val, &c->gw);
	if (!c->have_gw)
		pr_err("%s=%s: not a dotted quad; eth%u gets no static gateway\n", name, val, n);
	return c->have_gw ? 0 : -EINVAL;
}

/* __setup() takes no argument but the value: one pair of handlers per name. */
#define IFACE_PARAMS(n, ipname, gwname)						\
	static int ip_setup_##n(char *v) { return ip_param(n, ipname, v); }	\
	static int gw_setup_##n(char *v) { return gw_param(n, gwname, v); }	\
	static int ip_eth_setup_##n(char *v) { return ip_param(n, "ip.eth" #n, v); } \
	static int gw_eth_setup_##n(char *v) { return gw_param(n, "gw.eth" #n, v); } \
	__setup(ipname "=", ip_setup_##n);					\
	__setup(gwname "=", gw_setup_##n);					\
	__setup("ip.eth" #n "=", ip_eth_setup_##n);				\
	__setup("gw.eth" #n "=", gw_eth_setup_##n)

_Static_assert(NICSTACK_MAX_NETIFS == 4, "one IFACE_PARAMS line per interface");
IFACE_PARAMS(0, "ip", "gw");
IFACE_PARAMS(1, "ip1", "gw1");
IFACE_PARAMS(2, "ip2", "gw2");
IFACE_PARAMS(3, "ip3", "gw3");

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
	const char *name = dev_name_of(netif);
	unsigned int n = 0;

	/* Name the parameter that sets this interface's address: ip= for eth0, ipN= after. */
	if (!strncmp(name, "eth", 3))
		kstrtouint(name + 3, 10, &n);
	if (netif_dhcp_data(netif) && !dhcp_supplied_address(netif)) {
		if (n)
			pr_warn("%s: no DHCP answer in %u s; still trying (ip%u=ADDR/PREFIX sets one)\n",
				name, DHCP_WARN_MS / 1000, n);
		else
			pr_warn("%s: no DHCP answer in %u s; still trying (ip=ADDR/PREFIX sets one)\n",
				name, DHCP_WARN_MS / 1000);
	}
}

static void configure_static(struct netif *netif, const struct iface_cfg *c)
{
	ip4_addr_t gw;

	if (c->have_gw)
		gw = c->gw;
	else
		ip4_addr_set_zero(&gw);
	netif_set_addr(netif, &c->ip, &c->mask, &gw);
}

/* ethN -> its parameters; NULL for any other name (test devices, say). */
static const struct iface_cfg *iface_cfg_of(const char *name)
{
	unsigned int n;

	if (strncmp(name, "eth", 3) || kstrtouint(name + 3, 10, &n) ||
	    n >= NICSTACK_MAX_NETIFS)
		return NULL;
	return &iface_cfg[n];
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
	const struct iface_cfg *c = iface_cfg_of(nif->dev->name);

	if (!addr_callback.callback_fn)
		netif_add_ext_callback(&addr_callback, addr_changed);
	if (first && addr_cfg.have_ip6)
		configure_ip6(netif);
	if (c && c->have_ip) {
		configure_static(netif, c);
		return;
	}
	if (c && c->have_gw)
		pr_warn("%s: a gateway but no static address: ignored, DHCP brings both\n",
			nif->dev->name);
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
