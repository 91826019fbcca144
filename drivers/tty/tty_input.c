/*
 * Console input queue (see tty_input.h). Devices push from hard IRQ, the idle
 * loop pops, so both sides take the lock with interrupts off; once a second
 * CPU takes interrupts the lock is what keeps a sequence whole.
 */
#include <lib/spinlock.h>
#include <drivers/tty/tty_input.h>

/* Power of two; bigger than a line the shell takes, since a paste arrives at once. */
#define TTY_INPUT_SIZE	1024

static char queue[TTY_INPUT_SIZE];
static unsigned int head, tail;		/* free-running; masked on use */
static DEFINE_SPINLOCK(queue_lock);

bool tty_insert_flip_string(const char *s, size_t len)
{
	unsigned long flags;
	bool room;

	spin_lock_irqsave(&queue_lock, flags);
	room = len <= TTY_INPUT_SIZE - (head - tail);
	if (room) {
		for (size_t i = 0; i < len; i++)
			queue[head++ % TTY_INPUT_SIZE] = s[i];
	}
	spin_unlock_irqrestore(&queue_lock, flags);
	return room;
}

int tty_getc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&queue_lock, flags);
	if (tail != head)
		c = (unsigned char)queue[tail++ % TTY_INPUT_SIZE];
	spin_unlock_irqrestore(&queue_lock, flags);
	return c;
}

bool tty_input_pending(void)
{
	return READ_ONCE(head) != READ_ONCE(tail);
}
