#!/usr/bin/env bash
# The cold-start benchmark: runs a Stockroom command in smoke mode RUNS times on PROFILE under
# one Xvfb server and prints each time to the first painted items table and their median.
# Figures and method: docs/benchmarks/cold-start.md.
#
#   jpackage/cold-start.sh PROFILE RUNS COMMAND...
#   jpackage/cold-start.sh /tmp/p100k 5 java -jar target/stockroom.jar
#   jpackage/cold-start.sh /tmp/p100k 5 target/jpackage/image/Stockroom/bin/Stockroom
#
# Seed a profile first: java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.SeedProfile DIR 100000
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,10p' "$0"; exit 2; }
PROFILE=$1
RUNS=$2
shift 2
[ -d "$PROFILE" ] || { echo "no profile at $PROFILE" >&2; exit 2; }

run_all() {
  local times=()
  for _ in $(seq "$RUNS"); do
    line=$("$@" --smoke-test --profile "$PROFILE" 2>/dev/null | grep '^first paint after') \
      || { echo "smoke run failed: $*" >&2; exit 1; }
    echo "$line"
    times+=("$(echo "$line" | awk '{print $4}')")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "median of $RUNS: $median ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
}

if [ -z "${DISPLAY:-}" ]; then
  # One Xvfb server for all runs; "--" keeps xvfb-run from reading the command's options.
  exec xvfb-run -a -s "-screen 0 1600x1000x24" -- "$(cd "$(dirname "$0")" && pwd)/$(basename "$0")" \
    "$PROFILE" "$RUNS" "$@"
fi
run_all "$@"
