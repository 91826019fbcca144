/*
 * The console: a 16550A UART on COM1 (0x3F8), 115200 8N1. Output is polled
 * (it must work in a panic, with interrupts off); input arrives by interrupt
 * (ISA IRQ 4 through the IOAPIC) into the console input queue (tty_input.c),
 * which the idle loop drains into the shell.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <lib/initcall.h>
#include <lib/printk.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <drivers/tty/serial.h>
#include <drivers/tty/tty_input.h>

#define COM1		0x3F8
#define COM1_ISA_IRQ	4
#define UART_RBR	0	/* receive buffer (DLAB=0) */
#define UART_THR	0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor low (DLAB=1) */
#define UART_IER	1
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_SCR	7
#define IER_RDI		0x01	/* received-data interrupt */
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE_CLEAR 0x07	/* FIFO on, both cleared, trigger at 1 byte */
#define MCR_DTR_RTS_OUT2 0x0B	/* OUT2 gates the UART's IRQ line on PCs */
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define UART_BASE_BAUD	115200	/* the 1.8432 MHz clock / 16 */

static bool uart_present;
static u64 rx_overruns;

static void serial_putc(char c)
{
	/* Bounded: a missing or wedged UART must not hang printk (or a panic). */
	for (int spins = 0; spins < 100000 && !(inb(COM1 + UART_LSR) & LSR_THRE); spins++)
		cpu_relax();
	outb(c, COM1 + UART_THR);
}

static void serial_console_write(struct console *con, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static void serial_set_divisor(unsigned int divisor)
{
	outb(LCR_DLAB, COM1 + UART_LCR);
	outb(divisor & 0xFF, COM1 + UART_DLL);
	outb(divisor >> 8, COM1 + UART_DLM);
	outb(LCR_8N1, COM1 + UART_LCR);
}

/* console=ttyS0,BAUD[n8]: 8N1 is all we speak, at 115200 / divisor. */
static int serial_console_setup(struct console *con, const char *options)
{
	unsigned int baud = 0;
	const char *p = options;

	for (; *p >= '0' && *p <= '9' && baud <= UART_BASE_BAUD; p++)
		baud = baud * 10 + (unsigned int)(*p - '0');
	if (*p && strcmp(p, "n8"))
		return -EINVAL;
	if (!baud || baud > UART_BASE_BAUD || UART_BASE_BAUD % baud)
		return -EINVAL;
	serial_set_divisor(UART_BASE_BAUD / baud);
	return 0;
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
	.setup = serial_console_setup,
};

void serial_early_init(void)
{
	/* The scratch register reads back what we wrote only if a UART is there. */
	outb(0x5A, COM1 + UART_SCR);
	uart_present = inb(COM1 + UART_SCR) == 0x5A;
	if (!uart_present)
		return;
	outb(0x00, COM1 + UART_IER);
	serial_set_divisor(UART_BASE_BAUD / 115200);
	outb(FCR_ENABLE_CLEAR, COM1 + UART_FCR);
	outb(MCR_DTR_RTS_OUT2, COM1 + UART_MCR);
	register_console(&serial_console);
}

static irqreturn_t serial_interrupt(int irq, void *dev_id)
{
	irqreturn_t ret = IRQ_NONE;

	while (inb(COM1 + UART_LSR) & LSR_DR) {
		char c = inb(COM1 + UART_RBR);

		ret = IRQ_HANDLED;
		if (!tty_insert_flip_char(c))
			rx_overruns++;	/* the shell is behind: drop, counted */
	}
	return ret;
}

static int serial_irq_init(void)
{
	int trigger, polarity, irq;
	u32 gsi;

	if (!uart_present) {
		pr_warn("serial: no UART at COM1; no console input\n");
		return 0;
	}
	gsi = irq_isa_to_gsi(COM1_ISA_IRQ, &trigger, &polarity);
	irq = irq_setup_gsi(gsi, trigger, polarity);
	if (irq < 0)
		return irq;
	if (request_irq(irq, serial_interrupt, 0, "ttyS0", &serial_console))
		return -1;
	outb(IER_RDI, COM1 + UART_IER);
	serial_interrupt(irq, NULL);	/* drain what arrived before the IRQ was live */
	return 0;
}
device_initcall(serial_irq_init);
