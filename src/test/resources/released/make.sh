#!/usr/bin/env bash
# Makes the frozen profiles of one released schema version with that release's own jar:
#   make.sh JAR OUT_DIR VERSION
# OUT_DIR receives laptop.mv.db (a laptop profile) and, for releases with a sync server,
# server.mv.db (the server's store it synced with). See README.md beside this script for what the
# profile holds and which commit built each jar. Run once per release; the results are committed.
set -euo pipefail
jar=$(realpath "$1")
out=$(realpath -m "$2")
v=$3
work=$(mktemp -d)
server_pid=
stop_server() { if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" || true; server_pid=; fi; }
trap 'stop_server; rm -rf "$work"' EXIT
sr() { java -jar "$jar" "$@"; }
mkdir -p "$out"

if sr --help 2>&1 | grep -q '^ *sync'; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  sr server --port "$port" --data "$work/server" --demo --demo-items 3 > "$work/server.log" 2>&1 &
  server_pid=$!
  until grep -q "listening on" "$work/server.log"; do
    kill -0 "$server_pid" || { cat "$work/server.log"; exit 1; }
    sleep 0.2
  done
  url="http://127.0.0.1:$port"
  echo demo | sr sync --profile "$work/a" --server "$url" --user demo --password-stdin
  echo demo | sr sync --profile "$work/b" --server "$url" --user demo --password-stdin
  sku=$(sr local --profile "$work/a" list-items --json | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("items", d) if isinstance(d, dict) else d; print(sorted(i["sku"] for i in d)[0])')
  # Both laptops rename the same item; A's rename reaches the server first: B's is a conflict.
  sr local --profile "$work/a" update-item --sku "$sku" --name "Renamed on laptop A"
  echo demo | sr sync --profile "$work/a" --server "$url" --user demo --password-stdin
  sr local --profile "$work/b" update-item --sku "$sku" --name "Renamed on laptop B"
  echo demo | sr sync --profile "$work/b" --server "$url" --user demo --password-stdin || true
fi
# Work done offline afterwards: still queued in the frozen profile.
sr local --profile "$work/b" add-item --sku "OFFLINE-$v" --name "Added offline in $v"
sr local --profile "$work/b" add-location --code "BIN-$v"
sr local --profile "$work/b" move --sku "OFFLINE-$v" --to "BIN-$v" --qty 5 --reason receive
sr local --profile "$work/b" queue --json > "$out/queue.json"
if [ -n "$server_pid" ]; then
  sr local --profile "$work/b" conflicts --json > "$out/conflicts.json"
  stop_server
  cp "$work/server/"*.mv.db "$out/server.mv.db"
fi
cp "$work/b/stockroom.mv.db" "$out/laptop.mv.db"
ls -la "$out"
