/*
 * What net/lwip/sys_arch.c provides in the kernel, for lwIP on the host (the
 * unit tests' harness and the fuzzers): the fake clock, and random numbers
 * and initial sequence numbers that are constants, so a test or a fuzzer can
 * complete a TCP handshake (our ISN is 1000) and every run is the same.
 */
#include <stdlib.h>
#include <lib/kmalloc.h>
#include <net/lwip/port.h>
#include "netcore_fake.h"

#include "lwip/ip_addr.h"
#include "lwip_hooks.h"

const char nicstack_lwip_debian_version[] = "host";
const unsigned int nicstack_lwip_patches;
u32_t sys_now(void) { return (u32_t)(fake_now_ns / 1000000); }
u32 nicstack_lwip_rand(void) { return 4; }
u32_t nicstack_tcp_isn(const ip_addr_t *l, u16_t lp, const ip_addr_t *r, u16_t rp) { return 1000; }
void *alloc_pages(gfp_t gfp, unsigned int order) { return aligned_alloc(4096, 4096UL << order); }
void free_pages(void *addr, unsigned int order) { free(addr); }
