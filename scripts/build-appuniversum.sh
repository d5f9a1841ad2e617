#!/usr/bin/env bash
# Rebuild the vendored Appuniversum CSS, fonts and icon sprite.
#
# Usage: scripts/build-appuniversum.sh [DEST]
#   DEST defaults to static/vendor/appuniversum (relative to the repo root).
#
# Needs node + npm (build time only; nothing Node-related is needed at runtime).
# Everything happens in a throw-away temp dir; only the output files land in DEST.
# DEST/README.md is maintained by hand and left alone.
set -euo pipefail

AU_PKG="@appuniversum/ember-appuniversum"
AU_VERSION="4.4.1"
# npm registry dist.integrity of ember-appuniversum-4.4.1.tgz
AU_INTEGRITY="sha512-3bhuDTZEBXl4/7LWCnnOSqxCeRXBicJq36gUp/H1GErRy8tDVYKgTq9i3hX5ThbEE4vet9iRXqi4Fa+Wds04sQ=="
SASS_VERSION="1.108.2"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$ROOT/static/vendor/appuniversum}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"

for cmd in node npm tar openssl base64; do
  command -v "$cmd" >/dev/null || { echo "error: '$cmd' not found" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

echo ">> fetching $AU_PKG@$AU_VERSION"
npm pack --silent "$AU_PKG@$AU_VERSION" >/dev/null
TGZ="$(ls appuniversum-ember-appuniversum-*.tgz)"
GOT="sha512-$(openssl dgst -sha512 -binary "$TGZ" | base64 | tr -d '\n')"
if [ "$GOT" != "$AU_INTEGRITY" ]; then
  echo "error: integrity mismatch for $TGZ" >&2
  echo "  expected $AU_INTEGRITY" >&2
  echo "  got      $GOT" >&2
  exit 1
fi
tar xzf "$TGZ"   # -> package/

echo ">> installing sass@$SASS_VERSION (temp dir only)"
npm install --silent --no-save --no-package-lock --no-audit --no-fund \
  --ignore-scripts --omit=optional "sass@$SASS_VERSION" >/dev/null

# Entry point: make the @font-face urls relative to the CSS file (fonts/...).
cat > entry.scss <<'SCSS'
$au-font-location: "fonts";
@import "index";
SCSS

echo ">> compiling"
{
  printf '/*! Appuniversum %s (%s, MIT licence, see LICENSE). Built by scripts/build-appuniversum.sh; do not edit. */\n' \
    "$AU_VERSION" "$AU_PKG"
  ./node_modules/.bin/sass --no-source-map --style=compressed --quiet \
    --load-path=package/styles entry.scss
} > appuniversum.css

# Collect every non-data url(...) in the CSS; each must exist in package/public.
mapfile -t URLS < <(grep -o 'url([^)]*)' appuniversum.css \
  | sed -e 's/^url(//' -e 's/)$//' -e "s/^[\"']//" -e "s/[\"']\$//" \
  | grep -v '^data:' | sed -e 's/[?#].*$//' | sort -u)

for u in "${URLS[@]}"; do
  case "$u" in
    /*|*://*|*..*) echo "error: unexpected url($u) in CSS" >&2; exit 1 ;;
  esac
  [ -f "package/public/$u" ] || { echo "error: url($u) not found in package/public" >&2; exit 1; }
done

echo ">> writing $DEST"
rm -rf "$DEST/fonts"
rm -f "$DEST/appuniversum.css" "$DEST/appuniversum-symbolset.svg" "$DEST/LICENSE"
cp appuniversum.css "$DEST/appuniversum.css"
cp package/public/appuniversum-symbolset.svg "$DEST/appuniversum-symbolset.svg"
cp package/LICENSE.md "$DEST/LICENSE"
for u in "${URLS[@]}"; do
  mkdir -p "$DEST/$(dirname "$u")"
  cp "package/public/$u" "$DEST/$u"
done

# Final check: every url() resolves relative to the CSS file in DEST.
missing=0
for u in "${URLS[@]}"; do
  [ -f "$DEST/$u" ] || { echo "missing: $u" >&2; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1

echo ">> done: ${#URLS[@]} url() references, all present"
(cd "$DEST" && find . -type f ! -name README.md -printf '%s\t%p\n' | sort -k2)
