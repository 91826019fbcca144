/*
 * Host fakes for the ACPI tests: a "physical memory" of separately
 * allocated tables (each exactly its length, so ASan catches any read past
 * a table's end), acpi_map_table()/acpi_unmap_table() over it (each mapping
 * a private copy, so a pointer kept after the unmap is a use after free),
 * recorded port I/O, and a builder that fills table headers and fixes
 * checksums.
 */
#ifndef TESTS_UNIT_FAKE_ACPI_FAKE_H
#define TESTS_UNIT_FAKE_ACPI_FAKE_H

#include <lib/types.h>
#include <arch/x86_64/acpi_tables.h>

/* Frees every fake table, clears the port log and the captured printk log. */
void fake_acpi_reset(void);

/* len zeroed bytes at phys (replacing what was there); returns them. */
void *fake_region_new(u64 phys, size_t len);

/* The fake memory at phys, for a test to edit (NULL if not len bytes there). */
void *fake_region_at(u64 phys, size_t len);

/* acpi_map_table() mappings not yet unmapped, and the most live at once. */
int fake_acpi_mappings(void);
int fake_acpi_peak_mappings(void);

/*
 * A table at phys: the 36-byte header (signature, length, OEM "NICSTK"),
 * then body, with the checksum fixed. Returns the table for further edits
 * (call fake_table_fix() after them).
 */
struct acpi_table_header *fake_table_new(u64 phys, const char *sig,
					 const void *body, size_t body_len);
void fake_table_fix(struct acpi_table_header *t);

/* An RSDT (32-bit entries) or XSDT (64-bit) at phys listing n tables. */
void fake_rsdt(u64 phys, const u64 *tables, int n);
void fake_xsdt(u64 phys, const u64 *tables, int n);

/* RSDP copies as multiboot2 tags 14/15 carry them; checksums fixed. */
struct fake_rsdp { u8 b[36]; };
size_t fake_rsdp_v1(struct fake_rsdp *r, u32 rsdt);
size_t fake_rsdp_v2(struct fake_rsdp *r, u32 rsdt, u64 xsdt);

/* Little-endian stores into a byte buffer; each returns off + size. */
size_t put8(u8 *buf, size_t off, u8 v);
size_t put16(u8 *buf, size_t off, u16 v);
size_t put32(u8 *buf, size_t off, u32 v);
size_t put64(u8 *buf, size_t off, u64 v);

/* Port I/O: reads return fake_port_value[port]; writes are logged and stored. */
struct fake_port_access { u16 port; int size; u32 val; };
#define FAKE_PORT_LOG_MAX 32
extern u16 fake_port_value[65536];
extern struct fake_port_access fake_port_log[FAKE_PORT_LOG_MAX];
extern int fake_port_nr_writes;
/* Called after each write is logged, to play the chipset's side; may be NULL. */
extern void (*fake_port_write_hook)(u16 port, int size, u32 val);

/* printk output, each message as "<level>text". */
bool fake_log_has(const char *needle);
extern char fake_log[16384];

#endif
