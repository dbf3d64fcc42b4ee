#!/usr/bin/env bash
# A weekly digest run for many confirmed subscriptions (API.md "Alerts"; goal: 100,000 subscriptions over 10,000
# upcoming events built in under 2 minutes and under 300 MB, no transaction longer than a batch).
# Builds Release, starts a throwaway PostgreSQL cluster, seeds the demo (its approved events approved during the last
# week), writes N confirmed weekly subscriptions with a mix of filters, then times `send-digests --frequency weekly`
# (wall time and peak resident memory of the process, from /usr/bin/time) while sampling the oldest open transaction.
#
#   bench/digests.sh [--subscriptions 100000] [--events 15000]
#
# Needs: dotnet, python3, PostgreSQL 15 server binaries, /usr/bin/time (apt-get install time).
set -euo pipefail
N=100000 EVENTS=15000
while [ $# -gt 0 ]; do
  case "$1" in
    --subscriptions) N=$2; shift 2 ;;
    --events) EVENTS=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
[ -x $PGBIN/initdb ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql-15"; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time"; exit 2; }
WORK=$(mktemp -d /tmp/culturalite-digests.XXXXXX)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  as_pg $PGBIN/pg_ctl -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (Release)" >&2
dotnet publish "$ROOT/src/CulturaLite.Api" -c Release -o "$WORK/api" -v:q -nologo >/dev/null
PGPORT=$(free_port)
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_pg $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg $PGBIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE bench" >/dev/null
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -d bench -v ON_ERROR_STOP=1 -Atq"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bench"
export ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdefghijklmnop"
export Logging__LogLevel__Default=Warning Media__Root="$WORK/media" Email__PickupDirectory="$WORK/mail" AllowedHosts="127.0.0.1;localhost"
echo "== seeding $EVENTS demo events" >&2
(cd "$WORK/api" && ./CulturaLite.Api migrate >/dev/null && ./CulturaLite.Api seed-demo --events "$EVENTS" >/dev/null)
$PSQL -c "UPDATE events_event SET moderated_at = now() - random() * interval '6 days' WHERE status = 'approved'"
UPCOMING=$($PSQL -c "SELECT count(*) FROM events_event WHERE status = 'approved' AND event_date >= now()")

echo "== writing $N subscriptions" >&2
# The mix: a city (40%), a city and a category (25%), a category (10%), a city and free (10%), a word (5%),
# a circle of 5 to 25 km around one of 2,000 points (5%), nothing (5%). Last digest a week ago.
$PSQL <<SQL
CREATE TEMP TABLE c(name text); INSERT INTO c VALUES ('Mumbai'),('Delhi'),('Bengaluru'),('Chennai'),('Kolkata'),('Hyderabad'),('Pune'),('Jaipur'),
  ('Ahmedabad'),('Kochi'),('Lucknow'),('Chandigarh'),('Goa'),('Mysuru'),('Varanasi'),('Udaipur'),('Amritsar'),('Bhopal'),('Indore'),('Shillong');
CREATE TEMP TABLE cities AS SELECT row_number() OVER () AS n, name FROM c;
CREATE TEMP TABLE cats AS SELECT row_number() OVER () AS n, slug FROM events_category;
CREATE TEMP TABLE words(n int, w text); INSERT INTO words VALUES (1,'music'),(2,'dance'),(3,'festival'),(4,'theatre'),(5,'evening'),(6,'classical'),(7,'folk'),(8,'night');
INSERT INTO alerts_subscription (email, normalized_email, frequency, filters, token, created_at, confirmed_at, last_digest_at, next_digest_at, link_base)
SELECT 'fan' || i || '@example.com', 'fan' || i || '@example.com', 'weekly',
  CASE WHEN r < 40 THEN 'city=' || (SELECT name FROM cities WHERE n = 1 + i % 20)
       WHEN r < 65 THEN 'category=' || (SELECT slug FROM cats WHERE n = 1 + i % (SELECT count(*) FROM cats)) || '&city=' || (SELECT name FROM cities WHERE n = 1 + (i / 7) % 20)
       WHEN r < 75 THEN 'category=' || (SELECT slug FROM cats WHERE n = 1 + i % (SELECT count(*) FROM cats))
       WHEN r < 85 THEN 'city=' || (SELECT name FROM cities WHERE n = 1 + i % 20) || '&is_free=true'
       WHEN r < 90 THEN 'search=' || (SELECT w FROM words WHERE n = 1 + i % 8)
       WHEN r < 95 THEN 'near=' || round((12 + (i % 2000) * 0.006)::numeric, 3) || '%2C' || round((73 + (i % 2000) * 0.007)::numeric, 3) || '&radius_km=' || (5 + i % 21)
       ELSE '' END,
  md5(i::text || random()::text) || md5(random()::text), now() - interval '8 days', now() - interval '8 days', now() - interval '7 days', now() + interval '1 day', 'https://culturalite.in'
FROM (SELECT i, (i * 37) % 100 AS r FROM generate_series(1, $N) AS i) s;
ANALYZE;
SQL
DISTINCT=$($PSQL -c "SELECT count(DISTINCT filters) FROM alerts_subscription")

echo "== sending digests" >&2
( while true; do $PSQL -c "SELECT coalesce(extract(epoch FROM max(now() - xact_start)), 0) FROM pg_stat_activity WHERE datname = 'bench' AND state <> 'idle' AND pid <> pg_backend_pid() AND query NOT LIKE '%pg_stat_activity%'" >> "$WORK/xact.txt" 2>/dev/null || true; sleep 0.5; done ) &
SAMPLER=$!
(cd "$WORK/api" && /usr/bin/time -v ./CulturaLite.Api send-digests --frequency weekly) >"$WORK/run.out" 2>"$WORK/run.time"
kill "$SAMPLER"; SAMPLER=""
WALL=$(grep "Elapsed (wall clock)" "$WORK/run.time" | awk '{print $NF}')
RSS_KB=$(grep "Maximum resident set size" "$WORK/run.time" | awk '{print $NF}')
DIGESTS=$($PSQL -c "SELECT count(*) FROM notifications_email_outbox WHERE body LIKE '%New on CulturaLite%'")
ITEMS=$($PSQL -c "SELECT count(*) FROM alerts_digested_event")
LONGEST=$(sort -g "$WORK/xact.txt" | tail -1)
echo
echo "subscriptions:            $N ($DISTINCT distinct filter sets)"
echo "upcoming public events:   $UPCOMING (all approved in the last week)"
echo "output of the command:    $(cat "$WORK/run.out")"
echo "digests queued:           $DIGESTS, events listed in them: $ITEMS"
echo "wall time:                $WALL"
echo "peak resident memory:     $((RSS_KB / 1024)) MB"
echo "longest open transaction: ${LONGEST:-0} s (sampled every 0.5 s)"
