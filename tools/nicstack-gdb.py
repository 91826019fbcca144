"""gdb helpers for nicstack, loaded by tools/gdbinit (gdb's Python API).

  nic-ring rx|tx [COUNT] [ADAPTER]  a descriptor ring: next_to_use/clean, each
                                    descriptor's status and length, its skb
  nic-skb EXPR                      an sk_buff: head/data/tail/end, len, first bytes
  nic-napi                          napi structs: this CPU's poll list, then per device
  $e1000e_adapter(N)                the N-th probed e1000e adapter (default 0)

The layouts are read from the kernel's DWARF, so the helpers follow the C.
"""
import struct

import gdb

# Descriptor status bits: 82574 datasheet 7.1.5 (RX legacy status byte), 7.2.3 (TX STA).
RX_STATUS = [(0x01, "DD"), (0x02, "EOP"), (0x04, "IXSM"), (0x08, "VP"), (0x10, "UDPCS"),
             (0x20, "TCPCS"), (0x40, "IPCS"), (0x80, "PIF")]
TX_STATUS = [(0x1, "DD")]
NAPI_STATE = ["SCHED", "MISSED", "DISABLE"]    # net/core/napi.h enum order


def bits(value, names):
    return ",".join(n for b, n in names if value & b) or "-"


def ptr(value):
    return int(value.cast(gdb.lookup_type("unsigned long")))


def netdev_name(dev):
    return dev["name"].string() if ptr(dev) else "-"


def adapter(index):
    """The index-th probed e1000e adapter (e1000e_adapter_list, probe order)."""
    for i, a in enumerate(list_entries(gdb.parse_and_eval("e1000e_adapter_list"),
                                       "struct e1000_adapter", "list")):
        if i == index:
            return a.address
    raise gdb.GdbError(f"no e1000e adapter {index} (fewer NICs probed)")


class E1000eAdapter(gdb.Function):
    """$e1000e_adapter(N): the N-th probed e1000e adapter, for expressions."""

    def __init__(self):
        super().__init__("e1000e_adapter")

    def invoke(self, index=0):
        return adapter(int(index))


class NicRing(gdb.Command):
    """nic-ring rx|tx [COUNT] [ADAPTER]: COUNT descriptors from next_to_clean (default all)."""

    def __init__(self):
        super().__init__("nic-ring", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv or argv[0] not in ("rx", "tx"):
            raise gdb.GdbError("usage: nic-ring rx|tx [COUNT] [ADAPTER]")
        a = adapter(int(argv[2]) if len(argv) > 2 else 0)
        ring = a[argv[0] + "_ring"]
        count, ntu, ntc = int(ring["count"]), int(ring["next_to_use"]), int(ring["next_to_clean"])
        show = min(int(argv[1]), count) if len(argv) > 1 else count
        descs = ring["desc"].cast(gdb.lookup_type("struct e1000_rx_desc").pointer())
        mem = gdb.selected_inferior()
        print(f"{netdev_name(a['netdev'])} {argv[0]} ring: {count} descriptors at "
              f"{ptr(ring['desc']):#x} (dma {int(ring['dma']):#x}), "
              f"next_to_use {ntu}, next_to_clean {ntc}")
        for k in range(show):
            i = (ntc + k) % count
            if argv[0] == "rx":
                d = descs[i]
                status, length = int(d["status"]), int(d["length"])
                st = bits(status, RX_STATUS) + (f" err={int(d['errors']):#x}" if int(d["errors"]) else "")
            else:
                # Read raw: the C code only takes sizeof(struct e1000_tx_desc), so gcc emits
                # no DWARF for it. Legacy TX descriptor (82574 DS 7.2.10.1): u64 buffer,
                # u32 lower (length 15:0), u32 upper (STA 3:0); data descriptors share it.
                raw = mem.read_memory(ptr(ring["desc"]) + 16 * i, 16).tobytes()
                _, lower, upper = struct.unpack("<QII", raw)
                status, length = upper & 0xf, lower & 0xffff
                st = bits(status, TX_STATUS)
            skb = ptr(ring["buffer_info"][i]["skb"])
            marks = "".join(m for m, at in (("  <- next_to_clean", ntc), ("  <- next_to_use", ntu))
                            if at == i)
            print(f"  [{i:3d}] status {st:<14s} length {length:5d} "
                  f"skb {skb:#x}{marks}" if skb else
                  f"  [{i:3d}] status {st:<14s} length {length:5d} skb -{marks}")


class NicSkb(gdb.Command):
    """nic-skb EXPR: an sk_buff (an address or any expression giving one)."""

    def __init__(self):
        super().__init__("nic-skb", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: nic-skb ADDR")
        skb = gdb.parse_and_eval(arg).cast(gdb.lookup_type("struct sk_buff").pointer())
        if not ptr(skb):
            raise gdb.GdbError("NULL sk_buff")
        s = skb.dereference()
        head, data, tail, end = (ptr(s[f]) for f in ("head", "data", "tail", "end"))
        length, data_len = int(s["len"]), int(s["data_len"])
        print(f"sk_buff {ptr(skb):#x}: dev {netdev_name(s['dev'])}, users {int(s['users'])}, "
              f"protocol {int(s['protocol']) & 0xffff:#06x} (network order)")
        print(f"  head {head:#x}  data {data:#x} (+{data - head})  tail {tail:#x} "
              f"(+{tail - head})  end {end:#x} (+{end - head})")
        print(f"  len {length}  data_len {data_len}  headroom {data - head}  "
              f"tailroom {end - tail}  truesize {int(s['truesize'])}")
        n = min(32, max(0, tail - data))
        if n:
            raw = gdb.selected_inferior().read_memory(data, n).tobytes()
            print("  data: " + " ".join(f"{b:02x}" for b in raw))


def napi_line(n):
    state = int(n["state"])
    names = ",".join(s for i, s in enumerate(NAPI_STATE) if state & (1 << i)) or "-"
    poll = gdb.block_for_pc(ptr(n["poll"]))
    poll_name = poll.function.name if poll and poll.function else f"{ptr(n['poll']):#x}"
    return (f"  napi {ptr(n.address):#x} dev {netdev_name(n['dev'])} state {names} "
            f"weight {int(n['weight'])} poll {poll_name} polls {int(n['polls'])} "
            f"packets {int(n['packets'])}")


def list_entries(head, type_name, member):
    """Walks a struct list_head like list_for_each_entry()."""
    t = gdb.lookup_type(type_name)
    offset = next(f.bitpos // 8 for f in t.fields() if f.name == member)
    node, first = head["next"], ptr(head.address)
    seen = 0
    while ptr(node) != first and seen < 1000:    # bounded: a corrupt list ends here
        yield gdb.Value(ptr(node) - offset).cast(t.pointer()).dereference()
        node = node["next"]
        seen += 1


class NicNapi(gdb.Command):
    """nic-napi: napi structs on this CPU's poll list, then every device's napi."""

    def __init__(self):
        super().__init__("nic-napi", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        sd = gdb.parse_and_eval("softnet_data[0]")
        polled = list(list_entries(sd["poll_list"], "struct napi_struct", "poll_list"))
        print(f"softnet_data[0].poll_list: {len(polled)} scheduled "
              f"(a napi being polled is off the list: net_rx_action took it)")
        for n in polled:
            print(napi_line(n))
        print("napi structs:")
        print(napi_line(sd["backlog"]) + "  (backlog)")
        for dev in list_entries(gdb.parse_and_eval("net_device_list"),
                                "struct net_device", "dev_list"):
            for n in list_entries(dev["napi_list"], "struct napi_struct", "dev_list"):
                print(napi_line(n))


NicRing()
NicSkb()
NicNapi()
E1000eAdapter()
