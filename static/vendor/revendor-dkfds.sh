#!/usr/bin/env bash
# Re-create static/vendor/dkfds/ from the pinned DKFDS release.
#
# Vendors only what a server-rendered site needs:
#   css/dkfds.min.css      neutral theme (no borger.dk / virk.dk branding)
#   js/dkfds.min.js        UMD bundle, exposes window.DKFDS
#   fonts/.../woff2/*      IBM Plex Sans, woff2 only, only the faces the CSS uses
#   img/svg-icons/*.svg    icon files referenced by url() in the CSS
#   img/*placeholder.png   logo placeholders referenced by the CSS
#   img/all-svg-icons.svg  icon sprite for <svg><use href="...#name">
#   LICENSE.md, font licence, VERSION
#
# The CSS is patched in two ways: non-woff2 font sources (eot/woff/ttf) are
# removed from @font-face, and the sourceMappingURL comments are dropped from
# CSS and JS (maps are not vendored). Every url() left in the CSS is copied,
# and the script fails if one of them does not exist in the package.
#
# Usage: static/vendor/revendor-dkfds.sh   (needs npm, tar, grep, sed)
set -euo pipefail

DKFDS_VERSION="11.2.0"
THEME_CSS="dkfds.min.css"   # alternatives: dkfds-borgerdk.min.css, dkfds-virkdk.min.css

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/dkfds"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "Fetching dkfds@$DKFDS_VERSION"
(cd "$tmp" && npm pack --silent "dkfds@$DKFDS_VERSION" >/dev/null)
tar -xzf "$tmp/dkfds-$DKFDS_VERSION.tgz" -C "$tmp"
dist="$tmp/package/dist"

rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js"

# CSS: keep only woff2 font sources, drop the source-map comment.
sed -E \
  -e 's#,url\(\.\./fonts/[^)]*\.(woff|ttf)\) format\("[^"]*"\)##g' \
  -e 's#url\(\.\./fonts/[^)]*\.eot\),?##g' \
  -e 's#/\*[#@] sourceMappingURL=[^*]*\*/##g' \
  "$dist/css/$THEME_CSS" > "$dest/css/dkfds.min.css"

# JS: drop the source-map comment.
sed -E '/^\/\/[#@] sourceMappingURL=/d' "$dist/js/dkfds.min.js" > "$dest/js/dkfds.min.js"

# Copy every file the CSS refers to, keeping the relative layout (css/../X).
grep -oE 'url\([^)]*\)' "$dest/css/dkfds.min.css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | sort -u |
while read -r ref; do
  case "$ref" in
    ../*) ;;
    *) echo "ERROR: unexpected url() in CSS: $ref" >&2; exit 1 ;;
  esac
  rel="${ref#../}"
  if [ ! -f "$dist/$rel" ]; then
    echo "ERROR: CSS refers to $rel, which is not in the package" >&2; exit 1
  fi
  mkdir -p "$dest/$(dirname "$rel")"
  cp "$dist/$rel" "$dest/$rel"
done

# Icon sprite, licences, version.
cp "$dist/img/all-svg-icons.svg" "$dest/img/all-svg-icons.svg"
cp "$dist/LICENSE.md" "$dest/LICENSE.md"
cp "$dist/fonts/IBMPlexSans/complete/woff2/license.txt" "$dest/fonts/IBMPlexSans/complete/woff2/license.txt"
# The icons are Apache-2.0 and the package only links to that licence; ship its text.
cp /usr/share/common-licenses/Apache-2.0 "$dest/LICENSE-Apache-2.0.txt"
echo "$DKFDS_VERSION" > "$dest/VERSION"

# Sanity checks: no font format other than woff2, nothing external.
if find "$dest/fonts" -type f ! -name '*.woff2' ! -name 'license.txt' | grep -q .; then
  echo "ERROR: non-woff2 font files vendored" >&2; exit 1
fi
if grep -qE 'url\((["'\'']?)(https?:|//|data:)' "$dest/css/dkfds.min.css"; then
  echo "ERROR: external or data: url() in CSS" >&2; exit 1
fi

echo "Vendored dkfds $DKFDS_VERSION into $dest:"
(cd "$dest" && echo "  $(find . -type f | wc -l) files, $(du -sh --apparent-size . | cut -f1)")
