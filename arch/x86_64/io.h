/*
 * Port I/O, memory-mapped I/O and barriers. MMIO goes through readl()/writel()
 * so a driver's logic compiles on the host against a fake (tests/unit/fake).
 */
#ifndef ARCH_X86_64_IO_H
#define ARCH_X86_64_IO_H

#include <lib/types.h>

static inline void outb(u8 v, u16 port) { __asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(u16 v, u16 port) { __asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u32 v, u16 port) { __asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16 inw(u16 port) { u16 v; __asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u32 inl(u16 port) { u32 v; __asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline u8 readb(const volatile void *a) { return *(const volatile u8 *)a; }
static inline u16 readw(const volatile void *a) { return *(const volatile u16 *)a; }
static inline u32 readl(const volatile void *a) { return *(const volatile u32 *)a; }
static inline u64 readq(const volatile void *a) { return *(const volatile u64 *)a; }
static inline void writeb(u8 v, volatile void *a) { *(volatile u8 *)a = v; }
static inline void writew(u16 v, volatile void *a) { *(volatile u16 *)a = v; }
static inline void writel(u32 v, volatile void *a) { *(volatile u32 *)a = v; }
static inline void writeq(u64 v, volatile void *a) { *(volatile u64 *)a = v; }

/*
 * x86 keeps stores ordered with stores and loads with loads to write-back and
 * uncached memory alike, so DMA ordering needs only the compiler barrier;
 * the full fences are for write-combining and non-temporal stores.
 */
#define mb()		__asm__ __volatile__("mfence" ::: "memory")
#define rmb()		__asm__ __volatile__("lfence" ::: "memory")
#define wmb()		__asm__ __volatile__("sfence" ::: "memory")
#define dma_rmb()	barrier()
#define dma_wmb()	barrier()

/* Maps MMIO uncached (PCD|PWT) into the kernel's I/O window (arch/x86_64/paging.c). */
void *ioremap(phys_addr_t phys, size_t size);
void iounmap(void *addr);

/* Identity-mapped RAM: virtual == physical == bus address. */
static inline phys_addr_t virt_to_phys(const void *p) { return (phys_addr_t)(uintptr_t)p; }
static inline void *phys_to_virt(phys_addr_t p) { return (void *)(uintptr_t)p; }

/* DMA-coherent memory: zeroed, page aligned, cached (x86 DMA is cache coherent). */
void *dma_alloc_coherent(size_t size, dma_addr_t *dma_handle);
void dma_free_coherent(size_t size, void *vaddr, dma_addr_t dma_handle);

static inline void cpu_relax(void) { __asm__ __volatile__("pause" ::: "memory"); }

#endif
