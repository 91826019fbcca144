/* See acpi_fake.h. */
#include "acpi_fake.h"

#include <stdlib.h>
#include <string.h>
#include <arch/x86_64/acpi.h>

#define FAKE_MAX_REGIONS 320

static struct {
	u64 phys;
	size_t len;
	u8 *mem;
} regions[FAKE_MAX_REGIONS];

#define FAKE_MAX_MAPPINGS 64
static struct { void *copy; size_t len; } mappings[FAKE_MAX_MAPPINGS];
static int nr_mappings, peak_mappings;

u16 fake_port_value[65536];
struct fake_port_access fake_port_log[FAKE_PORT_LOG_MAX];
int fake_port_nr_writes;
void (*fake_port_write_hook)(u16 port, int size, u32 val);

void fake_acpi_reset(void)
{
	for (int i = 0; i < FAKE_MAX_REGIONS; i++) {
		free(regions[i].mem);
		regions[i].mem = NULL;
	}
	memset(fake_port_value, 0, sizeof(fake_port_value));
	memset(fake_port_log, 0, sizeof(fake_port_log));
	fake_port_nr_writes = 0;
	fake_port_write_hook = NULL;
	fake_log[0] = '\0';
	for (int i = 0; i < FAKE_MAX_MAPPINGS; i++) {
		free(mappings[i].copy);
		mappings[i].copy = NULL;
	}
	nr_mappings = peak_mappings = 0;
}

void *fake_region_new(u64 phys, size_t len)
{
	int slot = -1;

	for (int i = 0; i < FAKE_MAX_REGIONS; i++) {
		if (regions[i].mem && regions[i].phys == phys) {
			free(regions[i].mem);
			regions[i].mem = NULL;
		}
		if (!regions[i].mem && slot < 0)
			slot = i;
	}
	if (slot < 0)
		abort();
	regions[slot].phys = phys;
	regions[slot].len = len;
	regions[slot].mem = calloc(1, len ? len : 1);
	return regions[slot].mem;
}

void *fake_region_at(u64 phys, size_t len)
{
	for (int i = 0; i < FAKE_MAX_REGIONS; i++) {
		if (regions[i].mem && phys >= regions[i].phys &&
		    phys - regions[i].phys <= regions[i].len &&
		    len <= regions[i].len - (phys - regions[i].phys))
			return regions[i].mem + (phys - regions[i].phys);
	}
	return NULL;
}

/*
 * Each mapping is a private copy of exactly len bytes, freed by
 * acpi_unmap_table(): ASan then reports a read past the mapped length, a
 * pointer kept after the unmap (use after free) and an unmap of something
 * never mapped; a mapping never released shows in fake_acpi_mappings().
 */

void *acpi_map_table(u64 phys, size_t len)
{
	const void *src = fake_region_at(phys, len);
	void *copy;

	if (!src)
		return NULL;
	if (nr_mappings == FAKE_MAX_MAPPINGS)
		abort();	/* the kernel's ioremap would have run out long before */
	copy = malloc(len ? len : 1);
	memcpy(copy, src, len);
	for (int i = 0; i < FAKE_MAX_MAPPINGS; i++) {
		if (!mappings[i].copy) {
			mappings[i].copy = copy;
			mappings[i].len = len;
			break;
		}
	}
	if (++nr_mappings > peak_mappings)
		peak_mappings = nr_mappings;
	return copy;
}

void acpi_unmap_table(const void *p, size_t len)
{
	for (int i = 0; i < FAKE_MAX_MAPPINGS; i++) {
		if (mappings[i].copy == p) {
			if (mappings[i].len != len)
				abort();	/* unmapped with another length than mapped */
			free(mappings[i].copy);
			mappings[i].copy = NULL;
			nr_mappings--;
			return;
		}
	}
	abort();	/* not a live mapping: a double unmap */
}

int fake_acpi_mappings(void) { return nr_mappings; }
int fake_acpi_peak_mappings(void) { return peak_mappings; }

void fake_table_fix(struct acpi_table_header *t)
{
	t->checksum = 0;
	t->checksum = (u8)-acpi_checksum(t, t->length);
}

struct acpi_table_header *fake_table_new(u64 phys, const char *sig,
					 const void *body, size_t body_len)
{
	struct acpi_table_header *t = fake_region_new(phys, sizeof(*t) + body_len);

	memcpy(t->signature, sig, 4);
	t->length = (u32)(sizeof(*t) + body_len);
	t->revision = 1;
	memcpy(t->oem_id, "NICSTK", 6);
	memcpy(t->oem_table_id, "TESTTBL ", 8);
	if (body && body_len)
		memcpy(t + 1, body, body_len);
	fake_table_fix(t);
	return t;
}

static void fake_root(u64 phys, const char *sig, const u64 *tables, int n, size_t esize)
{
	u8 *body = calloc(n ? n : 1, esize);

	for (int i = 0; i < n; i++)
		memcpy(body + i * esize, &tables[i], esize);
	fake_table_new(phys, sig, body, n * esize);
	free(body);
}

void fake_rsdt(u64 phys, const u64 *tables, int n) { fake_root(phys, "RSDT", tables, n, 4); }
void fake_xsdt(u64 phys, const u64 *tables, int n) { fake_root(phys, "XSDT", tables, n, 8); }

size_t fake_rsdp_v1(struct fake_rsdp *r, u32 rsdt)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->b, "RSD PTR ", 8);
	memcpy(r->b + 9, "BOCHS ", 6);
	put32(r->b, 16, rsdt);
	r->b[8] = (u8)-acpi_checksum(r->b, 20);
	return 20;
}

size_t fake_rsdp_v2(struct fake_rsdp *r, u32 rsdt, u64 xsdt)
{
	fake_rsdp_v1(r, rsdt);
	r->b[15] = 2;
	put32(r->b, 20, 36);
	put64(r->b, 24, xsdt);
	r->b[8] = 0;
	r->b[8] = (u8)-acpi_checksum(r->b, 20);
	r->b[32] = (u8)-acpi_checksum(r->b, 36);
	return 36;
}

size_t put8(u8 *buf, size_t off, u8 v) { buf[off] = v; return off + 1; }
size_t put16(u8 *buf, size_t off, u16 v) { memcpy(buf + off, &v, 2); return off + 2; }
size_t put32(u8 *buf, size_t off, u32 v) { memcpy(buf + off, &v, 4); return off + 4; }
size_t put64(u8 *buf, size_t off, u64 v) { memcpy(buf + off, &v, 8); return off + 8; }

u32 fake_port_read(u16 port, int size)
{
	return fake_port_value[port];
}

void fake_port_write(u16 port, int size, u32 val)
{
	if (fake_port_nr_writes < FAKE_PORT_LOG_MAX)
		fake_port_log[fake_port_nr_writes] =
			(struct fake_port_access){ .port = port, .size = size, .val = val };
	fake_port_nr_writes++;
	fake_port_value[port] = (u16)val;
	if (fake_port_write_hook)
		fake_port_write_hook(port, size, val);
}
