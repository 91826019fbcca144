/*
 * Host stand-in for arch/x86_64/io.h: user space may not touch I/O ports,
 * so port accesses go to two functions each test defines (to record writes
 * and play a device's side), and MMIO is plain memory. Keep the names of
 * the real header; extend additively, several tests share this file.
 */
#ifndef ARCH_X86_64_IO_H
#define ARCH_X86_64_IO_H

#include <lib/types.h>

/* size is 1, 2 or 4 bytes. Defined by the test that needs ports. */
u32 fake_port_read(u16 port, int size);
void fake_port_write(u16 port, int size, u32 val);

static inline void outb(u8 v, u16 port) { fake_port_write(port, 1, v); }
static inline void outw(u16 v, u16 port) { fake_port_write(port, 2, v); }
static inline void outl(u32 v, u16 port) { fake_port_write(port, 4, v); }
static inline u8 inb(u16 port) { return (u8)fake_port_read(port, 1); }
static inline u16 inw(u16 port) { return (u16)fake_port_read(port, 2); }
static inline u32 inl(u16 port) { return fake_port_read(port, 4); }

/*
 * MMIO is plain memory, unless the test defines these hooks (weak here, so
 * tests that do not keep plain memory) to model registers with side
 * effects: a hook returns true when the address is one it handles.
 */
bool fake_mmio_read(const volatile void *addr, int size, u64 *val) __attribute__((weak));
bool fake_mmio_write(volatile void *addr, int size, u64 val) __attribute__((weak));

#define FAKE_MMIO_READ(type, size, a)						\
	do {									\
		u64 _v;								\
		if (fake_mmio_read && fake_mmio_read(a, size, &_v))		\
			return (type)_v;					\
		return *(const volatile type *)(a);				\
	} while (0)
#define FAKE_MMIO_WRITE(type, size, v, a)					\
	do {									\
		if (!fake_mmio_write || !fake_mmio_write(a, size, v))		\
			*(volatile type *)(a) = (v);				\
	} while (0)

static inline u8 readb(const volatile void *a) { FAKE_MMIO_READ(u8, 1, a); }
static inline u16 readw(const volatile void *a) { FAKE_MMIO_READ(u16, 2, a); }
static inline u32 readl(const volatile void *a) { FAKE_MMIO_READ(u32, 4, a); }
static inline u64 readq(const volatile void *a) { FAKE_MMIO_READ(u64, 8, a); }
static inline void writeb(u8 v, volatile void *a) { FAKE_MMIO_WRITE(u8, 1, v, a); }
static inline void writew(u16 v, volatile void *a) { FAKE_MMIO_WRITE(u16, 2, v, a); }
static inline void writel(u32 v, volatile void *a) { FAKE_MMIO_WRITE(u32, 4, v, a); }
static inline void writeq(u64 v, volatile void *a) { FAKE_MMIO_WRITE(u64, 8, v, a); }

#define mb()		barrier()
#define rmb()		barrier()
#define wmb()		barrier()
#define dma_rmb()	barrier()
#define dma_wmb()	barrier()

/* Defined by the tests that use them. */
void *ioremap(phys_addr_t phys, size_t size);
void iounmap(void *addr);

static inline phys_addr_t virt_to_phys(const void *p) { return (phys_addr_t)(uintptr_t)p; }
static inline void *phys_to_virt(phys_addr_t p) { return (void *)(uintptr_t)p; }

void *dma_alloc_coherent(size_t size, dma_addr_t *dma_handle);
void dma_free_coherent(size_t size, void *vaddr, dma_addr_t dma_handle);

static inline void cpu_relax(void) { barrier(); }

#endif
