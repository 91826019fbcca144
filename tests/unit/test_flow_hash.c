/*
 * net/core/flow_hash.c: the software flow hash skb_get_hash() computes when
 * the NIC gave none. A flow (addresses, protocol, ports) always hashes the
 * same; changing any part of it changes the hash; fragments, packets that
 * are not IP and truncated headers get what the file's comment promises.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <net/core/ethernet.h>
#include <net/core/skbuff.h>
#include "panic_fake.h"
#include "netcore_fake.h"

#define TCP 6
#define UDP 17

struct flow {
	bool v6, vlan;
	u8 proto;
	u8 saddr, daddr;	/* the last byte of each address */
	u16 sport, dport;
	u16 frag_off;		/* IPv4: MF and offset */
};

/* An Ethernet frame of the flow, data at the Ethernet header as on transmit. */
static struct sk_buff *frame(const struct flow *f, unsigned int cut)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	u8 *p = skb_put(skb, 100), *ip;
	unsigned int l4;

	memset(p, 0, 100);
	p[12] = f->vlan ? 0x81 : (f->v6 ? 0x86 : 0x08);
	p[13] = f->vlan ? 0x00 : (f->v6 ? 0xDD : 0x00);
	ip = p + ETH_HLEN;
	if (f->vlan) {
		ip[2] = f->v6 ? 0x86 : 0x08;
		ip[3] = f->v6 ? 0xDD : 0x00;
		ip += 4;
	}
	if (f->v6) {
		ip[0] = 0x60;
		ip[6] = f->proto;
		ip[8 + 15] = f->saddr;
		ip[24 + 15] = f->daddr;
		l4 = 40;
	} else {
		ip[0] = 0x45;
		ip[6] = (u8)(f->frag_off >> 8);
		ip[7] = (u8)f->frag_off;
		ip[9] = f->proto;
		ip[12] = 10;
		ip[15] = f->saddr;
		ip[16] = 10;
		ip[19] = f->daddr;
		l4 = 20;
	}
	ip[l4] = (u8)(f->sport >> 8);
	ip[l4 + 1] = (u8)f->sport;
	ip[l4 + 2] = (u8)(f->dport >> 8);
	ip[l4 + 3] = (u8)f->dport;
	if (cut)
		skb_trim(skb, cut);
	return skb;
}

static u32 hash_of(const struct flow *f, bool *l4)
{
	struct sk_buff *skb = frame(f, 0);
	u32 h = skb_get_hash(skb);

	assert_true(skb->sw_hash || !h);
	if (l4)
		*l4 = skb->l4_hash;
	consume_skb(skb);
	return h;
}

static int setup(void **state)
{
	netcore_test_reset(64);
	return 0;
}

static void test_a_flow_hashes_the_same_and_each_field_counts(void **state)
{
	struct flow base = { .proto = TCP, .saddr = 1, .daddr = 2, .sport = 40000, .dport = 7 };
	struct flow f;
	bool l4;
	u32 h = hash_of(&base, &l4);

	assert_int_not_equal(h, 0);
	assert_true(l4);
	assert_int_equal(hash_of(&base, NULL), h);
	f = base; f.sport++;
	assert_int_not_equal(hash_of(&f, NULL), h);
	f = base; f.dport++;
	assert_int_not_equal(hash_of(&f, NULL), h);
	f = base; f.saddr++;
	assert_int_not_equal(hash_of(&f, NULL), h);
	f = base; f.daddr++;
	assert_int_not_equal(hash_of(&f, NULL), h);
	f = base; f.proto = UDP;
	assert_int_not_equal(hash_of(&f, NULL), h);
	/* IPv6 and a VLAN tag: the same kind of flow, hashed through them. */
	f = base; f.v6 = true;
	h = hash_of(&f, &l4);
	assert_int_not_equal(h, 0);
	assert_true(l4);
	f.sport++;
	assert_int_not_equal(hash_of(&f, NULL), h);
	f = base; f.v6 = true; f.daddr++;
	assert_int_not_equal(hash_of(&f, NULL), h);
	h = hash_of(&base, NULL);
	f = base; f.vlan = true;
	assert_int_equal(hash_of(&f, NULL), h);	/* the tag is not part of the flow */
}

/* A thousand flows differing only in the source port spread over 4 queues. */
static void test_ports_spread_over_queues(void **state)
{
	unsigned int per_queue[4] = { 0 };

	for (u16 port = 1000; port < 2000; port++) {
		struct flow f = { .proto = UDP, .saddr = 1, .daddr = 2, .sport = port, .dport = 7 };

		per_queue[(u32)(((u64)hash_of(&f, NULL) * 4) >> 32)]++;
	}
	for (int q = 0; q < 4; q++)
		assert_in_range(per_queue[q], 180, 320);	/* 250 each when even */
}

/* Fragments of one datagram hash alike whatever their payload, and claim no ports. */
static void test_fragments_hash_the_addresses_only(void **state)
{
	struct flow first = { .proto = UDP, .saddr = 1, .daddr = 2, .sport = 5, .dport = 6,
			      .frag_off = 0x2000 /* MF */ };
	struct flow later = first;
	bool l4;
	u32 h = hash_of(&first, &l4);

	assert_false(l4);
	later.frag_off = 0x00B9;		/* the last one: offset, no MF */
	later.sport = 0x1234;			/* payload bytes, not ports */
	assert_int_equal(hash_of(&later, NULL), h);
}

/* No flow to keep together: 0, and asking again finds 0 again. */
static void test_not_ip_or_truncated_gives_no_hash(void **state)
{
	struct flow f = { .proto = TCP, .saddr = 1, .daddr = 2, .sport = 1, .dport = 2 };
	struct sk_buff *skb = frame(&f, 0);

	skb->data[12] = 0x08;
	skb->data[13] = 0x06;			/* ARP */
	assert_int_equal(skb_get_hash(skb), 0);
	assert_false(skb->sw_hash || skb->l4_hash);
	consume_skb(skb);

	skb = frame(&f, ETH_HLEN + 19);		/* IPv4 header cut short */
	assert_int_equal(skb_get_hash(skb), 0);
	consume_skb(skb);
	skb = frame(&f, ETH_HLEN + 20 + 2);	/* ports cut short: addresses only */
	assert_int_not_equal(skb_get_hash(skb), 0);
	assert_false(skb->l4_hash);
	consume_skb(skb);
	skb = frame(&f, 0);
	skb->data[ETH_HLEN] = 0x44;		/* IHL 4: no valid header */
	assert_int_equal(skb_get_hash(skb), 0);
	consume_skb(skb);
}

/* The NIC's hash wins: software never overwrites it. */
static void test_device_hash_is_kept(void **state)
{
	struct flow f = { .proto = TCP, .saddr = 1, .daddr = 2, .sport = 1, .dport = 2 };
	struct sk_buff *skb = frame(&f, 0);

	skb_set_hash(skb, 0xabcd, PKT_HASH_TYPE_L4);
	assert_int_equal(skb_get_hash(skb), 0xabcd);
	assert_false(skb->sw_hash);
	consume_skb(skb);
}

/* On receive the headers were pulled: the hash starts at the MAC header. */
static void test_receive_side_uses_the_mac_header(void **state)
{
	struct flow f = { .proto = TCP, .saddr = 1, .daddr = 2, .sport = 1, .dport = 2 };
	u32 h = hash_of(&f, NULL);
	struct sk_buff *skb = frame(&f, 0);

	skb->mac_header = (u16)(skb->data - skb->head);
	skb_pull(skb, ETH_HLEN);
	assert_int_equal(skb_get_hash(skb), h);
	consume_skb(skb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_a_flow_hashes_the_same_and_each_field_counts, setup),
		cmocka_unit_test_setup(test_ports_spread_over_queues, setup),
		cmocka_unit_test_setup(test_fragments_hash_the_addresses_only, setup),
		cmocka_unit_test_setup(test_not_ip_or_truncated_gives_no_hash, setup),
		cmocka_unit_test_setup(test_device_hash_is_kept, setup),
		cmocka_unit_test_setup(test_receive_side_uses_the_mac_header, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
