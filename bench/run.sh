#!/usr/bin/env bash
# One command for the performance table: builds Release, starts a throwaway PostgreSQL cluster and
# the server, seeds with seed-demo, warms up, runs the wrk scenarios and a ceiling (a minimal Kestrel
# app answering with the same bytes), then prints req/s, p50, p99, errors and the server's peak RSS.
#
#   bench/run.sh [--events 10000] [--duration 10] [--connections 32] [--threads 2] [--no-cache] [--scenarios a,b] [--series]
#
# --series makes a third of the approved events dates of weekly series of 10 (by SQL after seeding: the first of each
# ten stands for its series, the others move to its weekday and hour, 1 to 9 weeks later), as API.md's performance
# goal for series reads them; the `series` scenario times a series' calendar, `?series=`, and approvals of 366-date series.
#
# Scenarios: list city filtered deep varying detail categories cities dashboard login submit hindi feed share search phrases
# near facts pages series dbceiling bulk cachedceiling (cachedceiling without --no-cache; dbceiling, search, phrases and near with --no-cache;
# search, phrases and near are meant for --connections 1 --threads 1).
#
# --no-cache turns the response (output) cache off, so every request reaches the database; list
# counts stay cached either way (they are dropped on every change, never stale).
#
# Needs: dotnet, wrk, PostgreSQL 15 server binaries (apt-get install wrk postgresql-15).
set -euo pipefail
EVENTS=10000 DURATION=10 CONNECTIONS=32 THREADS=2 CACHE=true SCENARIOS=all SERIES=false
while [ $# -gt 0 ]; do
  case "$1" in
    --events) EVENTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --no-cache) CACHE=false; shift ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --series) SERIES=true; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
[ -x $PGBIN/initdb ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql-15"; exit 2; }

WORK=$(mktemp -d /tmp/culturalite-bench.XXXXXX)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg $PGBIN/pg_ctl -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (Release)" >&2
dotnet publish "$ROOT/src/CulturaLite.Api" -c Release -o "$WORK/api" -v:q -nologo >/dev/null
dotnet publish "$ROOT/bench/Ceiling" -c Release -o "$WORK/ceiling" -v:q -nologo >/dev/null
dotnet publish "$ROOT/bench/DbCeiling" -c Release -o "$WORK/dbceiling" -v:q -nologo >/dev/null

echo "== starting PostgreSQL" >&2
PGPORT=$(free_port)
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_pg $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg $PGBIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE bench" >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bench"
export ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdefghijklmnop"
export RateLimiting__Enabled=false Logging__LogLevel__Default=Warning Media__Root="$WORK/media" Email__PickupDirectory="$WORK/mail"
export PublicCache__Enabled=$CACHE AllowedHosts="127.0.0.1;localhost"
echo "== seeding $EVENTS events" >&2
(cd "$WORK/api" && ./CulturaLite.Api migrate >/dev/null && ./CulturaLite.Api seed-demo --events "$EVENTS" >&2)
if [ "$SERIES" = true ]; then
  echo "== a third of the approved events become dates of weekly series of 10" >&2
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -v ON_ERROR_STOP=1 -q <<'SQL'
CREATE TEMP TABLE s AS
  SELECT p.id, p.n / 10 AS g, p.n % 10 AS k
  FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM events_event WHERE status = 'approved') p
  WHERE p.n < (SELECT count(*) / 3 FROM events_event WHERE status = 'approved');
CREATE TEMP TABLE h AS SELECT s.g, e.id AS head, e.event_date, e.vendor_id FROM s JOIN events_event e ON e.id = s.id WHERE s.k = 0;
INSERT INTO events_series (id, rule, exdates, occurrence_count, created_at, updated_at)
  SELECT h.head, 'FREQ=WEEKLY;COUNT=10', '[]', (SELECT count(*) FROM s WHERE s.g = h.g), now(), now() FROM h;
UPDATE events_event e SET series_id = h.head, vendor_id = h.vendor_id,
    event_date = h.event_date + s.k * interval '7 days', occurrence_start = h.event_date + s.k * interval '7 days',
    end_date = CASE WHEN e.end_date IS NULL THEN NULL ELSE h.event_date + s.k * interval '7 days' + (e.end_date - e.event_date) END
  FROM s JOIN h ON h.g = s.g WHERE e.id = s.id;
SQL
  (cd "$WORK/api" && ./CulturaLite.Api createsuperuser --email bench-admin@example.com --password Bench-Admin-2026 >/dev/null)
fi
# Fresh bulk-loaded tables have no statistics until autovacuum gets to them; give the planner them now.
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -qc "VACUUM ANALYZE" >/dev/null

PORT=$(free_port)
(cd "$WORK/api" && exec ./CulturaLite.Api --urls "http://127.0.0.1:$PORT") >"$WORK/server.log" 2>&1 &
SERVER=$!; PIDS+=("$SERVER")
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/api/health/" >/dev/null && break; sleep 0.2; done

PEAK_FILE="$WORK/peak"; echo 0 > "$PEAK_FILE"
( peak=0; while kill -0 "$SERVER" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" > "$PEAK_FILE"
    sleep 0.5; done ) &
PIDS+=("$!")

VENDOR_EMAIL=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc \
  "SELECT u.email FROM users_user u JOIN events_event e ON e.vendor_id = u.id WHERE u.role='vendor' GROUP BY u.email ORDER BY count(*) DESC LIMIT 1")
export BENCH_EMAIL=$VENDOR_EMAIL BENCH_PASSWORD=DemoPass2026
export BENCH_TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" "$BASE/api/auth/login/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
EVENT_ID=$(curl -sf "$BASE/api/events/?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
DEEP_PAGE=$(( $(curl -sf "$BASE/api/events/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])') / 20 / 2 + 1 ))

echo "== warming up" >&2
# 20 s each: after 3 s the first scenarios still ran the code dynamic PGO instruments on its way to the
# optimised tier (uncached, the unfiltered page 1 read half of a city page's rate; cached, 40% of the
# bare-Kestrel ceiling against a city page's 88%).
WARM=20
wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s "$BASE/api/events/" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s -s "$ROOT/bench/lua/varying-list.lua" "$BASE" >/dev/null

ROWS=()
run() { # name, wrk args...
  local name=$1; shift
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "$@")
  local rps p50 p99 non2xx sock
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
  sock=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out"); sock=${sock:-0}
  ROWS+=("$name|$rps|$p50|$p99|$((non2xx + sock))")
  echo "  $name: $rps req/s" >&2
}
echo "== scenarios (${DURATION}s each, $CONNECTIONS connections)" >&2
want() { [ "$SCENARIOS" = all ] || [[ ",$SCENARIOS," == *",$1,"* ]]; }
want list && run "public list, page 1" "$BASE/api/events/"
want city && run "city (Pune)" "$BASE/api/events/?city=Pune"
want filtered && run "filtered (city + category)" "$BASE/api/events/?city=Pune&category=music"
want deep && run "deep page ($DEEP_PAGE)" "$BASE/api/events/?page=$DEEP_PAGE"
want varying && run "varying URL (city x category x page)" -s "$ROOT/bench/lua/varying-list.lua" "$BASE"
want detail && run "event detail" "$BASE/api/events/$EVENT_ID/"
want categories && run "categories" "$BASE/api/categories/"
want cities && run "cities" "$BASE/api/cities/"
want dashboard && run "vendor dashboard list" -s "$ROOT/bench/lua/auth-get.lua" "$BASE/api/dashboard/events/"
want login && run "login" -s "$ROOT/bench/lua/login.lua" "$BASE/api/auth/login/"
want submit && run "event submission (JSON)" -s "$ROOT/bench/lua/submit.lua" "$BASE/api/dashboard/events/"
want hindi && run "public list, Accept-Language: hi" -H "Accept-Language: hi" "$BASE/api/events/"
want hindi && run "public list, Accept-Language: en" -H "Accept-Language: en" "$BASE/api/events/"
want feed && run "calendar feed (feed.ics, 500 events)" "$BASE/api/events/feed.ics"
want share && run "share page /e/{id}" "$BASE/e/$EVENT_ID"
# The home page against the JSON list it shows, for the same filters, alternated twice (bench/README.md "Pages"); then
# the vendor portal's pages, signed in with a portal cookie, at one connection: their server time.
if want pages; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s "$BASE/" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s -s "$ROOT/bench/lua/varying-home.lua" "$BASE" >/dev/null
  for round in 1 2; do
    run "home page / (round $round)" "$BASE/"
    run "public list, page 1 (round $round)" "$BASE/api/events/"
    run "home page, varying URL (round $round)" -s "$ROOT/bench/lua/varying-home.lua" "$BASE"
    run "public list, varying URL (round $round)" -s "$ROOT/bench/lua/varying-list.lua" "$BASE"
  done
  JAR="$WORK/portal.jar"
  TOKEN=$(curl -sf -c "$JAR" "$BASE/vendor/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -sf -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "__RequestVerificationToken=$TOKEN" --data-urlencode "email=$BENCH_EMAIL" \
    --data-urlencode "password=$BENCH_PASSWORD" "$BASE/vendor/login"
  COOKIE=$(awk '$6 == "culturalite_vendor" {print $6 "=" $7}' "$JAR")
  [ -n "$COOKIE" ] || { echo "the portal login failed" >&2; exit 1; }
  VENDOR_EVENT=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc \
    "SELECT e.id FROM events_event e JOIN users_user u ON u.id = e.vendor_id WHERE u.email = '$BENCH_EMAIL' ORDER BY e.id LIMIT 1")
  for path in /vendor/ "/vendor/events/$VENDOR_EVENT" "/vendor/events/$VENDOR_EVENT/edit" /vendor/notifications /vendor/account; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$path")" = 200 ] || { echo "$path did not answer 200" >&2; exit 1; }
    wrk -t1 -c1 -d5s -H "Cookie: $COOKIE" "$BASE$path" >/dev/null
    SAVED_T=$THREADS SAVED_C=$CONNECTIONS; THREADS=1 CONNECTIONS=1
    run "vendor page $path (1 connection)" -H "Cookie: $COOKIE" "$BASE$path"
    THREADS=$SAVED_T CONNECTIONS=$SAVED_C
  done
fi

# Series (API.md "Recurring events and festivals"): the calendar of a 10-date series and `?series=` at one connection,
# then five series of 366 dates submitted and approved one by one: each approval's time, notifications and emails.
if want series; then
  SERIES_ID=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT id FROM events_series ORDER BY id DESC LIMIT 1")
  [ -n "$SERIES_ID" ] || { echo "no series: run with --series" >&2; exit 1; }
  SAVED_T=$THREADS SAVED_C=$CONNECTIONS; THREADS=1 CONNECTIONS=1
  for path in "/api/series/$SERIES_ID/ics" "/api/series/$SERIES_ID/" "/api/events/?series=$SERIES_ID"; do
    wrk -t1 -c1 -d5s "$BASE$path" >/dev/null
    run "series: $path (1 connection)" "$BASE$path"
  done
  THREADS=$SAVED_T CONNECTIONS=$SAVED_C
  ADMIN_TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench-admin@example.com","password":"Bench-Admin-2026"}' "$BASE/api/auth/login/" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  for n in 1 2 3 4 5; do
    START=$(date -u -d "+$((n * 3)) days" +%Y-%m-%dT13:30:00Z)
    HEAD=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Daily riyaz $n\",\"description\":\"Every evening.\",\"city\":\"Pune\",\"event_date\":\"$START\",\"category\":\"music\",\"image_url\":\"https://cdn.example.com/r.jpg\",\"recurrence\":{\"rule\":\"FREQ=DAILY;COUNT=366\"}}" \
      "$BASE/api/dashboard/events/" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["version"], len(d["occurrences"]))')
    read -r HEAD_ID HEAD_VERSION DATES <<<"$HEAD"
    BEFORE=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT (SELECT count(*) FROM notifications_notification), (SELECT count(*) FROM notifications_email_outbox)")
    TIME=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"version\":$HEAD_VERSION}" "$BASE/api/admin/events/$HEAD_ID/approve/")
    AFTER=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT (SELECT count(*) FROM notifications_notification), (SELECT count(*) FROM notifications_email_outbox)")
    PUBLIC=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT count(*) FROM events_event WHERE series_id = $HEAD_ID AND status = 'approved'")
    echo "approve series $HEAD_ID ($DATES dates): HTTP/time ${TIME}s, approved dates $PUBLIC, notifications+emails before|after $BEFORE -> $AFTER" | tee -a "$WORK/series.txt" >&2
  done
fi

# Search and near read parts of the indexes and table that the list warm-up above never touched: each
# is warmed with its own script first (at 1,000,000 events, a run without it gave near 22.3 ms p50, one
# with it 11.8 ms).
warmed() { wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s -s "$ROOT/bench/lua/$1.lua" "$BASE" >/dev/null; }
want search && warmed search && run "search (30 searches)" -s "$ROOT/bench/lua/search.lua" "$BASE"
want phrases && warmed phrases && run "search, several words (16 phrases)" -s "$ROOT/bench/lua/phrases.lua" "$BASE"
want near && warmed near && run "near me" -s "$ROOT/bench/lua/near.lua" "$BASE"
# The filters on an event's facts (API.md "Event facts"), each alone on the public list, each warmed for 5 s first.
if want facts; then
  ORGANIZER=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT slug FROM users_user WHERE email = '$VENDOR_EMAIL'")
  for filter in is_free=true price_max=500 attendance_mode=online age=8 accessibility=wheelchair,step_free performance_language=ta \
      "organizer=$ORGANIZER" event_status=postponed include_cancelled=true; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$BASE/api/events/?$filter" >/dev/null
    run "filter $filter" "$BASE/api/events/?$filter"
  done
fi

# The uncached list against a database ceiling: bare Kestrel with one hand-written prepared query per
# request (bench/DbCeiling), the same URLs, alternated twice in this run. Only meaningful with --no-cache.
if want dbceiling && [ "$CACHE" = false ]; then
  DPORT=$(free_port)
  "$WORK/dbceiling/DbCeiling" "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=bench;Maximum Pool Size=100" \
    --urls "http://127.0.0.1:$DPORT" >/dev/null 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$DPORT/api/events/?city=Pune" >/dev/null && break; sleep 0.2; done
  # The ceiling must answer with the app's JSON (hosts aside), or the comparison means nothing.
  SAME_URL="/api/events/?city=Pune&date_from=$(date -u +%Y-%m-%d)&page=2"
  python3 - "$BASE$SAME_URL" "http://127.0.0.1:$DPORT$SAME_URL" <<'PY' || { echo "the database ceiling's JSON differs from the app's" >&2; exit 1; }
import json, sys, urllib.request
def page(url):
    base = url.split("/api/")[0]
    return json.loads(urllib.request.urlopen(url).read().decode().replace(base, "BASE"))
app, ceiling = page(sys.argv[1]), page(sys.argv[2])
if app != ceiling or not app["results"]:
    for key in app:
        if app[key] != ceiling.get(key):
            print("first difference in", key, json.dumps(app[key])[:300], json.dumps(ceiling.get(key))[:300], file=sys.stderr)
            if key == "results":
                for a, c in zip(app[key], ceiling[key]):
                    print([(k, json.dumps(a[k])[-300:], json.dumps(c.get(k))[-300:]) for k in a if a[k] != c.get(k)][:3], file=sys.stderr)
                    break
    sys.exit(1)
PY
  # Both warmed for 30 s: after 3 s (and after 10 s) the app's first round still ran the code that
  # dynamic PGO instruments on its way to the optimised tier (perf: the tiering thread took a fifth
  # of the CPU, the round 40% below the next), which measures start-up, not the steady state.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d30s -s "$ROOT/bench/lua/varying-uncached.lua" "$BASE" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d30s -s "$ROOT/bench/lua/varying-uncached.lua" "http://127.0.0.1:$DPORT" >/dev/null
  for round in 1 2; do
    run "uncached varying list (app, round $round)" -s "$ROOT/bench/lua/varying-uncached.lua" "$BASE"
    run "db ceiling, same URLs (round $round)" -s "$ROOT/bench/lua/varying-uncached.lua" "http://127.0.0.1:$DPORT"
  done
fi

# The cached path against the HTTP ceiling: the city page (a cache hit after the first request) and
# a bare Kestrel app answering the same body, alternated in 12 rounds of 3 s. This machine's ceiling
# moves by a third from round to round, so only the median of the twelve ratios is compared.
CACHED_LINE=""
if want cachedceiling && [ "$CACHE" = true ]; then
  curl -sf "$BASE/api/events/?city=Pune" -o "$WORK/city.json"
  C2PORT=$(free_port)
  "$WORK/ceiling/Ceiling" "$WORK/city.json" "application/json; charset=utf-8" --urls "http://127.0.0.1:$C2PORT" >/dev/null 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$C2PORT/" >/dev/null && break; sleep 0.2; done
  wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s "$BASE/api/events/?city=Pune" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d${WARM}s "http://127.0.0.1:$C2PORT/api/events/?city=Pune" >/dev/null
  RATIOS=()
  for round in $(seq 1 12); do
    a=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$BASE/api/events/?city=Pune" | awk '/Requests\/sec/ {print $2}')
    c=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "http://127.0.0.1:$C2PORT/api/events/?city=Pune" | awk '/Requests\/sec/ {print $2}')
    RATIOS+=("$(awk -v a="$a" -v c="$c" 'BEGIN { printf "%.1f", 100 * a / c }')")
    echo "  cached city page round $round: app $a, ceiling $c req/s" >&2
  done
  MEDIAN=$(printf "%s\n" "${RATIOS[@]}" | sort -n | awk '{ r[NR] = $1 } END { printf "%.1f", (r[6] + r[7]) / 2 }')
  CACHED_LINE="cached city page against the ceiling (same body), 12 alternating 3 s rounds: median ${MEDIAN}% (rounds: ${RATIOS[*]})"
  echo "  $CACHED_LINE" >&2
fi

# A bulk approval of 100 pending events by the demo admin (API.md "Moderation tools"): one request,
# timed by curl; then the notifications and queued emails it made, counted in the database (each must
# be 100: one per change). Runs after the wrk scenarios because it changes what they read.
BULK_LINE=""
if want bulk; then
  ADMIN_TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"admin@demo.culturalite.in","password":"DemoPass2026"}' \
    "$BASE/api/auth/login/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc \
    "SELECT id || ':' || version FROM events_event WHERE status='pending' ORDER BY id LIMIT 100" > "$WORK/bulk.ids"
  BEFORE_N=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT count(*) FROM notifications_notification")
  BEFORE_M=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT count(*) FROM notifications_email_outbox")
  python3 -c 'import json,sys; print(json.dumps({"action":"approve","events":[{"id":int(a),"version":int(b)} for a,b in (l.strip().split(":") for l in open(sys.argv[1]) if l.strip())]}))' \
    "$WORK/bulk.ids" > "$WORK/bulk.json"
  BULK_TIME=$(curl -s -o "$WORK/bulk.out" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data-binary @"$WORK/bulk.json" "$BASE/api/admin/events/bulk/")
  APPROVED=$(python3 -c 'import json,sys; print(sum(r["outcome"]=="approved" for r in json.load(open(sys.argv[1]))["results"]))' "$WORK/bulk.out")
  AFTER_N=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT count(*) FROM notifications_notification")
  AFTER_M=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc "SELECT count(*) FROM notifications_email_outbox")
  BULK_LINE="bulk approval of $(wc -l < "$WORK/bulk.ids") pending events: HTTP ${BULK_TIME% *}, ${BULK_TIME#* } s, approved $APPROVED, notifications +$((AFTER_N - BEFORE_N)), emails queued +$((AFTER_M - BEFORE_M))"
  echo "  $BULK_LINE" >&2
fi

curl -sf "$BASE/api/events/" -o "$WORK/list.json"
CPORT=$(free_port)
"$WORK/ceiling/Ceiling" "$WORK/list.json" "application/json; charset=utf-8" --urls "http://127.0.0.1:$CPORT" >/dev/null 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$CPORT/" >/dev/null && break; sleep 0.2; done
run "ceiling (same bytes, bare Kestrel)" "http://127.0.0.1:$CPORT/api/events/"
CEILING=$(cut -d'|' -f2 <<<"${ROWS[-1]}")

echo
echo "CulturaLite benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM  events=$EVENTS  c=$CONNECTIONS t=$THREADS  d=${DURATION}s  cache=$CACHE  list=$(stat -c %s "$WORK/list.json") bytes"
printf "| %-36s | %10s | %9s | %9s | %6s | %8s |\n" scenario "req/s" p50 p99 errors "ceiling"
printf "|%s|%s|%s|%s|%s|%s|\n" "--------------------------------------" "------------" "-----------" "-----------" "--------" "----------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name rps p50 p99 errors <<<"$row"
  frac=$(awk -v a="$rps" -v b="$CEILING" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }')
  printf "| %-36s | %10s | %9s | %9s | %6s | %8s |\n" "$name" "$rps" "$p50" "$p99" "$errors" "$frac"
done
echo "server peak RSS: $(( $(cat "$PEAK_FILE") / 1024 )) MB"
if [ -n "$BULK_LINE" ]; then echo "$BULK_LINE"; fi
if [ -n "$CACHED_LINE" ]; then echo "$CACHED_LINE"; fi
if [ -f "$WORK/series.txt" ]; then cat "$WORK/series.txt"; fi
