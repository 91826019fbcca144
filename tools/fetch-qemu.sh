#!/bin/bash
# Fetches a second QEMU beside the system's: Debian's qemu-system-x86 10.0
# from bookworm-backports, unpacked (dpkg-deb -x) into build/qemu-new and run
# from there. The system's QEMU 7.2 stays the default and is never touched:
# nothing here installs a package or changes the system's apt.
#
#   tools/fetch-qemu.sh [OUTDIR]          fetch unless OUTDIR already holds it
#   tools/fetch-qemu.sh --check OUTDIR    only check what OUTDIR holds
#
# QEMU 7.2 lacks models nicstack wants to test on (x2APIC under TCG, igb);
# docs/qemu-versions.md says what runs on which QEMU.
#
# apt runs with a private configuration under build/apt-qemu (tools/debian-apt.sh):
# its own sources list (one deb line for bookworm-backports), lists, cache and
# state. Release signatures are checked against Debian's archive keyring.
#
# What is downloaded: the pinned qemu-system-x86 with its qemu-system-common,
# qemu-system-data and module packages, and every other package it depends on whose installed
# version does not satisfy the dependency (today: seabios, which QEMU 10 wants
# at 1.16.3 or later) in the newest fitting version bookworm-backports has.
# Shared libraries that come that way are found through LD_LIBRARY_PATH.
#
# Result:
#   OUTDIR/usr/...                 the packages' files as dpkg-deb -x left them
#   OUTDIR/qemu-system-x86_64      the wrapper to run: firmware (-L) and modules
#                                  (QEMU_MODULE_DIR) from OUTDIR, not the system
#   OUTDIR/VERSION                 the exact Debian version of qemu-system-x86
#   OUTDIR/PACKAGES                every package unpacked: name, version, why
#   OUTDIR/.complete               written last: the tree is whole
set -euo pipefail

# The pin: a version bookworm-backports no longer carries fails the fetch
# with a message saying so; update it here (and re-run the QEMU 10 tests).
QEMU_VERSION='1:10.0.2+ds-2+deb13u1~bpo12+1'
SUITE=bookworm-backports
# The modules packages: QEMU 10 loads ui-opengl, ui-spice-core and audio-*
# at every start, whatever the display. Without its own copies it tries the
# system's QEMU 7.2 ones, which refuse to load ("Only modules from the same
# build can be loaded") with a message on every run.
PINNED=(qemu-system-x86 qemu-system-common qemu-system-data
	qemu-system-modules-opengl qemu-system-modules-spice)

die() { echo "qemu-new: $*" >&2; exit 1; }
# shellcheck source=tools/debian-apt.sh
. "$(dirname "$0")/debian-apt.sh"

# 1:10.0.2+ds-2+deb13u1~bpo12+1 -> 10.0.2, the number QEMU reports.
upstream_of() {
	local v=${1#*:}
	v=${v%%-*}
	v=${v%%+*}
	echo "${v%%~*}"
}

# Refuses a tree that is not the pinned QEMU, both by the recorded version
# and by what the wrapper's binary itself says: a tree that runs the
# system's QEMU 7.2 under the new name must not pass.
check_version() {
	local dir=$1 ver said want
	[ -f "$dir/.complete" ] || die "$dir/.complete missing: the QEMU tree is incomplete (re-run tools/fetch-qemu.sh)"
	[ -s "$dir/VERSION" ] || die "no $dir/VERSION: the QEMU tree is incomplete"
	ver=$(head -n1 "$dir/VERSION")
	[ "$ver" = "$QEMU_VERSION" ] || die "$dir holds qemu-system-x86 $ver, but tools/fetch-qemu.sh pins $QEMU_VERSION; refusing it"
	[ -x "$dir/qemu-system-x86_64" ] || die "$dir/qemu-system-x86_64 missing: the QEMU tree is incomplete"
	said=$("$dir/qemu-system-x86_64" -version 2>&1 | head -n1) ||
		die "$dir/qemu-system-x86_64 -version failed: $said"
	want="QEMU emulator version $(upstream_of "$QEMU_VERSION") (Debian $QEMU_VERSION)"
	[ "$said" = "$want" ] || die "$dir/qemu-system-x86_64 says '$said', expected '$want'; refusing it"
}

# Whether the installed package satisfies 'NAME' or 'NAME (OP VERSION)'.
installed_fits() {
	local name=$1 op=${2:-} ver=${3:-} st
	st=$(dpkg-query -W -f='${db:Status-Abbrev}|${Version}' "$name" 2>/dev/null) || return 1
	[ "${st%%|*}" = "ii " ] || return 1
	[ -z "$op" ] || dpkg --compare-versions "${st#*|}" "$op" "$ver"
}

# The newest version of NAME in our suite that satisfies OP VERSION, if any.
suite_fits() {
	local name=$1 op=${2:-} ver=${3:-} v
	for v in $(apt-cache "${APT_OPTS[@]}" madison "$name" 2>/dev/null |
			awk -F' *[|] *' '{ print $2 }'); do
		if [ -z "$op" ] || dpkg --compare-versions "$v" "$op" "$ver"; then
			echo "$v"
			return
		fi
	done
}

# 'NAME=VERSION WHY' for each dependency of the pinned qemu-system-x86 that
# the system does not satisfy; dies naming one that nothing satisfies.
unmet_dependencies() {
	local deps clause alt name op ver fit v have
	deps=$(apt-cache "${APT_OPTS[@]}" show "qemu-system-x86=$QEMU_VERSION" |
		sed -n 's/^Depends: //p' | head -n1)
	while read -r clause; do
		[ -n "$clause" ] || continue
		fit='' v=''
		# 'a (>= 1) | b': any alternative the system has will do.
		while read -r alt; do
			read -r name op ver <<< "$(echo "$alt" | tr -d '()')"
			if [[ " ${PINNED[*]} " == *" $name "* ]] || installed_fits "$name" "$op" "$ver"; then
				fit=1
				break
			fi
			[ -n "$v" ] || { v=$(suite_fits "$name" "$op" "$ver"); [ -z "$v" ] || fit="$name=$v"; }
		done <<< "$(echo "$clause" | tr '|' '\n')"
		[ -n "$fit" ] || die "qemu-system-x86 $QEMU_VERSION needs $clause, which neither the system nor $SUITE has: install it"
		[ "$fit" = 1 ] && continue
		have=$(dpkg-query -W -f='${db:Status-Abbrev}${Version}' "${fit%%=*}" 2>/dev/null || true)
		[[ $have == "ii "* ]] && have=${have#ii } || have=none
		echo "$fit needed: $clause (system: $have)"
	done <<< "${deps//, /$'\n'}"
}

# Folders of shared libraries we unpacked (under DIR), colon-separated.
lib_dirs() {
	local dir found=()
	for dir in "$1"/usr/lib/*-linux-gnu "$1"/lib/*-linux-gnu; do
		compgen -G "$dir/lib*.so*" >/dev/null && found+=("$dir")
	done
	local IFS=:
	echo "${found[*]}"
}

# The wrapper: QEMU 10's binary with its own firmware and modules. -L folders
# are searched before the built-in firmware path (/usr/share/qemu,
# /usr/share/seabios, ... of the system's packages), so they go in the order
# that path has, each one we unpacked.
write_wrapper() {
	local out=$1 dir fw=() libs mods
	while read -r dir; do
		[ -d "$out$dir" ] && fw+=("-L \"\$here$dir\"")
	done <<< "$(LD_LIBRARY_PATH=$(lib_dirs "$out") "$out/usr/bin/qemu-system-x86_64" -L help)"
	mods=$(cd "$out" && find usr/lib -mindepth 2 -maxdepth 2 -type d -name qemu | head -n1)
	libs=$(lib_dirs "$out")
	{
		echo '#!/bin/sh'
		echo "# Generated by tools/fetch-qemu.sh: Debian's qemu-system-x86 $QEMU_VERSION"
		echo "# from $SUITE, unpacked here and never installed. Firmware and modules"
		echo "# come from this folder, not from the system's QEMU."
		# shellcheck disable=SC2016  # the wrapper's own shell expands it
		echo 'here=$(dirname "$(readlink -f "$0")")'
		if [ -n "$mods" ]; then
			echo "QEMU_MODULE_DIR=\$here/$mods"
			echo 'export QEMU_MODULE_DIR'
		fi
		if [ -n "$libs" ]; then
			echo "LD_LIBRARY_PATH=${libs//"$out"/\$here}\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
			echo 'export LD_LIBRARY_PATH'
		fi
		echo "exec \"\$here/usr/bin/qemu-system-x86_64\" ${fw[*]} \"\$@\""
	} > "$out/qemu-system-x86_64"
	chmod 755 "$out/qemu-system-x86_64"
}

fetch() {
	local out=$1 build mirror tmp pkgs=() extra line
	build=$(dirname "$out")
	mirror=$(find_mirror)
	check_keyring 12/bookworm
	apt_private "$build/apt-qemu" "deb [signed-by=$KEYRING] $mirror $SUITE main"
	echo "qemu-new: fetching Debian's qemu-system-x86 $QEMU_VERSION from $mirror $SUITE"
	apt_update "$SUITE's" "$mirror"
	# (apt-cache show exits 0 for a version it does not know.)
	if ! apt-cache "${APT_OPTS[@]}" madison qemu-system-x86 | awk -F' *[|] *' '{ print $2 }' |
	     grep -qxF "$QEMU_VERSION"; then
		die "$SUITE no longer has qemu-system-x86 $QEMU_VERSION (it has: $(suite_fits qemu-system-x86 || echo nothing)); update QEMU_VERSION in tools/fetch-qemu.sh"
	fi
	local p
	for p in "${PINNED[@]}"; do
		pkgs+=("$p=$QEMU_VERSION")
	done
	extra=$(unmet_dependencies)
	while read -r line; do
		[ -n "$line" ] && pkgs+=("${line%% *}")
	done <<< "$extra"

	tmp=$out.tmp
	rm -rf "$tmp" && mkdir -p "$tmp/debs"
	apt_as_apt "$tmp/debs"
	(cd "$tmp/debs" && apt-get "${APT_OPTS[@]}" download "${pkgs[@]}") > "$APT_LOG" 2>&1 ||
		die "apt-get download failed: $(apt_reason "$APT_LOG"); need access to the Debian archive ($mirror)"
	chown -R "$(id -u):$(id -g)" "$tmp/debs"
	local deb
	for deb in "$tmp"/debs/*.deb; do
		dpkg-deb -x "$deb" "$tmp" || die "dpkg-deb -x $deb failed"
	done
	rm -rf "$tmp/debs"
	{
		for p in "${PINNED[@]}"; do
			echo "$p=$QEMU_VERSION pinned"
		done
		[ -z "$extra" ] || echo "$extra"
	} > "$tmp/PACKAGES"

	# The binary's libraries, with those we unpacked: anything still
	# missing is named now rather than at QEMU's first start. A module
	# missing one only matters to a guest with that device (virtio-gpu-gl
	# needs libvirglrenderer1): noted, not fatal.
	local libs missing so
	libs=$(lib_dirs "$tmp")
	missing=$(LD_LIBRARY_PATH=$libs ldd "$tmp/usr/bin/qemu-system-x86_64" 2>&1 |
		grep -E 'not found' || true)
	[ -z "$missing" ] || die "QEMU $QEMU_VERSION needs libraries this system lacks: ${missing//$'\n'/; }"
	for so in "$tmp"/usr/lib/*/qemu/*.so; do
		missing=$(LD_LIBRARY_PATH=$libs ldd "$so" 2>&1 | sed -n 's/^\t*\([^ ]*\) => not found.*/\1/p')
		[ -z "$missing" ] || echo "qemu-new: note: module $(basename "$so") lacks ${missing//$'\n'/ } (only a guest using it would notice)"
	done
	write_wrapper "$tmp"
	echo "$QEMU_VERSION" > "$tmp/VERSION"
	rm -rf "$out"
	mv "$tmp" "$out"
	date -u +%FT%TZ > "$out/.complete"
	check_version "$out"
	echo "qemu-new: Debian qemu-system-x86 $QEMU_VERSION in $out (run $out/qemu-system-x86_64)"
	[ -z "$extra" ] || while read -r line; do echo "qemu-new:   also $line"; done <<< "$extra"
}

main() {
	if [ "${1:-}" = "--check" ]; then
		[ $# -eq 2 ] || die "usage: $0 --check OUTDIR"
		check_version "$2"
		echo "qemu-new: $2 holds Debian qemu-system-x86 $(head -n1 "$2/VERSION")"
		return
	fi
	local out=${1:-build/qemu-new}
	out=${out%/}
	# A tree of another pin (the script was updated) is fetched anew.
	if [ -f "$out/.complete" ] && [ "$(head -n1 "$out/VERSION" 2>/dev/null)" = "$QEMU_VERSION" ] &&
	   [ "$(sed -n 's/=.* pinned$//p' "$out/PACKAGES" 2>/dev/null)" = "$(printf '%s\n' "${PINNED[@]}")" ]; then
		check_version "$out"
		echo "qemu-new: using cached Debian qemu-system-x86 $QEMU_VERSION in $out"
		return
	fi
	fetch "$out"
}

main "$@"
