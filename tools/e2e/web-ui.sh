#!/usr/bin/env bash
# End-to-end check of the web UI (rt.web): starts `./rt serve` on a free loopback port with an API token, checks the
# JSON API's guards with hostile requests, then drives headless Chromium (Debian `chromium`, playwright-core from npm)
# through upload → run → 100 % → report → DVH → results.xlsx, and reads the workbook back.
# Screenshots and the downloaded workbook stay in target/e2e-web/. Needs: node + npm, chromium, python3-openpyxl.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
out="$repo/target/e2e-web"
rm -rf "$out"; mkdir -p "$out"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true   # the server's own process group (setsid below)
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium missing (Debian package chromium)"
if [[ ! -d tools/e2e/web/node_modules/playwright-core ]]; then
  (cd tools/e2e/web && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in tools/e2e/web failed"
fi

export RT_HOME="$work/home"
./rt demo "$work/demo" --write-only >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; fail "rt demo --write-only"; }
[[ -d "$work/demo/input" ]] || fail "rt demo --write-only wrote no input/"
python3 - "$work/demo" "$work/demo.zip" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in os.walk(os.path.join(root, "input")):
        for f in files:
            p = os.path.join(d, f)
            z.write(p, os.path.relpath(p, root))
    z.write(os.path.join(root, "rt-demo.yaml"), "rt-demo.yaml")
PY

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
token="e2e-$RANDOM$RANDOM"
base="http://127.0.0.1:$port"
setsid ./rt serve --port "$port" --token "$token" >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log"; fail "rt serve ended"; }
  sleep 0.5
done
curl -sf "$base/health" | grep -q '"ok"' || { cat "$out/server.log"; fail "no /health after 60 s"; }
echo "ok: rt serve answers on $base"

# ---- API guards ----
code() { curl -s -o "$work/body" -w '%{http_code}' "$@"; }
expect() { # expect CODE DESCRIPTION CURL-ARGS...
  local want="$1" what="$2"; shift 2
  local got; got="$(code "$@")"
  [[ "$got" == "$want" ]] || fail "$what: HTTP $got, expected $want: $(head -c 300 "$work/body")"
  echo "ok: $what (HTTP $got)"
}
W=(-H "X-RT-Request: 1")
T=(-H "X-RT-Token: $token")
expect 403 "write without the CSRF header refused" -X POST "$base/api/uploads"
expect 401 "write without the token refused" -X POST "${W[@]}" "$base/api/uploads"
expect 403 "cross-origin write refused" -X POST "${W[@]}" "${T[@]}" -H "Origin: http://evil.example" "$base/api/uploads"
expect 403 "foreign Host refused (DNS rebinding)" -H "Host: rebind.example" "$base/api/status"
expect 201 "upload created" -X POST "${W[@]}" "${T[@]}" "$base/api/uploads"
up="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/body")"
expect 400 "upload name with .. refused" -X PUT "${W[@]}" "${T[@]}" --data-binary x "$base/api/uploads/$up?path=..%2F..%2Fescape.dcm"
expect 400 "absolute upload name refused" -X PUT "${W[@]}" "${T[@]}" --data-binary x "$base/api/uploads/$up?path=%2Fetc%2Fescape"
expect 400 "full-width dots refused" -X PUT "${W[@]}" "${T[@]}" --data-binary x "$base/api/uploads/$up?path=%EF%BC%8E%EF%BC%8E%2Fescape"
python3 - "$work" <<'PY'
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(w + "/hostile.zip", "w") as z:
    z.writestr("ok/readme.txt", "not dicom")
    z.writestr("../../escape-slip.dcm", "x")
    z.writestr("/tmp/escape-abs.dcm", "x")
    z.writestr("ok/NUL.dcm", "x")
    link = zipfile.ZipInfo("ok/link-to-passwd")
    link.external_attr = (0o120777 << 16)
    z.writestr(link, "/etc/passwd")
with zipfile.ZipFile(w + "/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("zeros.bin", b"\0" * (300 << 20))
PY
expect 201 "hostile zip accepted with its bad entries refused" -X PUT "${W[@]}" "${T[@]}" \
  --data-binary @"$work/hostile.zip" "$base/api/uploads/$up?path=hostile.zip"
python3 - "$work/body" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
reasons = sorted(x["reason"] for x in r["refused"])
assert r["extracted"] == 1 and len(reasons) == 4, r
assert "symbolic link" in reasons, reasons
print("ok: refused entries:", reasons)
PY
expect 422 "zip bomb refused" -X PUT "${W[@]}" "${T[@]}" --data-binary @"$work/bomb.zip" "$base/api/uploads/$up?path=bomb.zip"
expect 200 "summary of the hostile upload" "$base/api/uploads/$up/summary"
grep -q '"dicomFiles":0' "$work/body" || fail "hostile upload counted DICOM: $(cat "$work/body")"
if find "$work" \( -name 'escape-slip.dcm' -o -name 'escape-abs.dcm' -o -name 'escape' \) | grep -q . \
    || [[ -e /tmp/escape-abs.dcm ]]; then
  fail "a hostile entry was written somewhere"
fi
echo "ok: nothing of the hostile uploads was written outside the upload area"
expect 404 "unknown run" "$base/api/runs/nope"
expect 400 "encoded traversal in a file URL refused" --path-as-is "$base/api/runs/x/files/..%2F..%2Fetc%2Fpasswd"
expect 400 "dot segments in a file URL refused" --path-as-is "$base/api/runs/x/files/../../etc/passwd"

# ---- the browser, as a user ----
node tools/e2e/web/web-ui.mjs "$base" "$work/demo.zip" "$out" "$token"

# ---- the downloaded workbook, read back ----
/usr/bin/python3 - "$out/results.xlsx" <<'PY'
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True)
names = wb.sheetnames
for needed in ("Courses", "DVH"):
    assert needed in names, names
rows = list(wb["Courses"].iter_rows(values_only=True))
assert len(rows) - 1 == 3, f"Courses sheet has {len(rows) - 1} course rows, expected 3"
dvh = list(wb["DVH"].iter_rows(values_only=True))
assert len(dvh) > 3, "DVH sheet is empty"
print(f"ok: results.xlsx has sheets {names}, 3 courses, {len(dvh) - 1} DVH rows")
PY
ls "$out"
echo "web-ui: all checks passed"
