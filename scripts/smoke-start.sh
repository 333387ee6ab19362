#!/usr/bin/env bash
# Runs the README's start command on a scratch database and checks that the server
# answers: health, a demo sign-in, the demo case list. Stops the server afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
port=${SMOKE_PORT:-3917}
log="$scratch/server.log"
DATABASE_URL="sqlite:$scratch/mapwork.db" PORT=$port setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if grep -q "mapwork is listening" "$log" 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "smoke: server exited"; exit 1; fi
  sleep 1
done
grep -q "mapwork is listening" "$log" || { cat "$log"; echo "smoke: server did not start"; exit 1; }
base="http://127.0.0.1:$port"
curl -fsS "$base/health" | grep -q '"status":"ok"'
token=$(curl -fsS -X POST "$base/api/v1/auth/sign-in" -H 'content-type: application/json' \
  -d '{"username":"sam.worker","password":"signs-of-safety-demo"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
curl -fsS "$base/api/v1/cases" -H "Authorization: Bearer $token" | grep -q 'P9-0001'
curl -fsS "$base/api/docs-json" | grep -q '"openapi"'
css=$(curl -fsS "$base/sign-in" | grep -o '/assets/[0-9a-f]*/application.css')
curl -fsS "$base$css" | grep -q 'govuk-'
echo "smoke: npm start serves health, sign-in, the demo case and the pages with their assets on $base"
