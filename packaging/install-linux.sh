#!/usr/bin/env bash
# Install the built app for this user: the folder, a command, a menu entry, icons, the
# project file type (double-click a .claims file to open it) and AppStream metadata.
#
#   packaging/install-linux.sh [--prefix DIR] [--from FOLDER]    install (or update)
#   packaging/install-linux.sh [--prefix DIR] --uninstall         remove it again
#
# --prefix  where to install (default ~/.local): the app goes to PREFIX/opt/claim-annotator,
#           the command to PREFIX/bin/claim-annotator, the rest under PREFIX/share.
# --from    the built folder (default: the folder this script is in when it is the built
#           app, else dist/claim-annotator of the checkout; build it with `make package`).
# Nothing is written outside PREFIX; no root rights are needed for the default prefix.
# Labels, backups and logs are not touched by --uninstall (see the README).
set -euo pipefail

APP_ID=io.github.claimannotator.ClaimAnnotator
NAME=claim-annotator
SIZES=(16 24 32 48 64 128 256 512)

here="$(cd "$(dirname "$0")" && pwd)"
prefix="$HOME/.local"
from=""
uninstall=0
while [ $# -gt 0 ]; do
	case "$1" in
	--prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
	--from) from="${2:?--from needs the built folder}"; shift 2 ;;
	--uninstall) uninstall=1; shift ;;
	-h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
done
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
data="$prefix/share"
if [ "$prefix" = "$HOME/.local" ] && [ -n "${XDG_DATA_HOME:-}" ]; then
	data="$XDG_DATA_HOME"
fi
target="$prefix/opt/$NAME"
icons="$data/icons/hicolor"

refresh() {
	# Tell the desktop about the change, with whichever tools this system has.
	if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime"; fi
	if command -v update-desktop-database >/dev/null; then
		update-desktop-database -q "$data/applications" || true
	fi
	if command -v gtk-update-icon-cache >/dev/null && [ -f "$icons/index.theme" ]; then
		gtk-update-icon-cache -q -t -f "$icons" || true
	fi
}

if [ "$uninstall" = 1 ]; then
	rm -rf "$target"
	rm -f "$prefix/bin/$NAME" "$data/applications/$APP_ID.desktop" \
		"$data/metainfo/$APP_ID.metainfo.xml" "$data/mime/packages/$NAME.xml" \
		"$icons/scalable/apps/$APP_ID.svg"
	for size in "${SIZES[@]}"; do rm -f "$icons/${size}x${size}/apps/$APP_ID.png"; done
	mkdir -p "$data/mime/packages" "$data/applications"
	refresh
	echo "removed Claim annotator from $prefix (your projects, backups and logs are kept)"
	exit 0
fi

if [ -z "$from" ]; then
	if [ -x "$here/$NAME" ]; then from="$here"; else from="$here/../dist/$NAME"; fi
fi
if [ ! -x "$from/$NAME" ]; then
	echo "no built app in $from: run \`make package\` first, or pass --from FOLDER" >&2
	exit 1
fi
from="$(cd "$from" && pwd)"
resources="$from/_internal/annotator/_resources"
if [ ! -d "$resources/desktop" ]; then
	echo "$from has no desktop files ($resources/desktop): rebuild it with \`make package\`" >&2
	exit 1
fi

# The app folder: copied beside the old one, then swapped in, so a failed copy leaves
# the installed app as it was.
if [ "$from" != "$target" ]; then
	mkdir -p "$prefix/opt"
	rm -rf "$target.new"
	cp -a "$from" "$target.new"
	rm -rf "$target"
	mv "$target.new" "$target"
fi
mkdir -p "$prefix/bin"
ln -sfn "$target/$NAME" "$prefix/bin/$NAME"

# The menu entry starts the command by its full path: ~/.local/bin is often not on the
# PATH of the desktop session.
mkdir -p "$data/applications"
sed -e "s|^Exec=$NAME |Exec=\"$prefix/bin/$NAME\" |" -e "s|^TryExec=$NAME\$|TryExec=$prefix/bin/$NAME|" \
	"$resources/desktop/$APP_ID.desktop" >"$data/applications/$APP_ID.desktop"
install -D -m 644 "$resources/desktop/$APP_ID.metainfo.xml" "$data/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$resources/desktop/$NAME-mime.xml" "$data/mime/packages/$NAME.xml"
install -D -m 644 "$resources/icons/$NAME.svg" "$icons/scalable/apps/$APP_ID.svg"
for size in "${SIZES[@]}"; do
	install -D -m 644 "$resources/icons/png/$NAME-$size.png" "$icons/${size}x${size}/apps/$APP_ID.png"
done
refresh

echo "installed Claim annotator in $target"
echo "  command:    $prefix/bin/$NAME   (try: $NAME --self-test)"
echo "  menu entry: $data/applications/$APP_ID.desktop"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "  note: $prefix/bin is not on your PATH; the menu entry works without it" ;;
esac
