/*
 * http_request: the status page server (net/apps/http.c) over a real TCP
 * connection: a client at 192.0.2.1 connects to port 80, sends the input
 * as its request stream, acknowledges whatever the server sends (the 16 KiB
 * page included), and is dropped or closes. The server must answer every
 * complete request line with an HTTP/1.0 status line of 200, 400, 404 or
 * 500 (200, or 500 if the page did not fit, for "GET / HTTP/1.x" and
 * "GET /stats.json HTTP/1.x"). A stopped profile of 100 distinct stacks
 * (about 18 KiB of folded lines) is published, so "GET /profile.folded
 * HTTP/1.x" must stream all of it (200, every byte, then FIN), whatever the
 * client did after its request line (a FIN included).
 *
 * Input: mode:u8, then the bytes the client sends.
 *   mode & 0x1f   segment size: (n + 1) x 8 bytes per segment (8..256)
 *   mode & 0x20   300 ms between segments
 *   mode & 0x40   the client sends FIN after its data
 *   mode & 0x80   nicstack.copybreak=0 (segments reach http.c zero-copy)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "fuzz_platform.h"
#include "fuzz_stack.h"
#include <lib/profile.h>

#define CLIENT_PORT	40080

static u32 srv_nxt;		/* next sequence number from the server */
static bool srv_fin, srv_rst;
static char resp[64];		/* the start of the server's byte stream */
static size_t resp_len, srv_bytes;

#define PROFILE_STACKS	100
static struct profile_sample prof_mem[PROFILE_STACKS];
static struct profile_buf prof;
static size_t folded_bytes;	/* what /profile.folded's body must be */

static u16 get16(const u8 *p) { return (u16)(p[0] << 8 | p[1]); }
static u32 get32(const u8 *p) { return (u32)get16(p) << 16 | get16(p + 2); }

/* Follows the server's side of our connection in what the NIC sends. */
static void seen_tx(const u8 *f, size_t len)
{
	size_t ihl, thl, dlen;
	const u8 *t;
	u32 seq;

	if (len < 54 || get16(f + 12) != 0x0800 || f[23] != 6)
		return;
	ihl = (size_t)(f[14] & 0xf) * 4;
	t = f + 14 + ihl;
	if (14 + ihl + 20 > len || get16(t) != 80 || get16(t + 2) != CLIENT_PORT)
		return;
	thl = (size_t)(t[12] >> 4) * 4;
	if (14 + get16(f + 16) > len || get16(f + 16) < ihl + thl)
		return;
	dlen = get16(f + 16) - ihl - thl;
	seq = get32(t + 4);
	if (t[13] & STACK_TCP_RST) {
		srv_rst = true;
		return;
	}
	if (t[13] & STACK_TCP_SYN) {
		srv_nxt = seq + 1;
		return;
	}
	if (seq != srv_nxt)
		return;		/* a retransmission */
	if (resp_len < sizeof(resp) - 1) {
		size_t n = dlen < sizeof(resp) - 1 - resp_len ? dlen : sizeof(resp) - 1 - resp_len;

		memcpy(resp + resp_len, t + thl, n);
		resp_len += n;
		resp[resp_len] = '\0';
	}
	srv_bytes += dlen;
	srv_nxt += (u32)dlen + ((t[13] & STACK_TCP_FIN) ? 1 : 0);
	srv_fin |= (t[13] & STACK_TCP_FIN) != 0;
}

static void count_folded(void *ctx, const char *line)
{
	folded_bytes += strlen(line) + 1;
}

/* Stacks 16 deep over the fake symbol table's two functions and one unknown
 * address: the digits of i in base 3 make each of them distinct. */
static void publish_profile(void)
{
	static const unsigned long fn[3] = { 0x100010, 0x100050, 0x900000 };

	profile_reset(&prof, prof_mem, PROFILE_STACKS);
	for (unsigned int i = 0; i < PROFILE_STACKS; i++) {
		unsigned long ips[PROFILE_MAX_DEPTH];

		for (unsigned int d = 0, v = i; d < PROFILE_MAX_DEPTH; d++, v /= 3)
			ips[d] = fn[v % 3];
		profile_record(&prof, ips, PROFILE_MAX_DEPTH);
	}
	profile_report_folded(&prof, count_folded, NULL);
	profile_publish(&prof);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	stack_init();
	publish_profile();
	return 0;
}

static void send_seg(u32 seq, u8 flags, const void *d, size_t n)
{
	static u8 f[2048];

	stack_rx_frame(f, stack_tcp_frame(f, CLIENT_PORT, 80, seq, srv_nxt, flags, 65535, d, n));
	stack_deliver();
}

/* What the answer must be for the request line the client sent. */
static void check_answer(const u8 *data, size_t size)
{
	const u8 *eol = memchr(data, '\n', size < 255 ? size : 255);
	const char *line = (const char *)data;
	size_t n;

	if (fuzz_verbose)
		fprintf(stderr, "http: %s, response starts '%s'\n",
			srv_rst ? "reset" : srv_fin ? "closed" : "open", resp);
	if (!eol || srv_rst)
		return;
	FUZZ_CHECK(resp_len >= 12 && !memcmp(resp, "HTTP/1.0 ", 9), "no status line: '%s'", resp);
	FUZZ_CHECK(!memcmp(resp + 9, "200 ", 4) || !memcmp(resp + 9, "400 ", 4) ||
		   !memcmp(resp + 9, "404 ", 4) || !memcmp(resp + 9, "500 ", 4), "status '%s'", resp);
	n = (size_t)(eol - data);
	if (n && line[n - 1] == '\r')
		n--;
	if (n == 28 && !memcmp(line, "GET /profile.folded HTTP/1.", 27) && line[n - 1]) {
		static const char head[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain; "
					   "charset=utf-8\r\nConnection: close\r\n\r\n";

		FUZZ_CHECK(!memcmp(resp + 9, "200 ", 4), "profile: '%s'", resp);
		FUZZ_CHECK(srv_fin && srv_bytes == sizeof(head) - 1 + folded_bytes,
			   "profile: %zu of %zu bytes, %s", srv_bytes,
			   sizeof(head) - 1 + folded_bytes, srv_fin ? "closed" : "open");
	}
	if (((n == 14 && !memcmp(line, "GET / HTTP/1.", 13)) ||
	     (n == 24 && !memcmp(line, "GET /stats.json HTTP/1.", 23))) && line[n - 1])
		FUZZ_CHECK(!memcmp(resp + 9, "200 ", 4) || !memcmp(resp + 9, "500 ", 4),
			   "'%.*s' got '%s'", (int)n, line, resp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 f[128];
	u32 seq = 5000;
	int mode;
	size_t seg;

	if (!size)
		return -1;
	mode = data[0];
	data++;
	size--;
	seg = ((size_t)(mode & 0x1f) + 1) * 8;
	srv_nxt = 0;
	srv_fin = srv_rst = false;
	resp_len = srv_bytes = 0;
	resp[0] = '\0';
	stack_tx_hook = seen_tx;
	stack_up((mode & 0x80) ? STACK_CFG_COPYBREAK0 : 0);
	stack_rx_frame(f, stack_arp_request(f));
	stack_deliver();
	send_seg(seq, STACK_TCP_SYN, NULL, 0);
	FUZZ_CHECK(srv_nxt == STACK_ISN + 1, "no SYN-ACK from port 80");
	seq++;
	send_seg(seq, STACK_TCP_ACK, NULL, 0);
	for (size_t off = 0; off < size && !srv_rst; off += seg) {
		size_t n = size - off < seg ? size - off : seg;

		send_seg(seq, STACK_TCP_ACK | STACK_TCP_PSH, data + off, n);
		seq += (u32)n;
		if (mode & 0x20)
			stack_advance_ms(300);
	}
	if (mode & 0x40) {
		send_seg(seq, STACK_TCP_ACK | STACK_TCP_FIN, NULL, 0);
		seq++;
	}
	/* Acknowledge what comes, for as long as the server may take (HTTP_POLL: 5 s). */
	for (int i = 0; i < 60 && !srv_fin && !srv_rst; i++) {
		send_seg(seq, STACK_TCP_ACK, NULL, 0);
		stack_advance_ms(100);
	}
	send_seg(seq, STACK_TCP_ACK, NULL, 0);
	check_answer(data, size);
	send_seg(seq, STACK_TCP_RST | STACK_TCP_ACK, NULL, 0);
	stack_tx_hook = NULL;
	stack_down();
	return 0;
}
