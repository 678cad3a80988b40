#!/usr/bin/env bash
# Re-take docs/screenshot-home.png and docs/screenshot-output-format.png from a fresh strict build, with Debian's
# headless Chromium (apt-get install chromium), as the pages look at 1280 pixels wide. Run from anywhere after a
# change to index.md, output-format.md or the navigation.
set -euo pipefail
cd "$(dirname "$0")/../.."
NO_MKDOCS_2_WARNING=1 mkdocs build --strict --quiet
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shot() {  # page, window size, picture
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$profile" \
    --hide-scrollbars --window-size="$2" --screenshot="$3" "file://$PWD/site/$1"
}
shot index.html 1280,1000 docs/screenshot-home.png
shot output-format/index.html 1280,1400 docs/screenshot-output-format.png
