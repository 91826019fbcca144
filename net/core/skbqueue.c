/* sk_buff_head operations: a NULL-terminated doubly linked list plus qlen. */
#include <net/core/skbqueue.h>

void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	skb->next = NULL;
	skb->prev = list->prev;
	if (list->prev)
		list->prev->next = skb;
	else
		list->next = skb;
	list->prev = skb;
	list->qlen++;
}

void __skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb)
{
	skb->prev = NULL;
	skb->next = list->next;
	if (list->next)
		list->next->prev = skb;
	else
		list->prev = skb;
	list->next = skb;
	list->qlen++;
}

void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	if (skb->prev)
		skb->prev->next = skb->next;
	else
		list->next = skb->next;
	if (skb->next)
		skb->next->prev = skb->prev;
	else
		list->prev = skb->prev;
	skb->next = skb->prev = NULL;
	list->qlen--;
}

struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

void __skb_queue_splice_tail_init(struct sk_buff_head *list, struct sk_buff_head *head)
{
	if (!list->next)
		return;
	list->next->prev = head->prev;
	if (head->prev)
		head->prev->next = list->next;
	else
		head->next = list->next;
	head->prev = list->prev;
	head->qlen += list->qlen;
	__skb_queue_head_init(list);
}

void __skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_tail(list, skb);
	spin_unlock_irqrestore(&list->lock, flags);
}

void skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_head(list, skb);
	spin_unlock_irqrestore(&list->lock, flags);
}

struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	skb = __skb_dequeue(list);
	spin_unlock_irqrestore(&list->lock, flags);
	return skb;
}

/* Frees outside the lock: a destructor may want to queue something. */
void skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}
