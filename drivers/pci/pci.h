/*
 * The PCI bus layer: configuration access, the device list built by the
 * boot-time scan, BARs, capabilities, MSI/MSI-X/INTx vectors and the
 * pci_driver model. Names are Linux's (include/linux/pci.h), so a driver
 * written here reads like its Linux counterpart.
 *
 * Lifetime: pci_init() (subsys_initcall) scans once; drivers register from
 * device_initcall and are probed for every matching function not yet bound.
 */
#ifndef DRIVERS_PCI_PCI_H
#define DRIVERS_PCI_PCI_H

#include <lib/types.h>
#include <lib/list.h>
#include <drivers/pci/pci_regs.h>

#define PCI_DEVFN(slot, fn)	((u8)((((slot) & 0x1f) << 3) | ((fn) & 0x07)))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)

/* ---- configuration access --------------------------------------------- */

/*
 * One configuration mechanism. read/write move size (1, 2, 4) bytes at a
 * naturally aligned offset below max_offset; they return 0 or -errno (a
 * failed read leaves all-ones in *val, as absent hardware would).
 */
struct pci_ops {
	const char *name;
	u16 max_offset;		/* 256 for port I/O, 4096 for ECAM */
	int (*read)(u8 bus, u8 devfn, u16 where, int size, u32 *val);
	int (*write)(u8 bus, u8 devfn, u16 where, int size, u32 val);
};

extern const struct pci_ops pci_type1_ops;	/* ports 0xCF8/0xCFC */
extern const struct pci_ops pci_ecam_ops;	/* MCFG window */

/* Picks ECAM when ACPI found an MCFG entry for segment 0, else type 1. */
int pci_config_init(void);
const struct pci_ops *pci_get_ops(void);
void pci_set_ops(const struct pci_ops *ops);	/* tests, and the init above */
/* Tells the ECAM accessors where segment 0's window is mapped. */
void pci_ecam_setup(void *base, u8 start_bus, u8 end_bus);
/* The highest bus number the config mechanism in use can reach. */
unsigned int pci_last_bus(void);

int pci_bus_read_config_byte(u8 bus, u8 devfn, int where, u8 *val);
int pci_bus_read_config_word(u8 bus, u8 devfn, int where, u16 *val);
int pci_bus_read_config_dword(u8 bus, u8 devfn, int where, u32 *val);
int pci_bus_write_config_byte(u8 bus, u8 devfn, int where, u8 val);
int pci_bus_write_config_word(u8 bus, u8 devfn, int where, u16 val);
int pci_bus_write_config_dword(u8 bus, u8 devfn, int where, u32 val);

/* ---- devices -------------------------------------------------------- */

#define PCI_STD_NUM_BARS	6
#define PCI_IRQ_MAX_VECTORS	16	/* igb: 8 queue pairs and "other"; e1000e: 3 */

/* Resource flags (Linux's IORESOURCE_*). */
#define IORESOURCE_IO		0x00000100UL
#define IORESOURCE_MEM		0x00000200UL
#define IORESOURCE_PREFETCH	0x00002000UL
#define IORESOURCE_MEM_64	0x00100000UL
#define IORESOURCE_UNSET	0x20000000UL	/* firmware left the address 0 */

struct resource {
	u64 start;
	u64 len;		/* 0: BAR not implemented */
	unsigned long flags;
};

/* pci_alloc_irq_vectors() flags, and the mode a device ended up in. */
#define PCI_IRQ_LEGACY		BIT(0)
#define PCI_IRQ_MSI		BIT(1)
#define PCI_IRQ_MSIX		BIT(2)
#define PCI_IRQ_ALL_TYPES	(PCI_IRQ_LEGACY | PCI_IRQ_MSI | PCI_IRQ_MSIX)

enum pci_irq_mode { PCI_IRQ_MODE_NONE, PCI_IRQ_MODE_INTX, PCI_IRQ_MODE_MSI,
		    PCI_IRQ_MODE_MSIX };

struct pci_dev;
struct pci_driver;

/* What an MSI/MSI-X irq_chip needs to find its vector's mask bit. */
struct msi_desc {
	struct pci_dev *dev;
	u16 entry;		/* MSI-X table index, or the MSI vector number */
};

struct pci_dev {
	struct list_head node;		/* pci_devices, sorted by bus:devfn */
	u8 bus, devfn;
	u16 vendor, device;
	u16 subsystem_vendor, subsystem_device;
	u32 class;			/* base << 16 | sub << 8 | prog-if */
	u8 revision;
	u8 hdr_type;			/* without the multifunction bit */
	bool multifunction;
	u8 secondary, subordinate;	/* bridges: bus numbers as firmware set them */
	struct pci_dev *parent;		/* the bridge above, NULL on bus 0 */

	struct resource resource[PCI_STD_NUM_BARS];
	void *iomap[PCI_STD_NUM_BARS];	/* pci_iomap() mappings, undone on unbind */

	u8 pin, irq_line;		/* INTx pin (1 = INTA#) and firmware's line */
	u8 msi_cap, msix_cap, pcie_cap, pm_cap;	/* capability offsets, 0 if absent */
	u8 current_state;		/* PCI_D0..PCI_D3hot, PCI_UNKNOWN */
	bool cap_list_broken;		/* walk stopped at a loop or a bad pointer */

	enum pci_irq_mode irq_mode;
	unsigned int nr_irqs;
	int irqs[PCI_IRQ_MAX_VECTORS];
	struct msi_desc msi_desc[PCI_IRQ_MAX_VECTORS];
	bool msi_64bit, msi_maskbit;
	void *msix_table;		/* ioremapped table, while MSI-X is set up */

	bool is_enabled;
	struct pci_driver *driver;
	void *driver_data;
};

extern struct list_head pci_devices;

#define for_each_pci_dev(d)	list_for_each_entry(d, &pci_devices, node)

struct pci_dev *pci_get_slot(u8 bus, u8 devfn);

/* Power states as PMCSR's PowerState field encodes them (PCI PM 1.2, 3.2.4). */
#define PCI_D0		0
#define PCI_D1		1
#define PCI_D2		2
#define PCI_D3hot	3
#define PCI_UNKNOWN	0xff

/*
 * Brings the function to D0 (the bus does it before probe()): the recovery
 * delay, and BARs restored if the transition reset them. -EIO, after a
 * message, when it stays in a low-power state.
 */
int pci_power_up(struct pci_dev *dev);
const char *pci_power_name(u8 state);
/* "00:03.0" into buf (at least 8 bytes); returns buf. */
const char *pci_name(const struct pci_dev *dev, char *buf);

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/* ---- scan -------------------------------------------------------------- */

int pci_init(void);			/* config mechanism + scan + listing */
int pci_scan(void);			/* number of functions found; -EBUSY if done */
void pci_destroy_devices(void);		/* unbinds and frees all (tests, rescans) */

/* ---- resources ---------------------------------------------------------- */

static inline u64 pci_resource_start(const struct pci_dev *dev, int bar)
{
	return (bar >= 0 && bar < PCI_STD_NUM_BARS) ? dev->resource[bar].start : 0;
}
static inline u64 pci_resource_len(const struct pci_dev *dev, int bar)
{
	return (bar >= 0 && bar < PCI_STD_NUM_BARS) ? dev->resource[bar].len : 0;
}
static inline unsigned long pci_resource_flags(const struct pci_dev *dev, int bar)
{
	return (bar >= 0 && bar < PCI_STD_NUM_BARS) ? dev->resource[bar].flags : 0;
}

/* Maps a memory BAR (at most maxlen bytes of it; 0 = all); NULL on error. */
void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen);
void pci_iounmap(struct pci_dev *dev, void *addr);
int pci_enable_device(struct pci_dev *dev);	/* turns on decode of its BARs */
void pci_disable_device(struct pci_dev *dev);	/* stops DMA (bus master off) */
void pci_set_master(struct pci_dev *dev);
void pci_clear_master(struct pci_dev *dev);
void pci_intx(struct pci_dev *dev, bool enable);

/* ---- capabilities ------------------------------------------------------ */

/* Offset of the first capability with this id, 0 if none (or list broken before it). */
u8 pci_find_capability(struct pci_dev *dev, int cap_id);

/* ---- link power management (drivers/pci/aspm.c) -------------------------- */

#define PCIE_LINK_STATE_L0S	BIT(0)
#define PCIE_LINK_STATE_L1	BIT(1)
/*
 * Turns the given ASPM states off on the device's link: in its own Link
 * Control (and its sibling functions') and in the upstream port's, with a
 * message naming what was on. -EINVAL when the device is not PCI Express.
 */
int pci_disable_link_state(struct pci_dev *dev, int state);

/* ---- interrupts (drivers/pci/irq.c, msi.c, msix.c) ----------------------- */

/* Returns the number of vectors (min..max) or -errno; tries MSI-X, MSI, INTx. */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs,
			  unsigned int max_vecs, unsigned int flags);
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);	/* IRQ for request_irq() */
void pci_free_irq_vectors(struct pci_dev *dev);
const char *pci_irq_mode_name(enum pci_irq_mode mode);

/* ---- drivers ---------------------------------------------------------- */

#define PCI_ANY_ID	(~0u)

struct pci_device_id {
	u32 vendor, device;		/* PCI_ANY_ID matches any */
	u32 subvendor, subdevice;
	u32 class, class_mask;		/* (dev->class & class_mask) == class */
	unsigned long driver_data;
};

#define PCI_DEVICE(vend, dev)						\
	.vendor = (vend), .device = (dev),				\
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;	/* ends with an all-zero entry */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	struct list_head node;			/* private to drivers/pci */
};

int pci_register_driver(struct pci_driver *drv);
void pci_unregister_driver(struct pci_driver *drv);
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev);

static inline void pci_set_drvdata(struct pci_dev *dev, void *data) { dev->driver_data = data; }
static inline void *pci_get_drvdata(const struct pci_dev *dev) { return dev->driver_data; }

/* ---- listing (drivers/pci/lspci.c, names.c) ----------------------------- */

/* Called once per output line (no trailing newline); debug marks -v detail. */
typedef void (*pci_print_fn)(bool debug, const char *line);
void pci_list_devices(bool verbose, pci_print_fn out);
/* "00:03.0 Ethernet controller [0200]: Intel Corporation 82574L ... [8086:10d3]" */
int pci_describe(const struct pci_dev *dev, char *buf, size_t size);
const char *pci_class_name(u32 class);
const char *pci_vendor_name(u16 vendor);
const char *pci_device_name(u16 vendor, u16 device);
int pci_lspci_cmd(int argc, char **argv);	/* the "lspci [-v]" shell command */

#endif
