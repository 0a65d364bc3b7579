#!/bin/sh
# Builds Stockroom's AppCDS archive for the install it is given (default: the one it lives in).
# JDK 17 ties an archive to the absolute path of the app jar, so it is made where the app is
# installed: by build.sh for the app-image, by the package's postinst for /opt/stockroom.
# A static dump of the classes the training run recorded; it needs no display and takes seconds.
set -e
DIR=${1:-$(cd "$(dirname "$0")/.." && pwd)}
APP=$DIR/lib/app
rm -f "$APP/stockroom.jsa"
"$DIR/lib/runtime/bin/java" -Xshare:dump \
  -XX:SharedClassListFile="$APP/stockroom.classlist" \
  -XX:SharedArchiveFile="$APP/stockroom.jsa" \
  -cp "$APP/stockroom.jar" >/dev/null
chmod 644 "$APP/stockroom.jsa"
