#!/usr/bin/env bash
# Ranked search (?q=, issue 19) at a million posts on PostgreSQL. Starts its own server on a
# throwaway database, loads the posts with COPY (titles, excerpts and ~150-word bodies drawn from
# Debian's word list with a Zipf-like skew, plus planted words of known frequency), builds the
# GIN index, then measures one client over one kept-alive connection:
#   - a word in 0.5% of posts (the same query repeated, and a different such word each time, so
#     that no count is remembered);
#   - a word in 25% of posts;
#   - a two-word phrase in 1% of posts (each word alone in 6%);
# and reports the index's size and what it costs a PATCH: PATCH latency with the trigger and the
# GIN index, with the trigger only, and with neither, in the same run.
# Usage: bench/search/ranked.sh [posts]   (needs: mvn -B package -DskipTests; PostgreSQL; python3;
#                                          apt-get install wamerican for /usr/share/dict/words)
set -euo pipefail
cd "$(dirname "$0")/../.."
posts=${1:-1000000}
port=${BENCH_PORT:-8097}
base="http://127.0.0.1:$port"
# BENCH_DB=<name> measures a database an earlier run kept (BENCH_KEEP_DB=1), without loading.
db=${BENCH_DB:-ansaf_ranked_$$}
work=$(mktemp -d)
words=${BENCH_WORDS:-/usr/share/dict/words}
[ -r "$words" ] || { echo "$words missing: apt-get install -y wamerican" >&2; exit 1; }
[ -n "${BENCH_DB:-}" ] || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
env PORT="$port" ANSAF_METRICS_PORT=$((port + 1)) ANSAF_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" ANSAF_DB_USER=postgres \
  ANSAF_ADMIN_USERNAME=bench ANSAF_ADMIN_PASSWORD=bench-password-1 \
  ANSAF_RATE_LIMIT_READS=100000000 ANSAF_RATE_LIMIT_WRITES=100000000 server-config/run > "$work/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  # BENCH_KEEP_DB=1 keeps the loaded database (to EXPLAIN its queries); drop it by hand.
  if [ "${BENCH_KEEP_DB:-}" = 1 ] || [ -n "${BENCH_DB:-}" ]; then echo "kept database $db"; return; fi
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$base/health/ready" >/dev/null || { tail -50 "$work/server.log"; exit 1; }
q() { psql -h 127.0.0.1 -U postgres -d "$db" -qAt -c "$1"; }

if [ -z "${BENCH_DB:-}" ]; then
echo "loading $posts posts..."
started=$(date +%s)
# Bulk load without the indexes a bulk load would update row by row; the GIN index is built after.
q "DROP INDEX ix_posts_search_trgm; DROP INDEX ix_posts_search_vector"
POSTS=$posts WORDS=$words python3 - <<'PY' | psql -h 127.0.0.1 -U postgres -d "$db" -qc "\copy posts (title, slug, excerpt, body, body_text, status, author_id, published_at, created_at, updated_at) FROM STDIN"
import datetime, itertools, os, random, re, sys
random.seed(19)
start = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
vocab = sorted({w.strip().lower() for w in open(os.environ["WORDS"], encoding="utf-8", errors="ignore")
                if re.fullmatch(r"[a-z]{3,12}", w.strip())})
weights = list(itertools.accumulate(1.0 / (i + 10) for i in range(len(vocab))))
random.shuffle(vocab)  # the frequent words are not all at the start of the alphabet
out = sys.stdout
# zqrare in 0.25% of posts; 100 words zqaarare ... zqjjrare in 0.0025% each.
rare = ["zq" + a + b + "rare" for a in "abcdefghij" for b in "abcdefghij"]
for g in range(1, int(os.environ["POSTS"]) + 1):
    w = random.choices(vocab, cum_weights=weights, k=171)
    body = w[21:]
    if g % 200 == 0: body.insert(random.randrange(len(body)), rare[(g // 400) % 100] if g % 400 else "zqrare")
    if g % 4 == 0: body.insert(random.randrange(len(body)), "zqcommon")
    if g % 100 == 1: body[10:10] = ["zqalpha", "zqbeta"]
    elif g % 100 in range(2, 7): body.insert(5, "zqalpha")
    elif g % 100 in range(7, 12): body.insert(5, "zqbeta")
    text = " ".join(body)
    ts = (start - datetime.timedelta(minutes=g)).isoformat()
    out.write("\t".join([
        " ".join(w[:6]).capitalize(), f"post-{g}", " ".join(w[6:21]), "<p>" + text + "</p>", text,
        "published", "1", ts, ts, ts]) + "\n")
PY
loaded=$(date +%s)
q "SET maintenance_work_mem = '512MB'; CREATE INDEX ix_posts_search_vector ON posts USING gin (search_vector)"
q "VACUUM ANALYZE posts"
indexed=$(date +%s)
echo "loaded in $((loaded - started)) s, GIN index built in $((indexed - loaded)) s"
else
  # A kept database whose last run ended by dropping them (the PATCH comparison): back as built.
  q "DROP TRIGGER IF EXISTS posts_search_vector ON posts; CREATE TRIGGER posts_search_vector BEFORE INSERT OR UPDATE OF title, excerpt, body_text ON posts FOR EACH ROW EXECUTE FUNCTION ansaf_posts_search_vector()"
  q "SET maintenance_work_mem = '512MB'; CREATE INDEX IF NOT EXISTS ix_posts_search_vector ON posts USING gin (search_vector)"
  q "ANALYZE posts"
fi
echo "posts: $(q "SELECT pg_size_pretty(pg_table_size('posts'))") (with TOAST), search_vector GIN index: $(q "SELECT pg_size_pretty(pg_relation_size('ix_posts_search_vector'))")"
echo "planted: zqrare in $(q "SELECT count(*) FROM posts WHERE search_vector @@ to_tsquery('english','zqrare')"), zqaarare in $(q "SELECT count(*) FROM posts WHERE search_vector @@ to_tsquery('english','zqaarare')"), zqcommon in $(q "SELECT count(*) FROM posts WHERE search_vector @@ to_tsquery('english','zqcommon')"), the phrase in $(q "SELECT count(*) FROM posts WHERE search_vector @@ phraseto_tsquery('english','zqalpha zqbeta')") posts"

BASE="$base" python3 - <<'PY'
import http.client, json, os, time, urllib.parse
base = urllib.parse.urlparse(os.environ["BASE"])
conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
def get(path):
    conn.request("GET", path); r = conn.getresponse(); body = r.read()
    if r.status != 200: raise SystemExit(f"{path}: {r.status} {body[:300]}")
    return json.loads(body)
def timed(name, paths, n=300, warm=30):
    for p in paths[:warm]: get(p)
    xs = []
    for i in range(n):
        p = paths[(warm + i) % len(paths)]
        t = time.perf_counter(); get(p); xs.append((time.perf_counter() - t) * 1000)
    xs.sort()
    print(f"| {name:<44} | {xs[len(xs)//2]:7.1f} | {xs[int(len(xs)*0.99)-1]:7.1f} | {xs[-1]:7.1f} |")
q = lambda s: "/api/v1/blogs/posts/?q=" + urllib.parse.quote(s)
print("\n| request (one client, keep-alive) | p50 ms | p99 ms | max ms |\n|---|---|---|---|")
timed("/health/live (yardstick)", ["/health/live"])
timed("word in 0.25% of posts, same query", [q("zqrare")])
timed("a different word in 0.0025% each time (first count)", [q("zq" + a + b + "rare") for a in "abcdefghij" for b in "abcdefghij"], n=300, warm=0)
timed("word in 25% of posts", [q("zqcommon")])
timed("phrase in 1% (words alone in 6%)", [q('"zqalpha zqbeta"')])
timed("word in 25%, page 10", [q("zqcommon") + "&page=10"])
first = get(q("zqcommon"))
print(f"\nzqcommon: count {first['count']}, first result rank {first['results'][0]['search']['rank']}")
PY

# What the index costs a write: PATCH latency (one client, If-Match chain on one post) with the
# trigger and GIN index, with the trigger only, and with neither.
patch() { # label
  BASE="$base" LABEL="$1" POST_ID=$((posts / 2)) python3 - <<'PY'
import http.client, http.cookiejar, json, os, time, urllib.parse, urllib.request
base = os.environ["BASE"]
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def call(method, path, body=None, headers=None):
    h = {"Content-Type": "application/json", **(headers or {})}
    if method != "GET" and token: h["X-CSRFToken"] = token
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    with op.open(req) as r:
        return json.loads(r.read() or b"null"), r.headers
token = None
token = call("GET", "/api/v1/auth/csrf/")[0]["csrf_token"]
_, h = call("POST", "/api/v1/auth/login/", {"username": "bench", "password": "bench-password-1"})
token = h["X-CSRFToken"]
post, h = call("GET", f"/api/v1/blogs/posts/{os.environ['POST_ID']}/")
etag = h["ETag"]
xs = []
for i in range(200):
    t = time.perf_counter()
    post, h = call("PATCH", f"/api/v1/blogs/posts/{os.environ['POST_ID']}/", {"excerpt": f"an excerpt about search, take {i}"}, {"If-Match": etag})
    xs.append((time.perf_counter() - t) * 1000); etag = h["ETag"]
xs = xs[20:]; xs.sort()
print(f"| PATCH, {os.environ['LABEL']:<38} | {xs[len(xs)//2]:7.1f} | {xs[int(len(xs)*0.99)-1]:7.1f} | {xs[-1]:7.1f} |")
PY
}
echo
echo "| write | p50 ms | p99 ms | max ms |"
echo "|---|---|---|---|"
patch "trigger and GIN index"
q "DROP INDEX ix_posts_search_vector"
patch "trigger only (no GIN index)"
q "DROP TRIGGER posts_search_vector ON posts"
patch "neither"
