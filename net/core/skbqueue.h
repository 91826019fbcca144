/*
 * struct sk_buff_head: a counted FIFO of skbs with its own lock. The lock is
 * taken with interrupts off, because the top half (netif_rx) and a softirq
 * may both touch the same queue. The __ forms are for callers that already
 * hold the lock or own the queue outright.
 */
#ifndef NET_CORE_SKBQUEUE_H
#define NET_CORE_SKBQUEUE_H

#include <lib/types.h>
#include <lib/spinlock.h>
#include <net/core/skbuff.h>

struct sk_buff_head {
	struct sk_buff *next;	/* first, or NULL */
	struct sk_buff *prev;	/* last, or NULL */
	u32 qlen;
	spinlock_t lock;
};

static inline void __skb_queue_head_init(struct sk_buff_head *list)
{
	list->next = list->prev = NULL;
	list->qlen = 0;
}

static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	spin_lock_init(&list->lock);
	__skb_queue_head_init(list);
}

static inline u32 skb_queue_len(const struct sk_buff_head *list) { return READ_ONCE(list->qlen); }
static inline bool skb_queue_empty(const struct sk_buff_head *list) { return list->next == NULL; }
static inline struct sk_buff *skb_peek(const struct sk_buff_head *list) { return list->next; }
static inline struct sk_buff *skb_peek_tail(const struct sk_buff_head *list) { return list->prev; }

void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
void __skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *__skb_dequeue(struct sk_buff_head *list);
void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
/* Moves everything from list to the tail of head; list ends up empty. */
void __skb_queue_splice_tail_init(struct sk_buff_head *list, struct sk_buff_head *head);
void __skb_queue_purge(struct sk_buff_head *list);

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
void skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *skb_dequeue(struct sk_buff_head *list);
void skb_queue_purge(struct sk_buff_head *list);	/* frees all: counted drops */

#define skb_queue_walk_safe(queue, skb, tmp)				\
	for (skb = (queue)->next, tmp = skb ? skb->next : NULL; skb;	\
	     skb = tmp, tmp = skb ? skb->next : NULL)

#endif
