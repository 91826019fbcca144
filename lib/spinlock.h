/*
 * Spinlocks. One CPU today, so the lock word only catches recursion bugs;
 * the irqsave forms are what really exclude the top half. Code takes them as
 * if a second CPU existed, so adding one is not a rewrite.
 */
#ifndef LIB_SPINLOCK_H
#define LIB_SPINLOCK_H

#include <lib/types.h>
#include <arch/x86_64/irqflags.h>

typedef struct {
	volatile int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED

void spin_lock_bug(spinlock_t *lock, const char *why);	/* lib/panic.c */

static inline void spin_lock_init(spinlock_t *lock) { lock->locked = 0; }

static inline void spin_lock(spinlock_t *lock)
{
	if (lock->locked)
		spin_lock_bug(lock, "recursive lock");
	lock->locked = 1;
	barrier();
}

static inline void spin_unlock(spinlock_t *lock)
{
	barrier();
	if (!lock->locked)
		spin_lock_bug(lock, "unlock of unlocked lock");
	lock->locked = 0;
}

#define spin_lock_irqsave(lock, flags)	\
	do { local_irq_save(flags); spin_lock(lock); } while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

#endif
