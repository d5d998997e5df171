#!/usr/bin/env bash
# Benchmark of the web UI's server (not a test; prints figures):
#   1. upload throughput of a ~1 GB archive (zip of incompressible files: streamed to disk, then unpacked) and of
#      the same bytes as one plain file, in MB/s, with the server's peak heap while they run (jstat, every 100 ms);
#   2. time from POST /api/runs ("run" clicked) to the first progress event the run received.
# Usage: tools/bench/web-bench.sh [SIZE_MB]   (default 1024; needs ~4x that on the disk of $TMPDIR)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
size_mb="${1:-1024}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && { kill -TERM -- "-$server_pid" 2>/dev/null || true; sleep 3; kill -KILL -- "-$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
export RT_HOME="$work/home"

python3 - "$work" "$size_mb" <<'PY'
import os, sys, zipfile
work, mb = sys.argv[1], int(sys.argv[2])
chunk = os.urandom(1 << 20)
# 64 files of size_mb/64 MB each, stored (random data does not deflate): the archive is ~size_mb MB
per = max(1, mb // 64)
with zipfile.ZipFile(os.path.join(work, "big.zip"), "w", zipfile.ZIP_STORED) as z:
    for i in range(64):
        with z.open(f"series{i:02d}/data.bin", "w", force_zip64=True) as f:
            for k in range(per):
                f.write(chunk[k % 7:] + chunk[:k % 7])
os.link(os.path.join(work, "big.zip"), os.path.join(work, "big.bin"))
PY
./rt demo "$work/demo" --write-only >/dev/null 2>&1
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
setsid ./rt serve --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
java_pid="$(pgrep -g "$server_pid" java | head -1)"
echo "server: $base, java pid $java_pid, max heap $(curl -s "$base/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["maxHeapBytes"] >> 20)') MiB"

# heap sampler: used = S0U + S1U + EU + OU (KiB), every 100 ms, until stopped
jstat -gc "$java_pid" 100 >"$work/jstat.log" 2>/dev/null &
jstat_pid=$!
W=(-H "X-RT-Request: 1")
bytes=$(stat -c %s "$work/big.zip")
for kind in bin zip; do
  up="$(curl -s -X POST "${W[@]}" "$base/api/uploads" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  t=$(curl -s -o "$work/put.json" -w '%{time_total}' -X PUT "${W[@]}" -H 'Content-Type: application/octet-stream' \
      -T "$work/big.$kind" "$base/api/uploads/$up?path=big.$kind")
  python3 -c "import sys; b,t=int(sys.argv[1]),float(sys.argv[2]); print(f'upload {sys.argv[3]:>3}: {b/1e6:.0f} MB in {t:.1f} s = {b/1e6/t:.0f} MB/s ({sys.argv[4]})')" \
    "$bytes" "$t" "$kind" "$([[ $kind == zip ]] && echo 'streamed to disk, then unpacked' || echo 'streamed to disk')"
  head -c 300 "$work/put.json"; echo
  curl -s -X DELETE "${W[@]}" "$base/api/uploads/$up" >/dev/null
done
kill "$jstat_pid" 2>/dev/null || true
python3 - "$work/jstat.log" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.lstrip().startswith("S0C")]
head = open(sys.argv[1]).readline().split()
idx = [head.index(c) for c in ("S0U", "S1U", "EU", "OU")]
used = [sum(float(r[i].replace(",", ".")) for i in idx) / 1024 for r in rows if len(r) == len(head)]
print(f"server heap during the uploads: peak {max(used):.0f} MiB used, median {sorted(used)[len(used)//2]:.0f} MiB ({len(used)} samples)")
PY

# time from "run" to the first progress event, on the demo cohort (the run is cancelled once it has started)
up="$(curl -s -X POST "${W[@]}" "$base/api/uploads" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
for f in $(cd "$work/demo/input" && find . -type f | sed 's|^\./||'); do
  curl -s -o /dev/null -X PUT "${W[@]}" --data-binary @"$work/demo/input/$f" "$base/api/uploads/$up?path=$f"
done
for i in 1 2 3; do
  t0=$(date +%s%N)
  run="$(curl -s -X POST "${W[@]}" -d "{\"upload\":\"$up\",\"stages\":[\"organize\"],\"force\":true}" "$base/api/runs" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  while :; do
    first="$(curl -s "$base/api/runs/$run" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["firstEventMillis"], d["state"])')"
    [[ "${first%% *}" != "-1" || "${first#* }" != "running" && "${first#* }" != "queued" ]] && break
    sleep 0.02
  done
  echo "run $i: first progress event ${first%% *} ms after the run request (server clock; seen by the client after $(( ($(date +%s%N) - t0) / 1000000 )) ms)"
  while curl -s "$base/api/runs/$run" | grep -q '"state":"running"'; do sleep 0.5; done
done
