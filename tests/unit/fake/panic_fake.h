/*
 * Catching panics in host tests. arch_halt_on_panic() (panic_fake.c) jumps
 * back to the EXPECT_PANIC() that armed it, so a test can prove that a double
 * free really stops the kernel, and with which message. Every console line
 * is also kept in fake_console_buf for tests that check printed output.
 */
#ifndef TESTS_UNIT_FAKE_PANIC_FAKE_H
#define TESTS_UNIT_FAKE_PANIC_FAKE_H

#include <setjmp.h>
#include <string.h>
#include <lib/types.h>

#define FAKE_CONSOLE_SIZE 65536

extern jmp_buf *fake_panic_jmp;
extern unsigned int fake_panic_count;		/* arch_halt_on_panic() calls */
extern unsigned int fake_dump_stack_count;	/* arch_dump_stack() calls */
extern void (*fake_dump_stack_hook)(void);	/* run inside arch_dump_stack() */
extern bool fake_irqs_off_at_halt;		/* IRQ state seen by the last halt */
extern char fake_console_buf[FAKE_CONSOLE_SIZE];
extern bool fake_irqs_off;

/* Registers the capturing console (once) and empties the buffer. */
void fake_console_reset(void);
bool fake_console_has(const char *needle);

/* lib/panic.c, HOST_TEST only. */
void panic_reset_for_test(void);
unsigned long warn_count_for_test(void);

/*
 * Runs 'stmt' and fails the test unless it panics with a message containing
 * 'needle'. Afterwards the panic guard is re-armed and IRQs are "on" again.
 */
#define EXPECT_PANIC(stmt, needle)						\
	do {									\
		jmp_buf __jb;							\
		unsigned int __before = fake_panic_count;			\
		fake_console_reset();						\
		fake_panic_jmp = &__jb;						\
		if (setjmp(__jb) == 0) {					\
			stmt;							\
			fake_panic_jmp = NULL;					\
			fail_msg("no panic from: %s", #stmt);			\
		}								\
		fake_panic_jmp = NULL;						\
		panic_reset_for_test();						\
		fake_irqs_off = false;						\
		assert_int_equal(fake_panic_count, __before + 1);		\
		if (!fake_console_has(needle))					\
			fail_msg("panic message lacks \"%s\":\n%s", needle,	\
				 fake_console_buf);				\
	} while (0)

#endif
