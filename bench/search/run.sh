#!/usr/bin/env bash
# List and search speed with 100,000 posts on PostgreSQL (issue: content API). Starts its own
# server on a throwaway database, seeds the posts with SQL, warms up, then measures one client's
# latency (one curl, one kept-alive connection) for ?search= pages and a filtered, ordered page, and prints the
# plans PostgreSQL chose for the same SQL the server runs.
# Usage: bench/search/run.sh [posts]     (needs: mvn -B package -DskipTests, local PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/../.."
posts=${1:-100000}
port=${BENCH_PORT:-8098}
base="http://127.0.0.1:$port"
db="ansaf_search_$$"
work=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
PORT=$port ANSAF_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" ANSAF_DB_USER=postgres \
  ANSAF_ADMIN_USERNAME=bench ANSAF_ADMIN_PASSWORD=bench-password-1 server-config/run > "$work/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done

q() { psql -h 127.0.0.1 -U postgres -d "$db" -qAt -c "$1"; }
echo "seeding $posts posts..."
q "INSERT INTO categories (name, name_key, slug, description, created_at, updated_at)
   SELECT 'Category ' || g, 'category ' || g, 'category-' || g, '', now(), now() FROM generate_series(1, 20) g"
q "WITH words AS (SELECT array['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet',
     'kilo','lima','mike','november','oscar','papa','quebec','romeo','sierra','tango','uniform','victor',
     'whiskey','xray','yankee','zulu','postgres','payara','jakarta','hibernate'] AS w)
   INSERT INTO posts (title, slug, excerpt, body, status, category_id, author_id, published_at, view_count, created_at, updated_at)
   SELECT initcap(w[1 + g % 30]) || ' ' || w[1 + (g * 7) % 30] || ' ' || g,
          'post-' || g,
          'Excerpt about ' || w[1 + (g * 3) % 30] || ' and ' || w[1 + (g * 11) % 30],
          '<p>' || repeat(w[1 + (g * 13) % 30] || ' ' || w[1 + (g * 17) % 30] || ' lorem ipsum dolor sit amet ', 20) || g || '</p>',
          CASE WHEN g % 10 = 0 THEN 'draft' WHEN g % 10 = 1 THEN 'archived' ELSE 'published' END,
          1 + g % 20, 1,
          CASE WHEN g % 10 >= 2 THEN now() - (g || ' minutes')::interval END,
          g % 1000, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
   FROM generate_series(1, $posts) g, words"
# Let PostgreSQL finish with the bulk load (dirty pages, visibility map) before measuring.
q "VACUUM ANALYZE"
q "CHECKPOINT"

# Requests per scenario, after 50 not measured. One curl process fetches them all over one
# kept-alive connection, as a browser or an API client would, so neither a process start nor a
# TCP handshake per request is in the figures.
requests=${BENCH_REQUESTS:-1000}

# Fetches the URLs read from stdin, one after the other over one connection; prints each time (s).
fetch() {
  local config="$work/curl.config" url
  : > "$config"
  while read -r url; do printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >> "$config"; done
  curl -s -K "$config" -w '%{time_total}\n'
}
# Prints one table row from the sorted latencies (seconds) in $work/<name>.
report() { # name
  local name=$1 n p50 p99 max f="$work/${1//[^a-zA-Z0-9]/_}"
  n=$(wc -l < "$f")
  p50=$(sed -n "$(( n / 2 ))p" "$f"); p99=$(sed -n "$(( n * 99 / 100 ))p" "$f"); max=$(tail -1 "$f")
  printf '| %-32s | %8.1f | %8.1f | %8.1f |\n' "$name" "$(echo "$p50*1000" | bc)" "$(echo "$p99*1000" | bc)" "$(echo "$max*1000" | bc)"
}
measure() { # name, url
  local name=$1 url=$2
  for _ in $(seq 1 $(( 50 + requests ))); do echo "$url"; done | fetch | tail -n "$requests" | sort -n > "$work/${name//[^a-zA-Z0-9]/_}"
  report "$name"
}
# Each request a different search (hotel plus a number), so no count is remembered from an
# earlier request: what a search costs the first time.
measure_new() { # name, url prefix
  local name=$1 url=$2 i
  for i in $(seq 1 $(( 50 + requests ))); do echo "$url$((1000 + i))"; done | fetch | tail -n "$requests" | sort -n > "$work/${name//[^a-zA-Z0-9]/_}"
  report "$name"
}
echo
echo "Ansaf list speed, $posts posts on PostgreSQL, one client (keep-alive), $requests requests after 50 warm-up (ms)"
printf '| %-32s | %8s | %8s | %8s |\n' scenario p50 p99 max
printf '|%s|\n' "----------------------------------|----------|----------|----------"
# The floor of measuring this way on this machine: Payara's own trivial endpoint.
measure "/health/live (yardstick)" "$base/health/live"
measure "search=hotel+tango" "$base/api/v1/blogs/posts/?search=hotel+tango"
measure "search=lima (common)" "$base/api/v1/blogs/posts/?search=lima"
measure_new "search=hotel+N (new each time)" "$base/api/v1/blogs/posts/?search=hotel+"
measure "category=3&ordering=-view_count" "$base/api/v1/blogs/posts/?category=3&ordering=-view_count"
measure "default list, page 50" "$base/api/v1/blogs/posts/?page=50"

echo
echo "Plan for the search (anonymous visibility, default ordering):"
q "EXPLAIN ANALYZE SELECT p.id FROM posts p WHERE (p.deleted_at IS NULL) AND (p.status = 'published')
   AND (lower(p.title || ' ' || p.excerpt || ' ' || p.body) LIKE '%hotel%') AND (lower(p.title || ' ' || p.excerpt || ' ' || p.body) LIKE '%tango%')
   ORDER BY p.published_at DESC NULLS LAST, p.created_at DESC, p.id DESC LIMIT 20 OFFSET 0"
echo
echo "Plan for the filtered, ordered list:"
q "EXPLAIN ANALYZE SELECT p.id FROM posts p WHERE (p.deleted_at IS NULL) AND (p.status = 'published') AND (p.category_id = 3)
   ORDER BY p.view_count DESC, p.id DESC LIMIT 20 OFFSET 0"
