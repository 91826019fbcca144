/* See fuzz_stack.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/softirq.h>
#include <lib/timer.h>
#include <net/core/busy_poll.h>
#include <net/core/checksum.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/port.h>
#include <net/apps/apps.h>
#include "e1000e_fake.h"
#include "lib_test_hooks.h"
#include "netcore_fake.h"
#include "fuzz_platform.h"
#include "fuzz_stack.h"

#include "lwip/memp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/stats.h"
#include "lwip/sys.h"

void panic_reset_for_test(void);	/* lib/panic.c, HOST_TEST */


/* The status page lists IRQs (lib/irq.c in the kernel). */
void irq_for_each(void (*fn)(unsigned int irq, const char *name, u64 count, void *ctx),
		  void *ctx)
{
	fn(FAKE_E1000E_FIRST_IRQ, "eth-rx", 1, ctx);
}

const u8 stack_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
const u8 stack_ip[4] = { 192, 0, 2, 2 };
const u8 stack_host_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
const u8 stack_host_ip[4] = { 192, 0, 2, 1 };

unsigned long stack_tx_frames;
void (*stack_tx_hook)(const u8 *frame, size_t len);

#define POOL_NORMAL	192
#define POOL_SMALL	112
#define RING		64

static unsigned int cur_cfg, cur_pool;
static bool tx_held;

static struct {
	unsigned int memp[MEMP_MAX];
	mem_size_t mem;
	unsigned long kmalloc_live;
} baseline;

static struct e1000_adapter *adapter(void)
{
	return pci_get_drvdata(&fake_e1000e_pdev);
}

/* ---- time ------------------------------------------------------------------ */

static void tick(unsigned int ms)
{
	fake_now_ns += (u64)ms * 1000000;
	jiffies += ms - 1;		/* a tickless jump, then one real tick */
	irq_enter();
	timer_tick();
	irq_exit();
	run_deferred_softirqs();
}

void stack_advance_ms(unsigned int ms)
{
	/* 50 ms: below the shortest of lwIP's cyclic timers (100 ms, IGMP and
	 * MLD), so none of them is skipped, and half the ticks of the lwIP
	 * timer's 25 ms sleep (net/lwip/port.c) for a fuzzer that spends most
	 * of its time here. */
	while (ms) {
		unsigned int step = ms < 50 ? ms : 50;

		tick(step);
		ms -= step;
		if (adapter())
			stack_deliver();
	}
}

/* ---- the device side ----------------------------------------------------- */

static void *ring_base(u32 bal, u32 bah)
{
	return phys_to_virt((phys_addr_t)fake_reg(bal) | (phys_addr_t)fake_reg(bah) << 32);
}

static void raise_cause(u32 cause)
{
	fake_reg_set(E1000_ICR, fake_reg(E1000_ICR) | cause);
}

bool stack_rx_desc(const u8 *data, size_t len, u16 desc_len, u8 status, u8 errors)
{
	struct e1000_rx_desc *ring = ring_base(E1000_RDBAL(0), E1000_RDBAH(0));
	u32 count = fake_reg(E1000_RDLEN(0)) / sizeof(*ring);
	u32 head = fake_reg(E1000_RDH(0)), tail = fake_reg(E1000_RDT(0));
	struct e1000_rx_desc *d;

	if (!adapter() || !(fake_reg(E1000_RCTL) & E1000_RCTL_EN) || !count || tail >= count)
		return false;
	if (head == tail) {	/* no buffer: the NIC counts a miss, raises RXO */
		raise_cause(E1000_ICR_RXO | (adapter()->irq_mode == E1000_IRQ_MSIX ?
					     E1000_ICR_OTHER : 0));
		return false;
	}
	d = &ring[head];
	/* The buffer is E1000_RXBUFFER_2048 bytes (RCTL.BSIZE): no more is DMA'd. */
	memcpy(phys_to_virt(d->buffer_addr), data, len < 2048 ? len : 2048);
	d->length = desc_len;
	d->csum = 0;
	d->errors = errors;
	d->special = 0;
	__atomic_store_n(&d->status, (u8)(status | E1000_RXD_STAT_DD), __ATOMIC_RELEASE);
	fake_reg_set(E1000_RDH(0), (head + 1) % count);
	raise_cause(E1000_ICR_RXT0 | E1000_ICR_RXQ0);
	return true;
}

static u16 get16(const u8 *p) { return (u16)(p[0] << 8 | p[1]); }
static void put16(u8 *p, u16 v) { p[0] = (u8)(v >> 8); p[1] = (u8)v; }

/* Where the L4 checksum sits for proto, or -1. */
static int csum_offset(u8 proto, size_t l4len)
{
	int off = proto == 6 ? 16 : proto == 17 ? 6 : (proto == 1 || proto == 58) ? 2 : -1;

	return off >= 0 && (size_t)off + 2 <= l4len ? off : -1;
}

/* Sets the TCP/UDP/ICMP checksum at its place in l4 (pseudo: the pseudo
 * header's sum; ICMPv4 has none). An IPv4 UDP datagram sent without a
 * checksum (0) stays without one. */
static void fix_l4(u8 *l4, size_t l4len, u8 proto, __wsum pseudo, bool v4)
{
	int off = csum_offset(proto, l4len);
	__sum16 c;

	if (off < 0 || (v4 && proto == 17 && !get16(l4 + off)))
		return;
	put16(l4 + off, 0);
	c = csum_fold(csum_partial(l4, (int)l4len, v4 && proto == 1 ? 0 : pseudo));
	memcpy(l4 + off, &c, 2);
	if (proto == 17 && !get16(l4 + off))
		put16(l4 + off, 0xffff);	/* RFC 768: a computed 0 is sent as all ones */
}

void stack_fix_checksums(u8 *f, size_t len)
{
	u16 type;

	if (len < 14)
		return;
	type = get16(f + 12);
	if (type == 0x0800 && len >= 34) {
		u8 *ip = f + 14;
		size_t ihl = (size_t)(ip[0] & 0xf) * 4, tot = get16(ip + 2);
		__be32 saddr, daddr;
		__sum16 c;

		if (ihl < 20 || 14 + ihl > len)
			return;
		put16(ip + 10, 0);
		c = ip_compute_csum(ip, (int)ihl);
		memcpy(ip + 10, &c, 2);
		if (tot > len - 14)
			tot = len - 14;
		if (tot <= ihl || (get16(ip + 6) & 0x3fff))	/* fragments are left alone */
			return;
		memcpy(&saddr, ip + 12, 4);
		memcpy(&daddr, ip + 16, 4);
		fix_l4(ip + ihl, tot - ihl, ip[9],
		       csum_tcpudp_nofold(saddr, daddr, (u32)(tot - ihl), ip[9], 0), true);
	} else if (type == 0x86dd && len >= 54) {
		u8 *ip = f + 14;
		size_t plen = get16(ip + 4);

		if (plen > len - 54)
			plen = len - 54;
		/* the pseudo header's folded sum, uncomplemented, starts the L4 sum */
		fix_l4(ip + 40, plen, ip[6],
		       (u16)~csum_ipv6_magic(ip + 8, ip + 24, (u32)plen, ip[6], 0), false);
	}
}

void stack_rx_frame(const u8 *data, size_t len)
{
	static u8 copy[65536];

	if (len > sizeof(copy))
		len = sizeof(copy);
	memcpy(copy, data, len);
	if (!(cur_cfg & STACK_CFG_RAW_CSUM))
		stack_fix_checksums(copy, len);
	/* The 82574 splits a frame over 2 KiB buffers, EOP on the last. */
	for (size_t off = 0; off < len || off == 0; off += 2048) {
		size_t n = len - off < 2048 ? len - off : 2048;
		bool last = off + n >= len;

		if (!stack_rx_desc(copy + off, n, (u16)n, last ? E1000_RXD_STAT_EOP : 0, 0))
			return;
		if (last)
			break;
	}
}

/* Hands each frame in [TDH, TDT) to stack_tx_hook, as the NIC reads them. */
static void observe_tx(void)
{
	static u8 frame[65536];
	struct e1000_data_desc *ring = ring_base(E1000_TDBAL(0), E1000_TDBAH(0));
	u32 count = fake_reg(E1000_TDLEN(0)) / sizeof(*ring);
	u32 head = fake_reg(E1000_TDH(0)), tail = fake_reg(E1000_TDT(0));
	size_t len = 0;

	if (!stack_tx_hook || !count || tail >= count)
		return;
	for (; head != tail; head = (head + 1) % count) {
		u32 lower = ring[head].lower;
		size_t n = lower & E1000_TXD_LEN_MASK;

		if ((lower & E1000_TXD_CMD_DEXT) && !(lower & (0xfu << 20)))
			continue;	/* a context descriptor: offsets, no data */
		if (len + n <= sizeof(frame))
			memcpy(frame + len, phys_to_virt(ring[head].buffer_addr), n);
		len = len + n <= sizeof(frame) ? len + n : sizeof(frame);
		if (lower & E1000_TXD_CMD_EOP) {
			stack_tx_hook(frame, len);
			len = 0;
		}
	}
}

static void complete_tx(void)
{
	unsigned int n;

	if (tx_held || fake_reg(E1000_TDH(0)) == fake_reg(E1000_TDT(0)))
		return;
	observe_tx();
	n = fake_e1000e_tx_complete();
	if (n) {
		stack_tx_frames += n;
		raise_cause(E1000_ICR_TXDW | E1000_ICR_TXQ0);
	}
}

void stack_hold_tx(bool hold)
{
	tx_held = hold;
}

static void fire(int irq)
{
	irq_enter();
	fake_e1000e_fire(irq);
	irq_exit();
}

/* Raises what the device would, as far as IMS lets it. */
static bool interrupt(struct e1000_adapter *a)
{
	u32 icr = fake_reg(E1000_ICR), ims = fake_reg(E1000_IMS);
	bool fired = false;

	switch (a->irq_mode) {
	case E1000_IRQ_POLL:
		if (a->up)
			a->poller.poll(a->poller.data);
		fake_reg_set(E1000_ICR, 0);
		return false;
	case E1000_IRQ_MSIX:
		/* EIAC: the RX/TX causes clear themselves when their message goes. */
		if (icr & ims & E1000_ICR_RXQ0) {
			fake_reg_set(E1000_ICR, fake_reg(E1000_ICR) & ~E1000_ICR_RXQ0);
			fire(a->irqs[E1000_VEC_RX]);
			fired = true;
		}
		if (icr & ims & E1000_ICR_TXQ0) {
			fake_reg_set(E1000_ICR, fake_reg(E1000_ICR) & ~E1000_ICR_TXQ0);
			fire(a->irqs[E1000_VEC_TX]);
			fired = true;
		}
		if (icr & ims & (E1000_ICR_LSC | E1000_ICR_RXO)) {
			fake_reg_set(E1000_ICR, fake_reg(E1000_ICR) | E1000_ICR_OTHER |
				     E1000_ICR_INT_ASSERTED);
			fire(a->irqs[E1000_VEC_OTHER]);
			fired = true;
		}
		return fired;
	default:
		if (!(icr & ims & ~(E1000_ICR_RXQ0 | E1000_ICR_TXQ0 | E1000_ICR_OTHER)))
			return false;
		fake_reg_set(E1000_ICR, icr | E1000_ICR_INT_ASSERTED);
		fire(a->irqs[0]);
		return true;
	}
}

void stack_deliver(void)
{
	struct e1000_adapter *a = adapter();

	if (!a)
		return;
	for (int round = 0; round < 64; round++) {
		bool busy;

		complete_tx();
		busy = interrupt(a);
		if (softirq_pending()) {
			run_deferred_softirqs();
			busy = true;
		}
		if (!busy && (tx_held || fake_reg(E1000_TDH(0)) == fake_reg(E1000_TDT(0))))
			return;
	}
}

void stack_link(bool up)
{
	u32 st = fake_reg(E1000_STATUS);

	fake_reg_set(E1000_STATUS, up ? st | E1000_STATUS_LU : st & ~E1000_STATUS_LU);
	fake_e1000e_phy[MII_BMSR] = up ? BMSR_LSTATUS : 0;
	raise_cause(E1000_ICR_LSC);
	stack_deliver();
}

/* ---- bringing the NIC up and taking it away ----------------------------- */

static void set_params(unsigned int cfg)
{
	static const char *const irq[] = { "msix", "msi", "intx", "poll" };
	char line[256];

	snprintf(line, sizeof(line),
		 /* The fake NIC sends what its descriptors say and cannot cut a TSO
		  * job: large segments are cut by net/core/gso.c instead, which so
		  * runs on every segment lwIP builds here. */
		 "e1000e.tso=0 nicstack.gso=on "
		 "e1000e.irq=%s e1000e.napi=%d nicstack.copybreak=%d ip=%s gw=192.0.2.1 ip6=%s",
		 irq[(cfg & STACK_CFG_IRQ_MASK) >> STACK_CFG_IRQ_SHIFT],
		 !(cfg & STACK_CFG_LEGACY), (cfg & STACK_CFG_COPYBREAK0) ? 0 : 256,
		 (cfg & STACK_CFG_DHCP) ? "dhcp" : "192.0.2.2/24",
		 (cfg & STACK_CFG_IP6) ? "2001:db8::2/64" : "none");
	parse_args(line);	/* "dhcp" and "none" are refused: no static address */
}

static void up(unsigned int cfg, bool set)
{
	static const struct pci_device_id id = { PCI_DEVICE(E1000_VENDOR_ID_INTEL,
							     E1000_DEV_ID_82574L) };
	unsigned int pool = (cfg & STACK_CFG_SMALL_POOL) ? POOL_SMALL : POOL_NORMAL;

	FUZZ_CHECK(!adapter(), "stack_up twice");
	cur_cfg = cfg;
	tx_held = false;
	stack_tx_frames = 0;
	if (pool != cur_pool) {
		FUZZ_CHECK(skb_pool_init(pool) == 0, "skb pool of %u", pool);
		cur_pool = pool;
	}
	if (set) {
		fuzz_console_clear();
		set_params(cfg);
		e1000e_rx_ring = RING;
		e1000e_tx_ring = RING;
	}
	fake_e1000e_reset();
	FUZZ_CHECK(fake_e1000e_driver->probe(&fake_e1000e_pdev, &id) == 0, "probe failed");
	FUZZ_CHECK(adapter() && adapter()->up, "the glue did not open eth0");
	stack_deliver();
}

void stack_up(unsigned int cfg)
{
	up(cfg, true);
}

void stack_up_as_configured(unsigned int cfg)
{
	up(cfg, false);
}

/* ---- frames from the host ----------------------------------------------- */

size_t stack_arp_request(u8 *f)
{
	static const u8 req[] = { 0, 1, 8, 0, 6, 4, 0, 1 };

	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, stack_host_mac, 6);
	put16(f + 12, 0x0806);
	memcpy(f + 14, req, sizeof(req));
	memcpy(f + 22, stack_host_mac, 6);
	memcpy(f + 28, stack_host_ip, 4);
	memcpy(f + 38, stack_ip, 4);
	return 60;
}

size_t stack_tcp_frame(u8 *f, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
		       u16 win, const void *data, size_t dlen)
{
	u8 *ip = f + 14, *t = f + 34;

	memcpy(f, stack_mac, 6);
	memcpy(f + 6, stack_host_mac, 6);
	put16(f + 12, 0x0800);
	memset(ip, 0, 40);
	ip[0] = 0x45;
	put16(ip + 2, (u16)(40 + dlen));
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, stack_host_ip, 4);
	memcpy(ip + 16, stack_ip, 4);
	put16(t, sport);
	put16(t + 2, dport);
	put16(t + 4, (u16)(seq >> 16));
	put16(t + 6, (u16)seq);
	put16(t + 8, (u16)(ack >> 16));
	put16(t + 10, (u16)ack);
	t[12] = 5 << 4;
	t[13] = flags;
	put16(t + 14, win);
	if (dlen)
		memcpy(t + 20, data, dlen);
	stack_fix_checksums(f, 54 + dlen);
	return 54 + dlen;
}

static bool at_baseline(char *why, size_t size)
{
	struct skb_pool_stats st;

	skb_pool_get_stats(&st);
	if (st.in_use || st.bad_frees) {
		snprintf(why, size, "skb pool: %u in use, %llu bad frees", st.in_use,
			 (unsigned long long)st.bad_frees);
		return false;
	}
	if (nicstack_glue_rx_held()) {
		snprintf(why, size, "the glue says lwIP holds %u skbs", nicstack_glue_rx_held());
		return false;
	}
	for (int i = 0; i < MEMP_MAX; i++)
		if (lwip_stats.memp[i]->used != baseline.memp[i]) {
			snprintf(why, size, "lwIP pool %s: %u used, %u at start",
				 lwip_stats.memp[i]->name, (unsigned int)lwip_stats.memp[i]->used,
				 baseline.memp[i]);
			return false;
		}
	if (lwip_stats.mem.used != baseline.mem) {
		snprintf(why, size, "lwIP heap: %lu bytes used, %lu at start",
			 (unsigned long)lwip_stats.mem.used, (unsigned long)baseline.mem);
		return false;
	}
	if (netcore_kmalloc_live != baseline.kmalloc_live) {
		snprintf(why, size, "kmalloc: %lu live, %lu at start", netcore_kmalloc_live,
			 baseline.kmalloc_live);
		return false;
	}
	return true;
}

/* Longest lwIP keeps anything of a netif gone: IPv6 reassembly (60 s),
 * ARP/ND entries, a TIME_WAIT pcb if one were left (2 x 60 s); plus margin. */
#define DRAIN_MS	(200 * 1000)

void stack_down(void)
{
	char why[160];
	unsigned int waited = 0;

	stack_hold_tx(false);
	stack_deliver();
	fake_e1000e_driver->remove(&fake_e1000e_pdev);
	FUZZ_CHECK(!adapter(), "remove left the adapter");
	FUZZ_CHECK(fake_e1000e_dma_live == 0 && fake_e1000e_iomap_live == 0 &&
		   fake_e1000e_irqs_live == 0 && !busy_poll_active(),
		   "remove left dma %d iomap %d irqs %d busy poller %d", fake_e1000e_dma_live,
		   fake_e1000e_iomap_live, fake_e1000e_irqs_live, busy_poll_active());
	run_deferred_softirqs();
	/* TIME_WAIT lasts 2 x 60 s of lwIP's timers and holds nothing but its
	 * pcb: ended here, the drain below is short for most inputs. */
	local_bh_disable();
	while (tcp_tw_pcbs)
		tcp_abort(tcp_tw_pcbs);
	local_bh_enable();
	/* Coarse steps: nothing but lwIP's timers runs now. */
	while (!at_baseline(why, sizeof(why)) && waited < DRAIN_MS) {
		tick(250);
		waited += 250;
	}
	if (!at_baseline(why, sizeof(why)))
		fuzz_fail(__FILE__, __LINE__, "leak after the NIC went and %u s passed: %s",
			  DRAIN_MS / 1000, why);
}

void stack_init(void)
{
	fuzz_console_init();
	softirq_reset_for_test();
	timer_reset_for_test();
	panic_reset_for_test();
	timers_init();
	fake_irqs_off = false;
	fake_now_ns = 1000000000ull;
	FUZZ_CHECK(skb_pool_init(POOL_NORMAL) == 0, "skb pool");
	cur_pool = POOL_NORMAL;
	softnet_init();
	fake_e1000e_reset();
	FUZZ_CHECK(fake_e1000e_run_module_init() == 0 && fake_e1000e_driver, "e1000e init");

	FUZZ_CHECK(nicstack_lwip_init() == 0, "lwIP init");
	FUZZ_CHECK(nicstack_glue_init() == 0, "glue init");
	local_bh_disable();
	FUZZ_CHECK(echo_start() == 0, "echo");
	FUZZ_CHECK(http_start() == 0, "http");
	FUZZ_CHECK(iperf_start() == 0, "iperf");
	local_bh_enable();

	/* Quiet rounds, so what a first use allocates for good (timers, the
	 * MLD/IGMP state of the groups every netif joins) is in the baseline;
	 * then one round checked against it. */
	for (int round = 0; round < 2; round++) {
		stack_up(0);
		stack_advance_ms(3000);
		fake_e1000e_driver->remove(&fake_e1000e_pdev);
		for (unsigned int t = 0; t < DRAIN_MS; t += 250)
			tick(250);
	}
	for (int i = 0; i < MEMP_MAX; i++)
		baseline.memp[i] = lwip_stats.memp[i]->used;
	baseline.mem = lwip_stats.mem.used;
	baseline.kmalloc_live = netcore_kmalloc_live;
	stack_up(0);
	stack_advance_ms(3000);
	stack_down();
}
