#!/usr/bin/env bash
# HTTP benchmark of Ansaf (issue: optimistic locking and caching). Starts its own server on
# 127.0.0.1, seeds 32 posts, and measures with wrk, after a warm-up, each scenario beside the
# trivial /health/live endpoint of the same server:
#   GET one post (200), the same GET answered 304, GET a list of 20, PATCH with If-Match; and
#   (issue 33) the list of 20 gzip-coded against identity (req/s and bytes), and the conditional
#   GET of the gzip-coded post (If-None-Match with its coded ETag, answered 304).
# Usage: bench/http/run.sh [h2|h2-write-delay|postgres]   (needs: mvn -B package -DskipTests; apt-get install wrk)
#   h2-write-delay: H2 with its own default WRITE_DELAY=500 instead of Ansaf's durable commits
#   (WRITE_DELAY=0), to measure what durability costs a PATCH (issue 31).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${1:-h2}
port=${BENCH_PORT:-8099}
duration=${BENCH_DURATION:-10s}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

# One client makes every request: the per-client rate limit (ANSAF_RATE_LIMIT_*) would answer 429.
env_args=(PORT="$port" ANSAF_ADMIN_USERNAME=bench ANSAF_ADMIN_PASSWORD=bench-password-1
  ANSAF_RATE_LIMIT_READS=1000000000 ANSAF_RATE_LIMIT_WRITES=1000000000 JAVA_OPTS="-Xmx1g ${BENCH_JAVA_OPTS:-}")
if [ "$db" = postgres ]; then
  dbname="ansaf_bench_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $dbname"
  env_args+=(ANSAF_DB_URL="jdbc:postgresql://127.0.0.1:5432/$dbname" ANSAF_DB_USER=postgres)
elif [ "$db" = h2-write-delay ]; then
  env_args+=(ANSAF_DB_URL="jdbc:h2:file:$work/data/ansaf;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=500")
else
  env_args+=(ANSAF_DATA_DIR="$work/data")
fi
env "${env_args[@]}" server-config/run > "$work/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  [ "$db" = postgres ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$base/health/ready" >/dev/null || { tail -50 "$work/server.log"; exit 1; }

jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "$base/api/v1/auth/csrf/" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
token=$(curl -s -c "$jar" -b "$jar" -D - -o /dev/null -H "X-CSRFToken: $token" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' "$base/api/v1/auth/login/" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-csrftoken"{print $2}')
session=$(awk '$6=="JSESSIONID"{print $7}' "$jar")
ids=()
for i in $(seq 1 32); do
  id=$(curl -s -b "$jar" -H "X-CSRFToken: $token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Benchmark post $i\",\"body\":\"<p>$(printf 'Lorem ipsum dolor sit amet. %.0s' $(seq 1 40))</p>\",\"status\":\"published\"}" \
    "$base/api/v1/blogs/posts/" | sed 's/.*"id":\([0-9]*\).*/\1/')
  ids+=("$id")
done
post="$base/api/v1/blogs/posts/${ids[0]}/"
# The If-None-Match script is written after the PATCH warm-up (which changes the post), and
# checked to really get 304s: a stale ETag would silently measure 200s.
conditional_script() {
  local etag status
  # PATCHes wrk left in flight when it stopped may still be committing: try a few times.
  for _ in 1 2 3 4 5; do
    sleep 1
    etag=$(curl -s -D - -o /dev/null "$post" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$post")
    [ "$status" = 304 ] && break
  done
  [ "$status" = 304 ] || { echo "conditional GET answered $status, not 304" >&2; exit 1; }
  printf "wrk.headers[\"If-None-Match\"] = '%s'\n" "$etag" > "$work/inm.lua"
  # The same for the gzip-coded representation: its own ETag ("...-gzip"), a 304 naming it.
  etag=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$post" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  case "$etag" in *-gzip\") ;; *) echo "coded GET gave ETag $etag, not a -gzip one" >&2; exit 1 ;; esac
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$post")
  [ "$status" = 304 ] || { echo "conditional coded GET answered $status, not 304" >&2; exit 1; }
  printf "wrk.headers[\"If-None-Match\"] = '%s'\nwrk.headers[\"Accept-Encoding\"] = 'gzip'\n" "$etag" > "$work/inm_gzip.lua"
}

run() { # name, wrk args...
  local name=$1; shift
  wrk --latency "$@" > "$work/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/{print $2}' "$work/$name.txt")
  p50=$(awk '$1=="50%"{print $2}' "$work/$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$work/$name.txt")
  echo "$name $rps $p50 $p99"
}

echo "warming up..."
for url in "$base/health/live" "$post" "$base/api/v1/blogs/posts/?page_size=20"; do wrk -t1 -c32 -d10s "$url" >/dev/null; done
wrk -t1 -c32 -d5s -H 'Accept-Encoding: gzip' "$base/api/v1/blogs/posts/?page_size=20" >/dev/null
wrk -t32 -c32 -d10s -s bench/http/patch.lua "$base" -- "$(IFS=,; echo "${ids[*]}")" "$token" "JSESSIONID=$session" >/dev/null
conditional_script
wrk -t1 -c32 -d5s -s "$work/inm.lua" "$post" >/dev/null

results=()
results+=("$(run trivial -t1 -c32 -d"$duration" "$base/health/live")")
results+=("$(run get_post -t1 -c32 -d"$duration" "$post")")
results+=("$(run get_304 -t1 -c32 -d"$duration" -s "$work/inm.lua" "$post")")
results+=("$(run list_20 -t1 -c32 -d"$duration" "$base/api/v1/blogs/posts/?page_size=20")")
results+=("$(run list_20_gzip -t1 -c32 -d"$duration" -H 'Accept-Encoding: gzip' "$base/api/v1/blogs/posts/?page_size=20")")
results+=("$(run get_304_gzip -t1 -c32 -d"$duration" -s "$work/inm_gzip.lua" "$post")")
results+=("$(run patch_if_match -t32 -c32 -d"$duration" -s bench/http/patch.lua "$base" -- "$(IFS=,; echo "${ids[*]}")" "$token" "JSESSIONID=$session")")
grep conflicts "$work/patch_if_match.txt" || true
grep -h "Non-2xx" "$work"/*.txt || true

trivial=$(echo "${results[0]}" | awk '{print $2}')
get200=$(echo "${results[1]}" | awk '{print $2}')
printf '\nAnsaf HTTP benchmark (%s, %s per scenario, 32 connections, %s)\n' "$db" "$duration" "$(nproc) cores"
printf '| %-16s | %10s | %8s | %8s | %14s |\n' scenario "req/s" p50 p99 "ratio"
printf '|%s|\n' "------------------|------------|----------|----------|----------------"
for r in "${results[@]}"; do
  set -- $r
  ratio=$(awk -v a="$2" -v b="$trivial" 'BEGIN{printf "%.2fx trivial", a/b}')
  [ "$1" = get_304 ] || [ "$1" = get_304_gzip ] && ratio="$ratio, $(awk -v a="$2" -v b="$get200" 'BEGIN{printf "%.2fx 200", a/b}')"
  [ "$1" = list_20 ] && list=$2
  [ "$1" = list_20_gzip ] && ratio="$ratio, $(awk -v a="$2" -v b="$list" 'BEGIN{printf "%.2fx identity", a/b}')"
  printf '| %-16s | %10s | %8s | %8s | %14s |\n' "$1" "$2" "$3" "$4" "$ratio"
done
size() { curl -s -o /dev/null -w '%{size_download}' "$@" "$base/api/v1/blogs/posts/?page_size=20"; }
printf '\nlist of 20, bytes on the wire: identity %s, gzip %s, br %s\n' \
  "$(size)" "$(size -H 'Accept-Encoding: gzip')" "$(size -H 'Accept-Encoding: br')"
