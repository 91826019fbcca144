/*
 * Moving an skb's edges. Each check guards the buffer: writing past end would
 * overwrite the shared info (and the allocator's next object), writing before
 * head the previous object. Either is a bug in the caller, so it is reported
 * with everything needed to find it, and the kernel stops (Linux does the same).
 */
#include <net/core/skbuff.h>
#include <net/core/netdevice.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include <lib/string.h>

static __noreturn void skb_panic(struct sk_buff *skb, unsigned int sz, void *addr,
				 const char *msg)
{
	pr_emerg("%s: text:%pS len:%u put:%u head:%p data:%p tail:%#lx end:%#lx dev:%s\n",
		 msg, addr, skb->len, sz, skb->head, skb->data,
		 (unsigned long)(skb->tail - skb->head),
		 (unsigned long)(skb->end - skb->head),
		 skb->dev ? skb->dev->name : "<NULL>");
	panic("%s", msg);
}

__noreturn void skb_over_panic(struct sk_buff *skb, unsigned int sz, void *addr)
{
	skb_panic(skb, sz, addr, "skb_over_panic");
}

__noreturn void skb_under_panic(struct sk_buff *skb, unsigned int sz, void *addr)
{
	skb_panic(skb, sz, addr, "skb_under_panic");
}

/* Appends len bytes to the linear part; returns where they go. */
u8 *skb_put(struct sk_buff *skb, unsigned int len)
{
	/* LAB skb: BEGIN return skb->tail */
	/* LAB skb: HINT the new bytes start at the old tail; a nonlinear skb or one without len bytes of tailroom is a caller bug: skb_over_panic() */
	u8 *tmp = skb->tail;

	if (unlikely(skb_is_nonlinear(skb) || len > (unsigned int)(skb->end - skb->tail)))
		skb_over_panic(skb, len, __builtin_return_address(0));
	skb->tail += len;
	skb->len += len;
	return tmp;
	/* LAB skb: END */
}

u8 *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	u8 *tmp;

	if (unlikely(skb_is_nonlinear(skb) || len > (unsigned int)(skb->end - skb->tail)))
		skb_over_panic(skb, len, __builtin_return_address(0));
	tmp = skb_put(skb, len);
	memcpy(tmp, data, len);
	return tmp;
}

/* Prepends len bytes (a header) in the headroom. */
u8 *skb_push(struct sk_buff *skb, unsigned int len)
{
	/* LAB skb: BEGIN return skb->data */
	/* LAB skb: HINT data moves back into the headroom, [head, data); not enough of it is skb_under_panic() */
	/* (The room is counted here, not with skb_headroom(), so push is graded on its own.) */
	if (unlikely(len > (unsigned int)(skb->data - skb->head)))
		skb_under_panic(skb, len, __builtin_return_address(0));
	skb->data -= len;
	skb->len += len;
	return skb->data;
	/* LAB skb: END */
}

/* Strips len bytes (a parsed header); NULL leaves the skb alone. */
u8 *skb_pull(struct sk_buff *skb, unsigned int len)
{
	/* LAB skb: BEGIN return NULL */
	/* LAB skb: HINT only the linear part (skb_headlen()) can be pulled; asking for more is not a bug here, the caller gets NULL */
	if (len > skb_headlen(skb))
		return NULL;
	skb->data += len;
	skb->len -= len;
	return skb->data;
	/* LAB skb: END */
}

/* Makes headroom in an empty skb, before anything is put into it. */
void skb_reserve(struct sk_buff *skb, unsigned int len)
{
	/* LAB skb: BEGIN return */
	/* LAB skb: HINT an empty skb: data and tail move together, and len stays 0 */
	if (unlikely(skb->len || len > (unsigned int)(skb->end - skb->tail)))
		skb_over_panic(skb, len, __builtin_return_address(0));
	skb->data += len;
	skb->tail += len;
	/* LAB skb: END */
}

/*
 * Cuts the packet to len bytes (drops Ethernet padding or a trailing FCS).
 * Frags past the cut are forgotten; their owner still gets them back
 * through frag_release when the data is freed.
 */
void skb_trim(struct sk_buff *skb, unsigned int len)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int headlen = skb_headlen(skb), pos, i;

	if (len >= skb->len)
		return;
	if (skb_cloned(skb) && skb_is_nonlinear(skb)) {
		/* The frag table is shared with the clone: cutting it would cut both. */
		pr_err("skb_trim of a cloned nonlinear skb refused (from %pS)\n",
		       __builtin_return_address(0));
		return;
	}
	if (len <= headlen) {
		skb->tail = skb->data + len;
		skb->data_len = 0;
		skb->len = len;
		shinfo->nr_frags = 0;
		return;
	}
	pos = headlen;
	for (i = 0; i < shinfo->nr_frags; i++) {
		if (pos + shinfo->frags[i].len >= len) {
			shinfo->frags[i].len = len - pos;
			shinfo->nr_frags = (u8)(i + 1);
			break;
		}
		pos += shinfo->frags[i].len;
	}
	skb->data_len = len - headlen;
	skb->len = len;
}
