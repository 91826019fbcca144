#!/bin/bash
# Installs the Debian packages nicstack needs that are missing (dpkg -s says
# which), with one 'apt-get update' first. Needs root only when something is missing.
set -euo pipefail

PACKAGES=(
	gcc make binutils python3            # kernel build
	grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools   # the ISO
	console-setup-linux                   # the screen console's font (tools/genfont.py)
	qemu-system-x86 ovmf                  # running it
	libcmocka-dev python3-pytest python3-scapy iproute2 iputils-ping socat iperf  # tests
	dpkg-dev patch                        # apt-get source and our patches (lwIP)
	debian-archive-keyring                # verifies trixie's Release file (lwIP)
	dnsmasq-base curl                     # tests/qemu/test_lwip.py (DHCP server, status page)
	chromium                              # tests/qemu/test_services.py (renders the status page)
	tshark                                # checksums of captured frames, PCAP= files
	check pkg-config                      # lwIP's own unit tests (make lwip-unit)
	clang libclang-rt-dev                 # make fuzz (libFuzzer, ASan/UBSan runtimes)
	gdb                                   # make debug
	busybox-static xz-utils cpio python3-matplotlib   # make bench (Linux reference guest, plots)
)

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
	command -v sudo >/dev/null || { echo "deps: need root to install: ${missing[*]}" >&2; exit 1; }
else
	SUDO=
fi
$SUDO apt-get update -q
# wireshark-common (pulled in by tshark) asks whether non-root users may
# capture; answer 'no' beforehand so the install never stops at a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	$SUDO debconf-set-selections
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
