#!/bin/sh
# /init of the bench's Linux reference guest (busybox sh, PID 1).
# Loads the NIC modules, takes the bench address, starts the UDP echo server
# and the iperf2 server, then serves a tiny command loop on the serial
# console so the bench can read /proc/interrupts like nicstack's shell (and
# the kernel log, which 'quiet' keeps off the console: the NIC driver's probe).
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
exec </dev/ttyS0 >/dev/ttyS0 2>&1

# Modules in dependency order (listed by the builder in /modules.order).
while read -r m; do
	insmod "/modules/$m" || echo "bench-init: insmod $m failed"
done </modules.order

addr=192.0.2.2/24
for p in $(cat /proc/cmdline); do
	case "$p" in bench.ip=*) addr=${p#bench.ip=} ;; esac
done
i=0
while ! ip link show eth0 >/dev/null 2>&1 && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
ip link set lo up
ip addr add "$addr" dev eth0
ip link set eth0 up

udp_echo 7 &
iperf -s >/dev/null 2>&1 &

echo "bench-init: ready $addr"
# The command loop: the bench types a command, waits for the next prompt.
while true; do
	printf 'bench> '
	read -r line || { sleep 1; continue; }
	case "$line" in
	interrupts) cat /proc/interrupts ;;
	dmesg) dmesg ;;
	meminfo) cat /proc/meminfo ;;
	netstat) cat /proc/net/dev /proc/net/snmp ;;
	poweroff) poweroff -f ;;
	"") ;;
	*) echo "bench-init: commands: interrupts dmesg meminfo netstat poweroff" ;;
	esac
done
