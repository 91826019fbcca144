/*
 * Shell commands over lwIP: `ifconfig` (interfaces, addresses, counters;
 * `ifconfig IFACE ADDR/PREFIX` sets the IPv4 address) and `lwip` (lwIP's
 * protocol and memory statistics; `lwipstats` is the old name). The shell
 * runs them with bottom halves disabled, so lwIP's state holds still.
 */
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <net/apps/status.h>
#include <net/lwip/netif_glue.h>

#include "lwip/dhcp.h"
#include "lwip/ip4_addr.h"

static char text[8192];

/* The text is longer than one printk line (PRINTK_LINE_MAX): kprintf()
 * would cut it, so it goes to the console directly. */
static int print_status(unsigned int what)
{
	console_write(text, nicstack_status_text(text, sizeof(text), what));
	return 0;
}

/* "192.0.2.3/24" -> address and mask. Prefix 1..32: /0 would make every
 * address on-link. A unicast host address only: not the subnet's network or
 * broadcast address (RFC 919/922; /31 and /32 have neither, RFC 3021). */
static const char *parse_addr(const char *s, ip4_addr_t *addr, ip4_addr_t *mask)
{
	char buf[20];
	char *slash;
	unsigned int len;
	u32 host;

	if (strlcpy(buf, s, sizeof(buf)) >= sizeof(buf) || !(slash = strchr(buf, '/')))
		return "not ADDR/PREFIX";
	*slash = '\0';
	if (kstrtouint(slash + 1, 10, &len) || len < 1 || len > 32)
		return "prefix must be 1..32";
	if (!ip4addr_aton(buf, addr))
		return "not a dotted-quad IPv4 address";
	ip4_addr_set_u32(mask, lwip_htonl(0xffffffffu << (32 - len)));
	host = lwip_ntohl(ip4_addr_get_u32(addr)) & ~(0xffffffffu << (32 - len));
	if (ip4_addr_isany_val(*addr) || ip4_addr_ismulticast(addr) || ip4_addr_isloopback(addr) ||
	    lwip_ntohl(ip4_addr_get_u32(addr)) >= 0xf0000000u ||	/* class E, broadcast */
	    (len < 31 && (host == 0 || host == ~(0xffffffffu << (32 - len)))))
		return "not a unicast host address";
	return NULL;
}

static int ifconfig_set(const char *name, const char *spec)
{
	struct net_device *dev, *found = NULL;
	struct nicstack_netif *nif;
	ip4_addr_t addr, mask;
	const char *why;

	for_each_netdev(dev)
		if (!strcmp(dev->name, name))
			found = dev;
	if (!found) {
		kprintf("ifconfig: %s: no such interface\n", name);
		return -ENODEV;
	}
	nif = nicstack_netif_find(found);
	if (!nif) {
		kprintf("ifconfig: %s: not attached to lwIP (nicstack.app=reflect?)\n", name);
		return -ENODEV;
	}
	why = parse_addr(spec, &addr, &mask);
	if (why) {
		kprintf("ifconfig: %s: %s (e.g. 192.0.2.3/24)\n", spec, why);
		return -EINVAL;
	}
	/* DHCP would put its lease back at renewal: a static address ends it. */
	if (netif_dhcp_data(&nif->netif))
		dhcp_release_and_stop(&nif->netif);
	/* addr.c's netif callback prints the new address. */
	netif_set_addr(&nif->netif, &addr, &mask, netif_ip4_gw(&nif->netif));
	return 0;
}

static int cmd_ifconfig(int argc, char **argv)
{
	struct net_device *dev;

	if (argc == 3)
		return ifconfig_set(argv[1], argv[2]);
	if (argc != 1)
		return shell_usage(shell_find("ifconfig"));
	print_status(STATUS_SUMMARY);
	for_each_netdev(dev) {
		const u8 *a = dev->dev_addr;

		kprintf("%s: ether %02x:%02x:%02x:%02x:%02x:%02x flags %#x\n", dev->name,
			a[0], a[1], a[2], a[3], a[4], a[5], dev->flags);
	}
	return 0;
}
SHELL_COMMAND("ifconfig", cmd_ifconfig, "ifconfig [IFACE ADDR/PREFIX]",
	      "interfaces: addresses, MAC, MTU, counters; or set IFACE's IPv4 address");

static int cmd_lwip(int argc, char **argv)
{
	return print_status(STATUS_LWIP);
}
SHELL_COMMAND("lwip", cmd_lwip, "lwip", "lwIP's protocol and memory statistics");

static int cmd_lwipstats(int argc, char **argv)
{
	return print_status(STATUS_LWIP);
}
SHELL_COMMAND("lwipstats", cmd_lwipstats, "lwipstats", "the same as lwip (its old name)");
