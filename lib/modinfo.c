/*
 * modinfo NAME: a built-in module's description, device ids and parameters
 * (see modinfo.h), laid out as Linux's modinfo(8) prints them.
 */
#include <lib/modinfo.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>

extern const struct modinfo __start_modinfo[] __attribute__((weak));
extern const struct modinfo __stop_modinfo[] __attribute__((weak));

#define ANY_ID	0xffffffffu	/* PCI_ANY_ID */

static const struct modinfo *find(u32 kind, const char *name)
{
	for (const struct modinfo *m = __start_modinfo; m < __stop_modinfo; m++)
		if (m->kind == kind && !strcmp(m->name, name))
			return m;
	return NULL;
}

const struct modinfo *modinfo_find(const char *name)
{
	return find(MODINFO_MODULE, name);
}

static void print_id(const char *tag, u32 v)
{
	if (v == ANY_ID)
		kprintf("%s*", tag);
	else
		kprintf("%s%08X", tag, v);
}

/* A class byte is a wildcard unless the mask covers all of it (PCI 3.0, 6.2.1: base, sub, prog-if). */
static void print_class_byte(const char *tag, u32 class, u32 mask, int shift)
{
	if (((mask >> shift) & 0xff) == 0xff)
		kprintf("%s%02X", tag, (class >> shift) & 0xff);
	else
		kprintf("%s*", tag);
}

void modinfo_pci_alias(u32 vendor, u32 device, u32 subvendor, u32 subdevice,
		       u32 class, u32 class_mask)
{
	kprintf("alias:          pci:");
	print_id("v", vendor);
	print_id("d", device);
	print_id("sv", subvendor);
	print_id("sd", subdevice);
	print_class_byte("bc", class, class_mask, 16);
	print_class_byte("sc", class, class_mask, 8);
	print_class_byte("i", class, class_mask, 0);
	kprintf("\n");
}

struct parm_ctx {
	const char *prefix;	/* "e1000e." */
	size_t len;
	unsigned int count;
};

static void print_parm(const struct kernel_param *kp, const char *val, void *arg)
{
	struct parm_ctx *ctx = arg;
	const struct modinfo *d;

	if (strncmp(kp->name, ctx->prefix, ctx->len))
		return;
	d = find(MODINFO_PARM_DESC, kp->name);
	kprintf("parm:           %s:%s = %s (%s)\n", kp->name + ctx->len,
		d ? d->text : kp->desc ? kp->desc : "(no description)", val,
		kp->perm & S_IWUSR ? "set at run time too" : "boot only");
	ctx->count++;
}

int modinfo_show(const char *name)
{
	const struct modinfo *m = modinfo_find(name);
	char prefix[64];
	struct parm_ctx ctx = { prefix, 0, 0 };

	if (!m)
		return -ENOENT;
	ctx.len = (size_t)scnprintf(prefix, sizeof(prefix), "%s.", name);
	kprintf("name:           %s\n", m->name);
	kprintf("filename:       (built in)\n");
	kprintf("description:    %s\n", m->text ? m->text : "");
	if (m->print_ids)
		m->print_ids();
	param_for_each(print_parm, &ctx);
	return 0;
}

static int cmd_modinfo(int argc, char **argv)
{
	if (argc == 1) {
		for (const struct modinfo *m = __start_modinfo; m < __stop_modinfo; m++)
			if (m->kind == MODINFO_MODULE)
				kprintf("  %-12s %s\n", m->name, m->text ? m->text : "");
		return 0;
	}
	if (argc != 2)
		return shell_usage(shell_find("modinfo"));
	if (modinfo_show(argv[1]) == -ENOENT) {
		kprintf("modinfo: no module '%s' (modinfo alone lists them)\n", argv[1]);
		return 1;
	}
	return 0;
}
SHELL_COMMAND("modinfo", cmd_modinfo, "modinfo [MODULE]",
	      "a driver's description, device ids and parameters (none: list modules)");
