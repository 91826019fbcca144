/*
 * UDP echo server (RFC 862) for the bench's Linux reference guest.
 *
 * Busybox has no UDP echo, and the guest has no inetd worth trusting for
 * a benchmark, so this is a plain recvfrom/sendto loop: one datagram in,
 * the same bytes back to the sender. Built with gcc -static so the
 * initramfs needs no libraries for it. Port from argv[1], default 7.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Largest UDP payload in an IPv4 datagram: 65535 - 20 (IP) - 8 (UDP). */
#define MAX_PAYLOAD 65507

static unsigned char buf[MAX_PAYLOAD];

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in addr;
	/* A big receive buffer: the windowed workload keeps 32 requests in flight. */
	int rcvbuf = 1 << 20;

	if (fd < 0 || port <= 0 || port > 65535) {
		perror("udp_echo: socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short)port);
	addr.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("udp_echo: bind");
		return 1;
	}
	for (;;) {
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &plen);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("udp_echo: recvfrom");
			return 1;
		}
		/* A full socket buffer drops the echo; the client counts it as lost. */
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&peer, plen) < 0 &&
		    errno != ENOBUFS && errno != EAGAIN)
			perror("udp_echo: sendto");
	}
}
