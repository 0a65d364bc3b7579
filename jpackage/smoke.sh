#!/usr/bin/env bash
# Runs what jpackage/build.sh made, headless under Xvfb, in the app's smoke mode (start, paint the
# items table, print the time to the first painted frame, exit 0):
#   1. the app-image on an empty profile (first-run screen) and on a profile of N items;
#   2. the .deb unpacked into a scratch root (dpkg -x): its metadata, its CDS archive, the same
#      smoke run with the installed launcher, an upgrade of a profile the previous release wrote
#      (schema v2, with a queued mutation), and the server command from the same install.
#
#   jpackage/smoke.sh [ITEMS]        (default 100000)
set -euo pipefail

die() {
  echo "jpackage/smoke.sh: FAILED: $*" >&2
  exit 1
}
step() {
  echo "== $* ($(date +%T))"
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ITEMS=${1:-100000}
OUT=target/jpackage
IMAGE=$OUT/image/Stockroom
LAUNCHER=$IMAGE/bin/Stockroom
[ -x "$LAUNCHER" ] || die "no app-image at $IMAGE: run jpackage/build.sh first"
command -v xvfb-run >/dev/null || die "xvfb-run not found (apt-get install xvfb)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Runs a launcher in smoke mode under Xvfb; prints its output; fails without the timing line.
smoke() {
  local launcher=$1 profile=$2 log=$WORK/smoke.log
  if ! xvfb-run -a -s "-screen 0 1600x1000x24" "$launcher" --smoke-test --profile "$profile" \
    >"$log" 2>&1; then
    cat "$log" >&2
    die "$launcher --smoke-test exited non-zero on $profile"
  fi
  grep -v '^WARNING: Unsupported JavaFX configuration\|PlatformImpl startup$' "$log" || true
  grep -q '^first paint after [0-9]* ms' "$log" || die "$launcher printed no first-paint time"
}

step "app-image, empty profile (first-run screen)"
smoke "$LAUNCHER" "$WORK/empty"

step "seeding a profile with $ITEMS items"
java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.SeedProfile "$WORK/full" "$ITEMS"

step "app-image, $ITEMS items"
smoke "$LAUNCHER" "$WORK/full"

DEB=$(ls "$OUT"/dist/*.deb 2>/dev/null | head -n 1 || true)
[ -n "$DEB" ] || die "no .deb in $OUT/dist: run jpackage/build.sh (without --image-only)"

step "package metadata: $(basename "$DEB")"
POM_VERSION=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -n 1)
dpkg-deb -f "$DEB" Package Version Depends
# Listings go to files first: grep -q closing a pipe early would fail the pipe (pipefail).
dpkg-deb -c "$DEB" >"$WORK/contents"
dpkg-deb -I "$DEB" postinst >"$WORK/postinst"
[ "$(dpkg-deb -f "$DEB" Package)" = stockroom ] || die "package name is not stockroom"
case "$(dpkg-deb -f "$DEB" Version)" in
  "${POM_VERSION%%-*}"*) ;;
  *) die "package version is not the pom's (${POM_VERSION%%-*})" ;;
esac
case "$(dpkg-deb -f "$DEB" Depends)" in
  *libgtk-3-0*) ;;
  *) die "the package does not depend on libgtk-3-0" ;;
esac
grep -q 'opt/stockroom/lib/stockroom-Stockroom.desktop' "$WORK/contents" \
  || die "the package has no menu entry (.desktop file)"
grep -q 'opt/stockroom/lib/app/stockroom.jsa' "$WORK/contents" \
  && die "the package carries an AppCDS archive made for another path"

step "unpack into a scratch root"
dpkg -x "$DEB" "$WORK/root"
INSTALLED=$WORK/root/opt/stockroom/bin/Stockroom
[ -x "$INSTALLED" ] || die "the package has no launcher at /opt/stockroom/bin/Stockroom"

grep -q 'xdg-desktop-menu install' "$WORK/postinst" \
  || die "postinst does not install the menu entry"
if grep -q 'opt/stockroom/lib/app/stockroom.classlist' "$WORK/contents"; then
  step "installed app: the CDS archive postinst makes, and the launcher maps it"
  grep -q 'stockroom-cds.sh /opt/stockroom' "$WORK/postinst" \
    || die "postinst does not make the CDS archive"
  # What postinst runs, for this root instead of /opt/stockroom.
  "$WORK/root/opt/stockroom/lib/stockroom-cds.sh" "$WORK/root/opt/stockroom" \
    || die "stockroom-cds.sh failed in the unpacked package"
  JAVA_TOOL_OPTIONS=-Xshare:on "$INSTALLED" --version >"$WORK/cds.log" 2>&1 \
    || { cat "$WORK/cds.log" >&2; die "the installed app cannot use its CDS archive"; }
else
  echo "note: the package carries no AppCDS class list (built with --no-cds?)"
fi

step "installed launcher, $ITEMS items"
smoke "$INSTALLED" "$WORK/full"

step "installed launcher, upgrading a profile of the previous release (schema v2) with queued work"
[ -d target/test-classes/io/stockroom/store ] \
  || die "target/test-classes missing: run 'mvn -B verify' first (it writes the old profile)"
java -cp target/stockroom.jar:target/test-classes io.stockroom.store.OldProfiles "$WORK/old" v2
smoke "$INSTALLED" "$WORK/old"
"$INSTALLED" local --profile "$WORK/old" queue --json >"$WORK/queue.json" 2>"$WORK/queue.log" \
  || { cat "$WORK/queue.log" >&2; die "'Stockroom local queue' failed on the upgraded profile"; }
grep -q '00000000-0000-4000-8000-0000000000b1' "$WORK/queue.json" \
  || { cat "$WORK/queue.json" >&2; die "the upgraded profile lost its queued mutation"; }
"$INSTALLED" local --profile "$WORK/old" list-items --json >"$WORK/items.json" 2>>"$WORK/queue.log" \
  || die "'Stockroom local list-items' failed on the upgraded profile"
grep -q 'BOLT-M8' "$WORK/items.json" || die "the upgraded profile lost its item"

step "installed launcher, the server command"
"$INSTALLED" server --help >"$WORK/server.log" 2>&1 \
  || { cat "$WORK/server.log" >&2; die "'Stockroom server --help' failed"; }
grep -q -- '--port' "$WORK/server.log" || die "'Stockroom server --help' does not show --port"

echo "jpackage/smoke.sh: all smoke runs passed"
