/*
 * The whole receive path on the host, for the fuzz targets that talk to the
 * network stack (rx_frame, http_request, shell_line, boot_params): the real
 * e1000e driver over the fake 82574 register file and descriptor rings
 * (tests/unit/fake/e1000e_fake.c), the real net core and lib (softirqs,
 * kernel timers, NAPI), the lwIP glue, the real lwIP with our patches and
 * the services (echo, http, iperf), all started once.
 *
 * Per input the device is probed and opened (the glue attaches lwIP to it
 * and brings it up), frames are written into RX descriptors as the NIC
 * would and delivered through the interrupt handler and NAPI, time moves
 * by hand, and at the end the device is removed and time runs on until
 * the skb pool, lwIP's pools and heap and the kmalloc count are back at
 * the baseline taken at start: anything left over is a leak (a crash).
 */
#ifndef TESTS_FUZZ_FUZZ_STACK_H
#define TESTS_FUZZ_FUZZ_STACK_H

#include <lib/types.h>

/* Per-input configuration, one byte (docs/fuzzing.md). */
#define STACK_CFG_DHCP		0x01	/* no ip=: DHCP client on eth0 */
#define STACK_CFG_COPYBREAK0	0x02	/* nicstack.copybreak=0: every frame wrapped */
#define STACK_CFG_IRQ_SHIFT	2	/* 0 msix, 1 msi, 2 intx, 3 poll */
#define STACK_CFG_IRQ_MASK	0x0c
#define STACK_CFG_LEGACY	0x10	/* e1000e.napi=0: the top half drains into netif_rx() */
#define STACK_CFG_RAW_CSUM	0x20	/* checksums as given, not fixed up */
#define STACK_CFG_IP6		0x40	/* ip6=2001:db8::2/64 as well */
#define STACK_CFG_SMALL_POOL	0x80	/* skb pool of 112: lwIP may hold none */

/* The addresses the stack has: MAC 52:54:00:12:34:56, 192.0.2.2/24 gw .1. */
extern const u8 stack_mac[6], stack_ip[4];

/* Once, from LLVMFuzzerInitialize(). */
void stack_init(void);

/* Probes and opens the NIC with cfg (STACK_CFG_*). */
void stack_up(unsigned int cfg);
/* The same with the boot parameters as they are (boot_params sets them):
 * only the skb pool and the checksum fix-up come from cfg. */
void stack_up_as_configured(unsigned int cfg);

/*
 * The NIC receives a frame: the next RX descriptor the driver gave it gets
 * the data (at most one 2 KiB buffer's worth), desc_len as its length and
 * the status and error bytes (DD is always set). False when the ring has
 * no free descriptor (the NIC would count a miss). With fix_csum the IPv4
 * header checksum and the TCP/UDP/ICMP(v6) checksums are made right first.
 */
bool stack_rx_desc(const u8 *data, size_t len, u16 desc_len, u8 status, u8 errors);
/* A frame as the NIC writes it: EOP on the last of as many 2 KiB buffers as it takes. */
void stack_rx_frame(const u8 *data, size_t len);
/* The checksum fix-up stack_rx_frame() applies unless STACK_CFG_RAW_CSUM. */
void stack_fix_checksums(u8 *frame, size_t len);

/* Interrupt (or the idle poller), softirqs, TX completion, until quiet. */
void stack_deliver(void);
/* Link down or up, as the PHY reports it (LSC interrupt). */
void stack_link(bool up);
/* Time moves on: jiffies, kernel timers (the lwIP timer among them). */
void stack_advance_ms(unsigned int ms);
/* TX completions held back (true) or given as usual (false). */
void stack_hold_tx(bool hold);

/* Removes the NIC, runs time on, checks nothing leaked (a crash if so). */
void stack_down(void);

/* Frames the NIC sent since stack_up(). */
extern unsigned long stack_tx_frames;
/* Called with each frame the NIC sends (as it leaves: headers as the
 * driver wrote them, offloaded checksums not filled in); NULL: none. */
extern void (*stack_tx_hook)(const u8 *frame, size_t len);

/* Frame builders for harnesses that play a peer (checksums left to the
 * fix-up): the host 02:00:00:00:00:01 at 192.0.2.1, and us. */
extern const u8 stack_host_mac[6], stack_host_ip[4];
/* An ARP request from the host for our address. */
size_t stack_arp_request(u8 *f);
/* A TCP segment host:sport -> us:dport, IPv4. */
size_t stack_tcp_frame(u8 *f, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
		       u16 win, const void *data, size_t dlen);
#define STACK_TCP_FIN	0x01
#define STACK_TCP_SYN	0x02
#define STACK_TCP_RST	0x04
#define STACK_TCP_PSH	0x08
#define STACK_TCP_ACK	0x10
/* Our initial sequence number, every connection (fuzz_stack.c's ISN hook). */
#define STACK_ISN	1000

#endif
