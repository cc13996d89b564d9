#!/usr/bin/env bash
# Small records uploaded: audited 4 KiB uploads through the gateway vs direct PUTs of the same bytes to the same S3
# server, with the same independent load generator (wrk, 32 connections over 32 citizens, a new object name per
# request), as ../shared/tools/yardstick-small.sh does for downloads. While each gateway load runs (the uploads, then
# the downloads of yardstick-small.sh), the audit projection's lag is sampled every 100 ms from GET /metrics
# (sehr_audit_projection_lag_seconds): p50 / p99 / max.
# Usage (from the project root, after mvn -q package -DskipTests; needs wrk): bench/yardstick-small-upload.sh [seconds]
. "$(dirname "$0")/../../shared/tools/yardstick-lib.sh"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 2; }
D=${1:-20}
trap 'kill ${SAMPLER:-} 2>/dev/null; ys_stop' EXIT
ys_start_s3 && ys_start_gateway || exit 1
ys_citizens 32 4096
curl -s -o /dev/null -X PUT "http://127.0.0.1:$S3_PORT/direct"

lua() { # $1 = method, $2 = path pattern with USER and {n} (unique per request); $3 = "auth" to send the citizen's token
  python3 - "$YS_WORK/citizens" "$1" "$2" "$3" "$YS_WORK/record" <<'PY'
import sys
users = [l.split() for l in open(sys.argv[1]) if l.strip()]
method, pattern, auth, record = sys.argv[2:6]
print("local users = {" + ",".join('{"%s","%s"}' % (u, t) for u, t in users) + "}")
print('local f = io.open("%s", "rb"); local body = f:read("*a"); f:close()' % record)
print('local n, i, threads = #users, 0, 0\nsetup = function(thread) threads = threads + 1; thread:set("id", threads) end')
print('request = function()\n  i = i + 1\n  local u = users[(i % n) + 1]')
print('  local path = string.gsub(string.gsub("%s", "USER", u[1]), "{n}", id .. "-" .. i)' % pattern)
headers = '{["Content-Type"] = "application/octet-stream"%s}' % (', ["Authorization"] = "Bearer " .. u[2]' if auth == "auth" else "")
print('  return wrk.format("%s", path, %s, body)\nend' % (method, headers))
PY
}
lua PUT "/direct/USER-{n}" none >"$YS_WORK/direct-put.lua"
lua POST "/citizen/upload?objectName=up-{n}" auth >"$YS_WORK/gw-upload.lua"
python3 - "$YS_WORK/citizens" >"$YS_WORK/gw-get.lua" <<'PY'
import sys
users = [l.split() for l in open(sys.argv[1]) if l.strip()]
print("local users = {" + ",".join('{"%s","%s"}' % (u, t) for u, t in users) + "}")
print('local n, i = #users, 0\nrequest = function()\n  i = i + 1\n  local u = users[(i % n) + 1]')
print('  return wrk.format("GET", "/citizen/" .. u[1] .. "/SMALL", {["Authorization"] = "Bearer " .. u[2]})\nend')
PY

sample_lag() { # $1 = file: one lag sample (seconds) per line, every 100 ms, until killed. From another client address
  # (as a Prometheus server would be): wrk's 32 connections are the most one address may have in progress.
  while :; do
    curl -s --interface 127.0.0.2 "http://127.0.0.1:$PORT/metrics" | awk '/^sehr_audit_projection_lag_seconds/ {print $2}' >>"$1"
    sleep 0.1
  done
}
lag_summary() {
  python3 - "$1" <<'PY'
import sys
v = sorted(float(x) for x in open(sys.argv[1]) if x.strip())
q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
print(f"    projection lag over {len(v)} samples: p50 {q(0.5):.2f} s, p99 {q(0.99):.2f} s, max {v[-1]:.2f} s" if v else "    no lag samples")
PY
}
run() { wrk -t2 -c32 -d"$2" --latency -s "$1" "$3" | awk -v name="$4" '
  /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$5} /Socket errors/ {serr=$0}
  END {printf "%-28s %9.0f req/s  p50 %8s  p99 %8s  non-2xx %s %s\n", name, rps, p50, p99, (err==""?0:err), serr}'; }
gateway_run() { # like run, with the projection lag sampled meanwhile
  : >"$YS_WORK/lag-$5"; sample_lag "$YS_WORK/lag-$5" & SAMPLER=$!
  run "$@" | tee -a "$YS_WORK/upload.txt"
  kill $SAMPLER; wait $SAMPLER 2>/dev/null; SAMPLER=
  lag_summary "$YS_WORK/lag-$5"
}
run "$YS_WORK/gw-upload.lua" 8s "http://127.0.0.1:$PORT" "(warm-up)" >/dev/null
run "$YS_WORK/direct-put.lua" 5s "http://127.0.0.1:$S3_PORT" "(warm-up)" >/dev/null
run "$YS_WORK/direct-put.lua" "${D}s" "http://127.0.0.1:$S3_PORT" "direct PUT, 32 citizens" | tee "$YS_WORK/upload.txt"
gateway_run "$YS_WORK/gw-upload.lua" "${D}s" "http://127.0.0.1:$PORT" "gateway upload, 32 citizens" upload
gateway_run "$YS_WORK/gw-get.lua" "${D}s" "http://127.0.0.1:$PORT" "gateway GET, 32 citizens" get
python3 - "$YS_WORK/upload.txt" <<'PY'
import sys
rps = {" ".join(r[:4]): float(r[4]) for r in (l.split() for l in open(sys.argv[1]))}
print(f"ratio to direct: audited upload {rps['gateway upload, 32 citizens'] / rps['direct PUT, 32 citizens']:.2f}")
PY
