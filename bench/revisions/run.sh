#!/usr/bin/env bash
# Revisions benchmark (issue 17). Starts its own server on 127.0.0.1 (PostgreSQL by default, a
# throwaway database; `h2` for the embedded one) with ANSAF_REVISIONS_KEEP=0, gives one post
# 1,000 revisions through PATCH, then reads its revision list (first page, a middle page, the last
# page) and one revision's diff with one client, 300 times each, beside /health/live, and prints
# p50/p99 in milliseconds. The issue asks p99 < 20 ms for the list on PostgreSQL.
# Usage: bench/revisions/run.sh [postgres|h2]   (needs: mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${1:-postgres}
port=${BENCH_PORT:-8098}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
env_args=(PORT="$port" ANSAF_ADMIN_USERNAME=bench ANSAF_ADMIN_PASSWORD=bench-password-1 ANSAF_REVISIONS_KEEP=0
  ANSAF_RATE_LIMIT_READS=100000000 ANSAF_RATE_LIMIT_WRITES=100000000 JAVA_OPTS="-Xmx1g")
if [ "$db" = postgres ]; then
  dbname="ansaf_bench_rev_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $dbname"
  env_args+=(ANSAF_DB_URL="jdbc:postgresql://127.0.0.1:5432/$dbname" ANSAF_DB_USER=postgres)
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
BASE="$base" DB="$db" python3 - <<'PY'
import http.cookiejar, json, os, time, urllib.request
base = os.environ["BASE"]
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def call(method, path, body=None, headers=None):
    h = {"Content-Type": "application/json", **(headers or {})}
    if method != "GET": h["X-CSRFToken"] = token
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    with op.open(req) as r:
        return json.loads(r.read() or b"null")
token = None
token = call("GET", "/api/v1/auth/csrf/")["csrf_token"]
call("POST", "/api/v1/auth/login/", {"username": "bench", "password": "bench-password-1"})
token = call("GET", "/api/v1/auth/csrf/")["csrf_token"]
post = call("POST", "/api/v1/blogs/posts/", {"title": "Revisions bench", "body": "<p>" + "x" * 2000 + "</p>"})
t0 = time.perf_counter()
for i in range(2, 1001):
    call("PATCH", f"/api/v1/blogs/posts/{post['id']}/", {"excerpt": f"excerpt {i}"})
seed = time.perf_counter() - t0
def timed(path, n=300):
    for _ in range(30): call("GET", path)
    xs = []
    for _ in range(n):
        t = time.perf_counter(); call("GET", path); xs.append((time.perf_counter() - t) * 1000)
    xs.sort()
    return xs[len(xs) // 2], xs[int(len(xs) * 0.99) - 1]
p = f"/api/v1/blogs/posts/{post['id']}/revisions/"
rows = [("/health/live (yardstick)", "/health/live"), ("revision list, page 1", p), ("revision list, page 25", p + "?page=25"),
        ("revision list, last page", p + "?page=last"), ("one revision's diff", p + "500/diff/")]
print(f"{os.environ['DB']}: 1,000 revisions of one post written by PATCH in {seed:.1f} s ({seed / 999 * 1000:.1f} ms a PATCH)")
print("| request | p50 ms | p99 ms |")
print("|---|---|---|")
for name, path in rows:
    a, b = timed(path)
    print(f"| {name} | {a:.2f} | {b:.2f} |")
PY
