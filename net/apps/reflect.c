/*
 * The L2 reflector (nicstack.app=reflect): every unicast frame addressed to
 * us goes straight back with source and destination swapped, through only
 * the driver and the net core. It tests the driver without lwIP and is the
 * upper bound for the benchmark. Broadcast and multicast are dropped and
 * counted, so the host's own ARP and IPv6 chatter is not bounced back.
 */
#define MODULE_PARAM_PREFIX "nicstack."
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/softirq.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skbuff.h>
#include <net/apps/app.h>

static enum nicstack_app app_mode = NICSTACK_APP_STACK;

static int app_set(const char *val, const struct kernel_param *kp)
{
	if (strcmp(val, "stack") == 0)
		app_mode = NICSTACK_APP_STACK;
	else if (strcmp(val, "reflect") == 0)
		app_mode = NICSTACK_APP_REFLECT;
	else
		return -EINVAL;
	return 0;
}

static int app_get(char *buf, size_t size, const struct kernel_param *kp)
{
	return scnprintf(buf, size, "%s", app_mode == NICSTACK_APP_REFLECT ? "reflect" : "stack");
}

static const struct kernel_param_ops app_ops = { .set = app_set, .get = app_get };
module_param_cb(app, &app_ops, &app_mode, 0444);

enum nicstack_app nicstack_app_mode(void)
{
	return app_mode;
}

static struct {
	u64 reflected, not_unicast, tx_failed;
} reflect_stats;

static rx_handler_result_t reflect_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	u8 tmp[ETH_ALEN];
	struct ethhdr *eth;

	if (skb->pkt_type != PACKET_HOST) {
		reflect_stats.not_unicast++;
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	eth = (struct ethhdr *)skb_push(skb, ETH_HLEN);	/* eth_type_trans pulled it */
	memcpy(tmp, eth->h_dest, ETH_ALEN);
	memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	memcpy(eth->h_source, tmp, ETH_ALEN);
	skb->ip_summed = CHECKSUM_NONE;	/* the bytes go back exactly as they came */
	if (dev_queue_xmit(skb) == 0)
		reflect_stats.reflected++;
	else
		reflect_stats.tx_failed++;
	return RX_HANDLER_CONSUMED;
}

static int reflect_init(void)
{
	struct net_device *dev;
	int ret;

	if (app_mode != NICSTACK_APP_REFLECT)
		return 0;
	dev = dev_get_by_name("eth0");
	if (!dev) {
		pr_err("reflect: no eth0 to reflect on\n");
		return -ENODEV;
	}
	ret = netdev_rx_handler_register(dev, reflect_rx, NULL);
	if (ret)
		return ret;
	local_bh_disable();
	ret = dev_open(dev);
	local_bh_enable();
	if (ret)
		pr_err("reflect: cannot open %s: %s\n", dev->name, errname(ret));
	else
		pr_info("reflect: reflecting unicast frames on %s (%pM)\n", dev->name, dev->dev_addr);
	return ret;
}
late_initcall(reflect_init);

static int cmd_reflect(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("reflect"));
	kprintf("reflector %s: reflected %llu, not unicast (dropped) %llu, tx failed %llu\n",
		app_mode == NICSTACK_APP_REFLECT ? "on" : "off",
		(unsigned long long)reflect_stats.reflected,
		(unsigned long long)reflect_stats.not_unicast,
		(unsigned long long)reflect_stats.tx_failed);
	return 0;
}
SHELL_COMMAND("reflect", cmd_reflect, "reflect", "L2 reflector counters (nicstack.app=reflect)");
