#!/usr/bin/env bash
# Builds Stockroom's jpackage app-image and the native installer of the machine it runs on:
# a .deb on Linux, a .dmg on macOS, an .msi on Windows (Git Bash). See jpackage/README.md.
#
#   jpackage/build.sh                 mvn package, then app-image + installer
#   jpackage/build.sh --no-maven      reuse target/stockroom.jar (CI runs it after mvn -B verify)
#   jpackage/build.sh --image-only    stop after the app-image
#   jpackage/build.sh --no-cds        no AppCDS archive (for the cold-start benchmark)
#   jpackage/build.sh --full-runtime  jpackage's default runtime instead of the trimmed one
#
# Output: target/jpackage/image/Stockroom (app-image), target/jpackage/dist/ (installer).
set -euo pipefail

die() {
  echo "jpackage/build.sh: $*" >&2
  exit 1
}
step() {
  echo "== $* ($(date +%T))"
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

MAVEN=1
INSTALLER=1
CDS=1
TRIMMED=1
for arg in "$@"; do
  case "$arg" in
    --no-maven) MAVEN=0 ;;
    --image-only) INSTALLER=0 ;;
    --no-cds) CDS=0 ;;
    --full-runtime) TRIMMED=0 ;;
    -h | --help)
      sed -n '2,12p' "$0"
      exit 0
      ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done

NAME=Stockroom
MAIN_CLASS=io.stockroom.cli.Main
OUT=target/jpackage
IMAGE=$OUT/image/$NAME
# The project's own version (the first <version> at two spaces is the project's), without a
# -SNAPSHOT suffix: installers want plain numbers.
POM_VERSION=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -n 1)
[ -n "$POM_VERSION" ] || die "cannot read the project version from pom.xml"
VERSION=${APP_VERSION:-${POM_VERSION%%-*}}

case "$(uname -s)" in
  Linux) PLATFORM=linux ;;
  Darwin) PLATFORM=mac ;;
  MINGW* | MSYS* | CYGWIN*) PLATFORM=windows ;;
  *) die "unsupported platform $(uname -s)" ;;
esac

for tool in java jpackage jlink jdeps; do
  command -v "$tool" >/dev/null || die "$tool not found: install a full JDK 17 (with jmods)"
done
JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
[ -f "$JDK_HOME/jmods/java.base.jmod" ] \
  || die "no jmods in $JDK_HOME: jlink needs them (Debian: apt-get install openjdk-17-jmods)"
java -version 2>&1 | grep -q 'version "17' \
  || echo "warning: this is built and measured with JDK 17; found $(java -version 2>&1 | head -n1)" >&2
if [ "$PLATFORM" = linux ] && [ "$INSTALLER" = 1 ]; then
  for tool in fakeroot dpkg-deb; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install fakeroot dpkg)"
  done
fi

# The CDS training run and the smoke run open a real window; without a display use Xvfb.
with_display() {
  if [ "$PLATFORM" = linux ] && [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || die "no DISPLAY and no xvfb-run (apt-get install xvfb)"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$@"
  else
    "$@"
  fi
}

if [ "$MAVEN" = 1 ]; then
  step "mvn package"
  mvn -q -B package -DskipTests
fi
[ -f target/stockroom.jar ] || die "target/stockroom.jar missing: run mvn -B package first"

step "input folder and icons"
rm -rf "$OUT"
mkdir -p "$OUT/input" "$OUT/dist"
cp -p target/stockroom.jar "$OUT/input/"
java jpackage/Icon.java "$OUT/icons"
case "$PLATFORM" in
  linux) ICON=$OUT/icons/stockroom.png ;;
  mac) ICON=$OUT/icons/stockroom.icns ;;
  windows) ICON=$OUT/icons/stockroom.ico ;;
esac

RUNTIME_ARGS=()
if [ "$TRIMMED" = 1 ]; then
  step "jdeps: modules the jar needs"
  MODULES=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
    "$OUT/input/stockroom.jar")
  [ -n "$MODULES" ] || die "jdeps found no modules"
  # Loaded by name at run time, so jdeps cannot see them: TLS key exchange (sync over https),
  # Liquibase's jar scanning (zip file system), other locales' formats, other charsets.
  MODULES=$MODULES,jdk.crypto.ec,jdk.zipfs,jdk.localedata,jdk.charsets
  echo "$MODULES"
  step "jlink: trimmed runtime with a CDS base archive"
  jlink --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$OUT/runtime"
  RUNTIME_ARGS=(--runtime-image "$OUT/runtime")
fi

step "jpackage app-image"
COMMON=(
  --name "$NAME"
  --app-version "$VERSION"
  --vendor "Stockroom"
  --description "Offline-first inventory for warehouse staff"
  --copyright "Stockroom contributors"
)
WIN_CONSOLE=()
if [ "$PLATFORM" = windows ]; then
  # The main launcher is a GUI program on Windows: a second one with a console runs the
  # command line (server, admin, local, sync) and prints to it.
  WIN_CONSOLE=(--add-launcher "StockroomCLI=jpackage/windows-cli-launcher.properties")
fi
MAC_ARGS=()
if [ "$PLATFORM" = mac ]; then
  MAC_ARGS=(--mac-package-identifier io.stockroom.app --mac-package-name "$NAME")
fi
jpackage --type app-image "${COMMON[@]}" "${RUNTIME_ARGS[@]}" "${WIN_CONSOLE[@]}" "${MAC_ARGS[@]}" \
  --input "$OUT/input" --main-jar stockroom.jar --main-class "$MAIN_CLASS" \
  --icon "$ICON" --dest "$OUT/image"

case "$PLATFORM" in
  mac)
    APP_DIR=$OUT/image/$NAME.app/Contents/app
    LAUNCHER=$OUT/image/$NAME.app/Contents/MacOS/$NAME
    ;;
  windows)
    APP_DIR=$IMAGE/app
    LAUNCHER=$IMAGE/$NAME.exe
    ;;
  *)
    APP_DIR=$IMAGE/lib/app
    LAUNCHER=$IMAGE/bin/$NAME
    ;;
esac
CFG=$APP_DIR/$NAME.cfg
[ -f "$CFG" ] || die "jpackage wrote no launcher configuration at $CFG"

if [ "$CDS" = 1 ] && [ "$PLATFORM" = linux ]; then
  # JDK 17 ties an AppCDS archive to the absolute path of the jar it was made with, so the
  # archive cannot be made here for the installed app: the app-image carries the list of classes
  # a start loads (from a training run in smoke mode) and jpackage/linux/stockroom-cds.sh, which
  # makes the archive where the app is (here for the app-image; the .deb's postinst at install).
  step "AppCDS: training run in smoke mode (class list)"
  TRAINING=$OUT/training-profile
  java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.SeedProfile "$TRAINING" 2000
  # JAVA_TOOL_OPTIONS reaches the JVM that the native launcher starts.
  JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$APP_DIR/stockroom.classlist" \
    with_display "$LAUNCHER" --smoke-test --profile "$TRAINING" \
    || die "the CDS training run failed"
  [ -s "$APP_DIR/stockroom.classlist" ] || die "the training run wrote no class list"
  rm -rf "$TRAINING"
  cp jpackage/linux/stockroom-cds.sh "$IMAGE/lib/"
  step "AppCDS: archive for the app-image"
  "$IMAGE/lib/stockroom-cds.sh" "$IMAGE" || die "the CDS dump failed"
  # -Xshare:auto (the default) starts without the archive if it is missing or does not fit.
  printf 'java-options=-XX:SharedArchiveFile=$APPDIR/stockroom.jsa\n' >>"$CFG"
  grep -q '^\[JavaOptions\]' "$CFG" || die "unexpected launcher configuration: $CFG"
  step "AppCDS: check the archive maps (-Xshare:on fails if it does not)"
  JAVA_TOOL_OPTIONS="-Xshare:on" "$LAUNCHER" --version \
    || die "the app-image does not start with its CDS archive"
elif [ "$CDS" = 1 ]; then
  echo "note: no AppCDS archive on $PLATFORM yet (see jpackage/README.md)"
fi
echo "app-image: $IMAGE ($(du -sh "$OUT/image" | cut -f1))"

if [ "$INSTALLER" = 0 ]; then
  exit 0
fi

step "jpackage installer ($PLATFORM)"
case "$PLATFORM" in
  linux)
    # The archive made for the app-image's path is useless at /opt/stockroom: postinst makes
    # that one (jpackage/linux/postinst and prerm replace jpackage's own, same placeholders).
    JSA=$APP_DIR/stockroom.jsa
    if [ -f "$JSA" ]; then mv "$JSA" "$OUT/stockroom.jsa.image"; fi
    jpackage --type deb --app-image "$IMAGE" "${COMMON[@]}" --dest "$OUT/dist" \
      --icon "$ICON" --resource-dir jpackage/linux \
      --linux-package-name stockroom \
      --linux-deb-maintainer "it@stockroom.invalid" \
      --linux-menu-group "Office;" \
      --linux-app-category misc \
      --linux-shortcut \
      --linux-package-deps libgtk-3-0
    if [ -f "$OUT/stockroom.jsa.image" ]; then mv "$OUT/stockroom.jsa.image" "$JSA"; fi
    ;;
  mac)
    # Not built on this project's CI (no macOS machine); see jpackage/README.md.
    jpackage --type dmg --app-image "$OUT/image/$NAME.app" "${COMMON[@]}" --dest "$OUT/dist" \
      --icon "$ICON" "${MAC_ARGS[@]}"
    ;;
  windows)
    # Not built on this project's CI (no Windows machine); needs the WiX Toolset 3 on PATH.
    # The upgrade UUID is fixed forever: it is what lets a newer .msi replace an older one.
    jpackage --type msi --app-image "$IMAGE" "${COMMON[@]}" --dest "$OUT/dist" \
      --icon "$ICON" \
      --win-menu --win-menu-group "$NAME" --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid 3f0d9c52-6c1e-4f7e-9a57-5d3b2c8e41a7
    ;;
esac
ls -l "$OUT/dist"
