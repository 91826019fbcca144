/*
 * modinfo: what Linux's modinfo(8) reads out of a module's .modinfo section,
 * for code that is built in. A driver says once what it is and which devices
 * it drives; the linker collects the records into the "modinfo" section and
 * the shell's "modinfo NAME" prints them with the module's parameters
 * (every boot parameter named "NAME.*", with its current value):
 *
 *   MODULE_PCI_INFO(e1000e, "Intel 82574L gigabit Ethernet", e1000e_pci_tbl);
 *   MODULE_PARM_DESC(weight, "NAPI weight");   (after MODULE_PARAM_PREFIX "e1000e.")
 *
 * lib/ knows nothing of PCI: MODULE_PCI_INFO() expands, in the driver's own
 * file, to a small printer that walks the table there (it needs
 * <drivers/pci/pci.h>, which the driver includes anyway).
 */
#ifndef LIB_MODINFO_H
#define LIB_MODINFO_H

#include <lib/types.h>

enum modinfo_kind {
	MODINFO_MODULE,		/* name, description, id printer */
	MODINFO_PARM_DESC,	/* name is the parameter's full name ("e1000e.weight") */
};

struct modinfo {
	u32 kind;			/* enum modinfo_kind */
	const char *name;
	const char *text;		/* description */
	void (*print_ids)(void);	/* MODINFO_MODULE: one modinfo_alias() per id, or NULL */
} __aligned(8);

/* Same packing rule as lib/params.h: every record states its alignment. */
#define __modinfo_section __attribute__((used, section("modinfo"), aligned(8)))

#define MODULE_INFO(mod, desc, printer)						\
	static const struct modinfo __modinfo_##mod __modinfo_section =		\
		{ MODINFO_MODULE, #mod, desc, printer }

#define MODULE_PCI_INFO(mod, desc, table)					\
	static void __modinfo_pci_ids_##mod(void)				\
	{									\
		for (const struct pci_device_id *id = (table);			\
		     id->vendor || id->subvendor || id->class_mask; id++)\
			modinfo_pci_alias(id->vendor, id->device, id->subvendor,\
					  id->subdevice, id->class, id->class_mask);\
	}									\
	MODULE_INFO(mod, desc, __modinfo_pci_ids_##mod)

#ifndef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX ""
#endif

#define MODULE_PARM_DESC(parm, desc)						\
	static const struct modinfo __modinfo_parm_##parm __modinfo_section =	\
		{ MODINFO_PARM_DESC, MODULE_PARAM_PREFIX #parm, desc, NULL }

/*
 * One "alias:" line in Linux's form, pci:vVVVVVVVVdDDDDDDDDsvSSSSSSSSsdDDDDDDDDbcBBscSSiII,
 * with '*' for PCI_ANY_ID (~0) and for class bytes the mask leaves out.
 */
void modinfo_pci_alias(u32 vendor, u32 device, u32 subvendor, u32 subdevice,
		       u32 class, u32 class_mask);

const struct modinfo *modinfo_find(const char *name);
int modinfo_show(const char *name);	/* 0, or -ENOENT */

#endif
