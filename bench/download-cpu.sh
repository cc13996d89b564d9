#!/usr/bin/env bash
# Large downloads in steady state: N transfers of a 128 MiB record through the gateway after N warm-up ones, then N
# straight from the same S3Proxy; prints MiB/s and the CPU seconds per GiB (utime + stime from /proc/PID/stat) of the
# gateway and of S3Proxy. The yardstick (../shared/tools/yardstick-large.sh) measures a fresh JVM instead.
# Usage, from the project root after `mvn -q package -DskipTests`: N=24 bench/download-cpu.sh
. ../shared/tools/yardstick-lib.sh
MIB=128; N=${N:-24}
trap ys_stop EXIT
ys_start_s3 && ys_start_gateway || exit 1
ys_citizens 1 16 >/dev/null
read -r USER TOKEN <"$YS_WORK/citizens"
head -c $((MIB*1024*1024)) /dev/urandom >"$YS_WORK/blob"
B=http://127.0.0.1:$PORT; S=http://127.0.0.1:$S3_PORT
HZ=$(getconf CLK_TCK)
cpu() { awk -v hz="$HZ" '{print ($14+$15)/hz}' "/proc/$1/stat"; }
gateway() { curl -s -o /dev/null "$B/citizen/$USER/BIG" -H "Authorization: Bearer $TOKEN"; }
direct() { curl -s -o /dev/null "$S/direct/BIG"; }
curl -s -o /dev/null -X PUT "$S/direct"
curl -s -o /dev/null -T "$YS_WORK/blob" "$S/direct/BIG"
curl -s -o /dev/null -X POST "$B/citizen/upload?objectName=BIG" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/octet-stream' --data-binary @"$YS_WORK/blob"
for _ in $(seq 1 "$N"); do gateway; direct; done
measure() { # label, transfer function
  local g0 s0 t0 g1 s1 t1
  g0=$(cpu "$GW_PID"); s0=$(cpu "$S3_PID"); t0=$(date +%s.%N)
  for _ in $(seq 1 "$N"); do $2; done
  g1=$(cpu "$GW_PID"); s1=$(cpu "$S3_PID"); t1=$(date +%s.%N)
  python3 -c "g=$N*$MIB/1024; print('$1: %d MiB/s, gateway CPU %.2f s/GiB, S3Proxy CPU %.2f s/GiB' % ($N*$MIB/($t1-$t0), ($g1-$g0)/g, ($s1-$s0)/g))"
}
measure "through the gateway" gateway
measure "direct" direct
