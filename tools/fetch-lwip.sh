#!/bin/bash
# Fetches lwIP as Debian 13 "trixie" ships it: the 'lwip' source package, with
# Debian's patches applied by dpkg-source (some are security fixes), unpacked
# into build/lwip-src; then applies nicstack's own fixes, the series in
# net/lwip/patches/ (one fix per patch, each with a header saying why). We
# never vendor lwIP; this script is how it arrives.
#
#   tools/fetch-lwip.sh [OUTDIR]          fetch unless OUTDIR holds Debian's tree,
#                                         then (re)apply the series if it changed
#   tools/fetch-lwip.sh --check OUTDIR    only check OUTDIR's recorded version
#
# apt runs with a private configuration under build/apt-lwip (tools/debian-apt.sh):
# its own sources list (one deb-src line for trixie), lists, cache and state
# folders. The system's apt configuration and lists are only read, never
# changed. Release signatures are checked against Debian's archive keyring.
#
# Result:
#   OUTDIR/debian/                     Debian's tree as dpkg-source left it (cached)
#   OUTDIR/lwip/                       a fresh copy of it with the series applied
#   OUTDIR/VERSION                     the exact Debian version, e.g. 2.2.1+dfsg1-5
#   OUTDIR/PATCHES                     the series applied: name and sha256, in order
#   OUTDIR/nicstack_lwip_version.h     NICSTACK_LWIP_DEBIAN_VERSION and
#                                      NICSTACK_LWIP_PATCHES for the banner
#   OUTDIR/.complete                   written last: the tree is whole
set -euo pipefail

WANT_UPSTREAM=2.2.1
SUITE=trixie
# NICSTACK_LWIP_PATCH_DIR points elsewhere for tests of this script.
PATCH_DIR=${NICSTACK_LWIP_PATCH_DIR:-$(cd "$(dirname "$0")/../net/lwip/patches" && pwd)}

die() { echo "lwip: $*" >&2; exit 1; }
# shellcheck source=tools/debian-apt.sh
. "$(dirname "$0")/debian-apt.sh"

# Debian version [epoch:]upstream[-revision] -> upstream without repack
# suffixes (+dfsg1, ~ds): the number lwIP itself calls its release.
upstream_of() {
	local v=${1#*:}
	v=${v%-*}
	v=${v%%+*}
	echo "${v%%~*}"
}

# Refuses a tree that is not lwIP $WANT_UPSTREAM, both by Debian's version
# string and by lwIP's own version macros (a repacked tarball could differ).
check_version() {
	local dir=$1 ver up init
	[ -s "$dir/VERSION" ] || die "no $dir/VERSION: the lwIP tree is incomplete"
	ver=$(head -n1 "$dir/VERSION")
	up=$(upstream_of "$ver")
	[ "$up" = "$WANT_UPSTREAM" ] || die "Debian's lwip is $ver (upstream $up), but nicstack's port is written for upstream $WANT_UPSTREAM; refusing to build with it"
	init=$dir/lwip/src/include/lwip/init.h
	[ -f "$init" ] || die "$init missing: the lwIP tree is incomplete"
	local maj min rev
	maj=$(sed -n 's/^#define LWIP_VERSION_MAJOR *\([0-9]*\).*/\1/p' "$init")
	min=$(sed -n 's/^#define LWIP_VERSION_MINOR *\([0-9]*\).*/\1/p' "$init")
	rev=$(sed -n 's/^#define LWIP_VERSION_REVISION *\([0-9]*\).*/\1/p' "$init")
	[ "$maj.$min.$rev" = "$WANT_UPSTREAM" ] || die "lwip/init.h says $maj.$min.$rev, expected $WANT_UPSTREAM; refusing to build with it"
}

fetch() {
	local out=$1 build mirror
	build=$(dirname "$(dirname "$out")")
	mirror=$(find_mirror)
	check_keyring 13/trixie
	apt_private "$build/apt-lwip" "deb-src [signed-by=$KEYRING] $mirror $SUITE main"
	echo "lwip: fetching Debian $SUITE's lwip source package from $mirror"
	local log=$APT_LOG
	apt_update "trixie's" "$mirror"

	local tmp=$out.tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	apt_as_apt "$tmp"
	(cd "$tmp" && apt-get "${APT_OPTS[@]}" source lwip) > "$log" 2>&1 ||
		die "apt-get source failed: $(apt_reason "$log"); need access to the Debian archive ($mirror)"
	chown "$(id -u):$(id -g)" "$tmp"

	local dsc tree ver
	dsc=$(find "$tmp" -maxdepth 1 -name 'lwip_*.dsc' | head -n1)
	[ -n "$dsc" ] || die "apt-get source left no .dsc in $tmp"
	ver=$(sed -n 's/^Version: *//p' "$dsc" | head -n1)
	tree=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'lwip-*' | head -n1)
	if [ -z "$ver" ] || [ -z "$tree" ]; then
		die "apt-get source left no unpacked tree in $tmp"
	fi
	mv "$tree" "$tmp/lwip"
	echo "$ver" > "$tmp/VERSION"
	check_version "$tmp"
	# Keep the Debian files beside the tree: they say what was built.
	date -u +%FT%TZ > "$tmp/.fetched"
	rm -rf "$out"
	mv "$tmp" "$out"
	echo "lwip: fetched Debian lwip $ver into $out"
}

# The series as 'NAME SHA256' lines, in order: what PATCHES records, and how
# a changed series is noticed.
series_digest() {
	local name
	[ -f "$PATCH_DIR/series" ] || die "$PATCH_DIR/series missing"
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCH_DIR/series" | while read -r name; do
		[ -f "$PATCH_DIR/$name" ] || die "series names $name, which is not in $PATCH_DIR"
		echo "$name $(sha256sum < "$PATCH_DIR/$name" | cut -d' ' -f1)"
	done
}

# A fresh copy of Debian's tree with every patch of the series applied in
# order. A patch that does not apply exactly (no fuzz) stops the build and
# names itself: a silently half-applied fix is worse than none.
apply_series() {
	local out=$1 debian=$1/debian tmp=$1/lwip.tmp digest name n=0
	digest=$(series_digest)
	rm -rf "$tmp"
	# Not cp -p: every file gets a new time, so make recompiles lwIP whenever
	# the series changes (a dropped patch must not leave its objects behind).
	cp -R "$debian/lwip" "$tmp"
	while read -r name _; do
		[ -n "$name" ] || continue
		if ! patch -d "$tmp" -p1 -F0 --dry-run --quiet < "$PATCH_DIR/$name" > "$out/patch.log" 2>&1; then
			cat "$out/patch.log" >&2
			die "net/lwip/patches/$name does not apply to Debian lwip $(head -n1 "$debian/VERSION"): refresh it"
		fi
		patch -d "$tmp" -p1 -F0 --quiet --no-backup-if-mismatch < "$PATCH_DIR/$name"
		n=$((n + 1))
	done <<< "$digest"
	rm -rf "$out/lwip"
	mv "$tmp" "$out/lwip"
	cp "$debian/VERSION" "$out/VERSION"
	echo "$digest" > "$out/PATCHES"
	cat > "$out/nicstack_lwip_version.h" <<EOF
/* Generated by tools/fetch-lwip.sh: the Debian lwip source package built in. */
#ifndef NICSTACK_LWIP_VERSION_H
#define NICSTACK_LWIP_VERSION_H
#define NICSTACK_LWIP_DEBIAN_VERSION "$(head -n1 "$debian/VERSION")"
#define NICSTACK_LWIP_PATCHES $n
#endif
EOF
	date -u +%FT%TZ > "$out/.complete"
	echo "lwip: Debian lwip $(head -n1 "$out/VERSION") with $n nicstack patches in $out/lwip"
}

main() {
	if [ "${1:-}" = "--check" ]; then
		[ $# -eq 2 ] || die "usage: $0 --check OUTDIR"
		check_version "$2"
		echo "lwip: $2 holds Debian lwip $(head -n1 "$2/VERSION")"
		return
	fi
	local out=${1:-build/lwip-src}
	out=${out%/}
	if [ -f "$out/debian/.fetched" ]; then
		check_version "$out/debian"
	else
		fetch "$out/debian"
	fi
	if [ -f "$out/.complete" ] && [ -f "$out/PATCHES" ] &&
	   [ "$(series_digest)" = "$(cat "$out/PATCHES")" ]; then
		check_version "$out"
		echo "lwip: using cached Debian lwip $(head -n1 "$out/VERSION") and its patches in $out"
		return
	fi
	rm -f "$out/.complete"
	apply_series "$out"
	check_version "$out"
}

main "$@"
