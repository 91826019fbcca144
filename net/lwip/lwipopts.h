/*
 * lwIP's configuration for nicstack (lwIP 2.2.1 as Debian trixie ships it;
 * every option not set here keeps the default in lwip/opt.h).
 *
 * The numbers are sized for a 16 MiB machine whose only job is moving packets
 * between one or two e1000e NICs and a few services (echo, iperf, http). The
 * kernel image (lwIP included) stays under 1 MiB: lwIP's 1 MiB heap is not in
 * .bss but taken from the page allocator at boot (LWIP_RAM_HEAP_POINTER), and
 * the pools left in .bss are small (about 100 KiB). Received frames reach
 * lwIP zero-copy, as pbufs wrapping skbs (DESIGN.md), so PBUF_POOL is empty
 * and every pbuf lwIP keeps queued (reassembly, out-of-order, unread data)
 * pins one skb: the bounds below are also bounds on skbs. docs/lwip.md has
 * the whole 16 MiB budget.
 */
#ifndef NET_LWIP_LWIPOPTS_H
#define NET_LWIP_LWIPOPTS_H

/* ---- system ----------------------------------------------------------- */

/* No threads, no sockets: lwIP runs in softirq context (receive, and its
 * timeouts from a kernel timer) or under local_bh_disable() (shell commands),
 * never in hard IRQ (DESIGN.md, Contexts and rules). */
#define NO_SYS				1
#define LWIP_SOCKET			0
#define LWIP_NETCONN			0
#define LWIP_TIMERS			1
/* On one CPU, bh-disabled sections already exclude every other lwIP caller,
 * so lwIP's own SYS_ARCH_PROTECT critical sections would only cost cycles.
 * A second CPU needs this (and a lock) turned back on. */
#define SYS_LIGHTWEIGHT_PROT		0

/* x86-64 loads anything unaligned, but lwIP's heap and pools hold u64
 * counters and pointers: align them naturally. */
#define MEM_ALIGNMENT			8

/* ---- memory ----------------------------------------------------------- */

/* lwIP's heap holds PBUF_RAM pbufs: mostly data copied by tcp_write() until
 * the peer acknowledges it. Eight TCP echo clients at TCP_SND_BUF each
 * (8 x 62.7 KiB) plus headers and an iperf reverse test fit in 1 MiB; when
 * it is full tcp_write() returns ERR_MEM and the sender waits (back-pressure,
 * never a crash). The memory is one order-8 block from alloc_pages(), taken
 * by nicstack_lwip_init() before lwip_init() (net/lwip/port.c), so it costs
 * RAM, not image size. mem.c needs MEM_SIZE plus two struct mem headers and
 * alignment slack inside the block: hence 1 MiB minus 64 bytes. */
#define NICSTACK_LWIP_HEAP_ORDER	8		/* 2^8 pages = 1 MiB */
#define MEM_SIZE			((4096 << NICSTACK_LWIP_HEAP_ORDER) - 64)
extern unsigned char *nicstack_lwip_heap;
#define LWIP_RAM_HEAP_POINTER		nicstack_lwip_heap

/* PBUF_POOL backs pbufs a driver allocates for received frames. Ours are
 * skbs wrapped in custom pbufs (net/lwip/netif_glue.c) and lwIP's core never
 * allocates from the pool itself, so the pool is empty: 0 also tells lwIP's
 * sanity check that TCP_WND is not backed by pool pbufs (it is backed by the
 * skb pool, whose size the net core sets). */
#define PBUF_POOL_SIZE			0
/* Custom pbufs: the RX wrapper whose free function frees the skb. */
#define LWIP_SUPPORT_CUSTOM_PBUF	1

/* PBUF_REF/ROM headers: no-copy tcp_write() (lwiperf's sender) and the IP
 * fragments of outgoing large datagrams point at data instead of copying. */
#define MEMP_NUM_PBUF			256
#define MEMP_NUM_FRAG_PBUF		64

#define MEMP_NUM_RAW_PCB		4	/* ping from the shell */
#define MEMP_NUM_UDP_PCB		8	/* echo, DHCP, spare */
/* Every service's connection limit plus its listen backlog, plus iperf's
 * connections back to clients, stays below this (net/apps/tcp_service.c
 * checks at boot), so no service and no SYN flood can take the last pcb.
 * A pcb is about 200 bytes. */
#define MEMP_NUM_TCP_PCB		64
#define MEMP_NUM_TCP_PCB_LISTEN		8
/* One segment per queued pbuf: covers TCP_SND_QUEUELEN for a few busy pcbs
 * at once (lwIP checks MEMP_NUM_TCP_SEG >= TCP_SND_QUEUELEN). */
#define MEMP_NUM_TCP_SEG		512
#define MEMP_NUM_ARP_QUEUE		32
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4)

/* ---- protocols -------------------------------------------------------- */

#define LWIP_ETHERNET			1
#define LWIP_ARP			1
#define ARP_TABLE_SIZE			16
#define ARP_QUEUEING			1
#define ETH_PAD_SIZE			0	/* pbufs wrap skbs at the Ethernet header */

#define LWIP_IPV4			1
#define LWIP_IPV6			1
#define LWIP_ICMP			1
#define LWIP_RAW			1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_IGMP			1
#define LWIP_DHCP			1
/* RFC 5227 conflict probing would delay every DHCP lease by 5-9 s; the test
 * networks and the lab network have one DHCP server that owns its pool. */
#define LWIP_DHCP_DOES_ACD_CHECK	0
#define LWIP_AUTOIP			0
#define LWIP_DNS			0

#define LWIP_IPV6_AUTOCONFIG		1	/* SLAAC from router advertisements */
#define LWIP_IPV6_MLD			1
#define LWIP_IPV6_SEND_ROUTER_SOLICIT	1
#define LWIP_IPV6_DHCP6			0
#define LWIP_ICMP6			1

#define LWIP_SINGLE_NETIF		0	/* one netif per net_device */
#define LWIP_NETIF_HOSTNAME		1	/* DHCP announces "nicstack" */
#define LWIP_NETIF_STATUS_CALLBACK	1	/* print addresses when they change */
#define LWIP_NETIF_LINK_CALLBACK	1	/* carrier changes from the driver */
#define LWIP_NETIF_EXT_STATUS_CALLBACK	1	/* IPv6 address state changes too */
/* The NIC computes transmit checksums; lwIP's generation is switched off per
 * netif by the glue, while lwIP's receive checks stay on (below). */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1

/* ---- TCP throughput ---------------------------------------------------- */

/* A full Ethernet payload minus IPv4 and TCP headers (RFC 879); for IPv6 lwIP
 * lowers it per netif from the MTU. */
#define TCP_MSS				1460
/*
 * A 251 KiB receive window, announced with window scaling (RFC 7323, shift
 * 2). Under TCG a round trip through the guest is milliseconds, not the
 * tap's microseconds, and the 64 KB an unscaled window allows held iperf
 * host->guest at a window per round trip: three interleaved A/B rounds
 * measured host->guest median 209 -> 321 Mbit/s and guest->host 486 -> 921
 * (the peer scales its window too, so large segments flow; docs/lwip.md).
 * The window is a promise, not memory: in-order data goes to the
 * application at once, out-of-order data is capped by TCP_OOSEQ_MAX_BYTES,
 * and what lwIP may hold of the skb pool is bounded by the glue
 * (hostile-networks.md).
 */
#define TCP_WND				(4 * 44 * TCP_MSS)
#define TCP_RCV_SCALE			2
#define TCP_SND_BUF			(44 * TCP_MSS)
/* Room for small writes too (lwIP requires >= 2 x TCP_SND_BUF / TCP_MSS). */
#define TCP_SND_QUEUELEN		(4 * TCP_SND_BUF / TCP_MSS)
#define LWIP_WND_SCALE			1
#define TCP_QUEUE_OOSEQ			1

/* ---- safety (issue 6): hostile input must cost bounded memory --------- */

/* Verify every received IPv4 header, UDP, TCP, ICMP and ICMPv6 checksum in
 * lwIP itself. lwIP's checksum control is per netif, not per packet, and the
 * NIC checks neither ICMP nor reassembled fragments; the one exception is
 * per pbuf: a TCP/UDP packet the NIC verified whole (patch 0019, below). */
#define CHECKSUM_CHECK_IP		1
#define CHECKSUM_CHECK_UDP		1
#define CHECKSUM_CHECK_TCP		1
#define CHECKSUM_CHECK_ICMP		1
#define CHECKSUM_CHECK_ICMP6		1

/* IPv6 reassembly otherwise stores a pointer inside the 8-byte fragment
 * header it has already parsed; a 64-bit pointer does not fit there, so
 * lwIP must copy the header aside instead (lwIP asserts on it otherwise). */
#define IPV6_FRAG_COPYHEADER		1

/* Reassembly is bounded in datagrams (MEMP_NUM_REASSDATA) and in pbufs
 * (hence skbs) held, for IPv4 and IPv6 each; a flood of incomplete fragments evicts the oldest
 * datagram instead of eating the skb pool. 46 pbufs is the largest legal
 * datagram at MTU 1500 (65535 / 1480 rounded up); IP_REASS_MAXAGE (15 s)
 * frees stragglers. */
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define LWIP_IPV6_REASS			1
#define LWIP_IPV6_FRAG			1
#define IP_REASS_MAX_PBUFS		46
#define MEMP_NUM_REASSDATA		8

/* Out-of-order TCP segments are queued (for throughput after a loss) but at
 * most 8 pbufs / 8 segments' bytes per connection, so a peer sending holes
 * cannot pin skbs without limit: 32 pcbs x 8 = 256 skbs worst case. */
#define TCP_OOSEQ_MAX_PBUFS		8
#define TCP_OOSEQ_MAX_BYTES		(8 * TCP_MSS)

/* Each listener admits at most nicstack.tcp_backlog connections that are
 * not yet accepted (SYN received included): a SYN flood fills one backlog,
 * not the pcb pool. A SYN that finds the backlog full drops the listener's
 * oldest half-open connection (our patch 0005, net/lwip/tcp_guard.c), and a
 * half-open connection lives 5 s instead of lwIP's 20 (patch 0004): one
 * SYN-ACK retransmission (lwIP's initial RTO is 3 s). docs/lwip.md has why
 * this and not SYN cookies. */
/* A peer's SYN cannot make us send one byte per segment (patch 0012; the
 * value is Linux's tcp_min_snd_mss). */
#define TCP_SND_MSS_MIN			48

#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	8
#define TCP_SYN_RCVD_TIMEOUT		5000
#define LWIP_HOOK_TCP_LISTEN_BACKLOG_FULL(lpcb)	nicstack_tcp_backlog_full(lpcb)

/* Unpredictable initial sequence numbers (RFC 6528): lwIP's own addon
 * contrib/addons/tcp_isn (MD5 over the 4-tuple and a per-boot secret, plus
 * a 4 us clock), seeded from get_random_u32() by net/lwip/sys_arch.c. The
 * hook is declared in LWIP_HOOK_FILENAME, which tcp.c includes. */
#define LWIP_HOOK_FILENAME		"lwip_hooks.h"
#define LWIP_HOOK_TCP_ISN		nicstack_tcp_isn

/* TCP segmentation offload (net/lwip/tcp_gso.c): a segment of several MSS
 * carries the real MSS in its pbuf, and IP leaves it whole (patch 0018).
 * csum_unnecessary: the glue's copy of the driver's CHECKSUM_UNNECESSARY for
 * an unfragmented TCP/UDP packet (netif_glue.c); tcp_input()/udp_input() then
 * skip their software sum (patch 0019). Every other pbuf starts at 0. */
#define LWIP_PBUF_CUSTOM_DATA		u16_t gso_size; u8_t csum_unnecessary;
#define LWIP_PBUF_CUSTOM_DATA_INIT(p)	((p)->gso_size = 0, (p)->csum_unnecessary = 0)
#define LWIP_PBUF_IS_GSO(p)		((p)->gso_size != 0)
#define LWIP_PBUF_L4_CHKSUM_VERIFIED(p)	((p)->csum_unnecessary != 0)
#define LWIP_HOOK_TCP_INPACKET_PCB(pcb, hdr, optlen, opt1len, opt2, p) \
	nicstack_tcp_gso_input(pcb)
#define LWIP_HOOK_TCP_OUT_ADD_TCPOPTS(p, hdr, pcb, opts) \
	nicstack_tcp_gso_mark(p, hdr, pcb, opts)
/* One ACK per connection per receive batch (patch 0020, tcp_ack_batch.c). */
#define LWIP_TCP_ACK_BATCH_HOLD(pcb)	nicstack_tcp_ack_batch_hold()

/* Random local ports, DHCP xids and MLD/IGMP delays from LWIP_RAND
 * (arch/cc.h), so they cannot be guessed from the boot sequence. */
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1

/* Assertions stay compiled in (LWIP_NOASSERT is not defined) and panic with
 * file and line (arch/cc.h): a broken invariant stops the machine with a
 * backtrace instead of corrupting memory and continuing. */

/* ---- statistics -------------------------------------------------------- */

#define LWIP_STATS			1
#define LWIP_STATS_DISPLAY		1	/* the shell's `lwip` command */
#define LWIP_STATS_LARGE		1	/* 32-bit counters: 16 bits wrap in a second at line rate */
#define MIB2_STATS			0

#endif
