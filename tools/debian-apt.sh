# shellcheck shell=bash
# Sourced by tools/fetch-lwip.sh and tools/fetch-qemu.sh: apt against one
# Debian suite with a private configuration, leaving the system's apt alone.
#
# The caller defines die() (its message prefix) before sourcing this file.
#
#   apt_private DIR LINE    DIR holds our own sources list (the one LINE),
#                           lists, cache and state; sets APT_OPTS and APT_LOG
#   apt_update WHAT MIRROR  apt-get update with APT_OPTS; WHAT names the suite
#                           in error messages ("trixie's", ...)
#   apt_as_apt DIR          lets apt's unprivileged _apt user write into DIR
#   apt_reason LOG          the line of LOG worth showing the user
#   find_mirror             the system's Debian mirror (NICSTACK_DEBIAN_MIRROR wins)
#   check_keyring TAG       the archive keyring holds a key for TAG ("13/trixie")

KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# The first error apt logged, else its last line: what to tell the user.
apt_reason() {
	local r
	r=$(grep -E '^(E|W|dpkg-source: error):' "$1" | head -n1 || true)
	[ -n "$r" ] || r=$(tail -n1 "$1")
	echo "${r#[EW]: }"
}

# The Debian archive the system already uses: the first URI ending in
# /debian in the sources apt itself reads (sources.list, *.list, *.sources).
# NICSTACK_DEBIAN_MIRROR overrides it on hosts whose apt has no Debian mirror.
find_mirror() {
	if [ -n "${NICSTACK_DEBIAN_MIRROR:-}" ]; then
		echo "${NICSTACK_DEBIAN_MIRROR%/}"
		return
	fi
	local files=() f uri
	[ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
	for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && files+=("$f")
	done
	[ ${#files[@]} -gt 0 ] || die "no apt sources in /etc/apt; set NICSTACK_DEBIAN_MIRROR=http://<mirror>/debian"
	# One-line format: 'deb [opts] URI suite...'; deb822: 'URIs: URI...'.
	uri=$(sed -e 's/#.*//' -e 's/\[[^]]*\]//' "${files[@]}" |
		awk '$1 == "deb" || $1 == "deb-src" { print $2 }
		     tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' |
		grep -E '^(https?|file)://[^ ]*/debian/?$' | head -n1 || true)
	[ -n "$uri" ] || die "no Debian mirror (a URI ending in /debian) in /etc/apt; set NICSTACK_DEBIAN_MIRROR=http://<mirror>/debian"
	echo "${uri%/}"
}

# A suite's Release file is signed with that release's archive keys; an
# older debian-archive-keyring lacks them and apt would fail with NO_PUBKEY.
check_keyring() {
	[ -f "$KEYRING" ] || die "$KEYRING missing: install debian-archive-keyring"
	command -v gpg >/dev/null || return 0	# apt still verifies; this only explains
	local n
	n=$(gpg --batch --no-default-keyring --keyring "$KEYRING" --with-colons \
		--list-keys 2>/dev/null | grep -c "^uid:.*($1)" || true)
	[ "$n" -gt 0 ] || die "$KEYRING has no Debian $1 key: update debian-archive-keyring"
}

# apt downloads as the unprivileged _apt user when run as root.
apt_as_apt() {
	if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
		chown -R _apt "$@"
	fi
}

apt_private() {
	local dir=$1 line=$2
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/state"
	dir=$(cd "$dir" && pwd)
	echo "$line" > "$dir/sources.list"
	# Only our own files: no system sources, no system lists or caches.
	APT_OPTS=(
		-o Dir::Etc::SourceList="$dir/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o Dir::State="$dir/state"
		-o Dir::State::Lists="$dir/lists"
		-o Dir::Cache="$dir/cache"
		-o Acquire::Languages=none
		-q
	)
	APT_LOG=$dir/apt.log
	apt_as_apt "$dir/lists" "$dir/cache"
}

apt_update() {
	local what=$1 mirror=$2
	# apt-get update exits 0 even when the index failed to download or
	# verify (it warns and carries on), so its warnings count as failure.
	if ! apt-get "${APT_OPTS[@]}" update > "$APT_LOG" 2>&1 ||
	   grep -qE '^(E:|W: (Failed|GPG|An error|The repository))' "$APT_LOG"; then
		grep -qE 'NO_PUBKEY|EXPKEYSIG|not signed' "$APT_LOG" &&
			die "apt-get update failed: $(apt_reason "$APT_LOG"); $what Release file does not verify against $KEYRING: update debian-archive-keyring"
		die "apt-get update failed: $(apt_reason "$APT_LOG"); need access to the Debian archive ($mirror)"
	fi
}
