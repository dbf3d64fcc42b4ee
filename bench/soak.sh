#!/usr/bin/env bash
# Mixed-traffic soak: builds Release, starts a throwaway PostgreSQL cluster and the server, seeds
# 10,000 demo events, then runs bench/soak.py (24 clients, 160 req/s, 8 minutes by default) while
# dotnet-counters records the runtime's counters every 15 s. Prints resident memory, threads, open
# files, database connections and full collections over time, p50/p99 per kind of request, and the
# resident memory after the traffic stops (idle).
#
#   bench/soak.sh [--duration 480] [--rate 160] [--clients 24] [--idle 90] [--mix mixed|uploads] [--source DIR]
#
# --mix uploads sends only multipart submissions with a ~400 KB image (the collector under uploads alone).
# --source DIR soaks another checkout (for a before/after comparison). Loopback only.
# Needs: dotnet, python3, PostgreSQL 15 server binaries; installs dotnet-counters into the work dir.
set -euo pipefail
DURATION=480 RATE=160 CLIENTS=24 IDLE=90 MIX=mixed SOURCE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --mix) MIX=$2; shift 2 ;;
    --source) SOURCE=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${SOURCE:-$ROOT}
PGBIN=/usr/lib/postgresql/15/bin
[ -x $PGBIN/initdb ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql-15"; exit 2; }

WORK=$(mktemp -d /tmp/culturalite-soak.XXXXXX)
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

echo "== building (Release) from $SRC" >&2
dotnet publish "$SRC/src/CulturaLite.Api" -c Release -o "$WORK/api" -v:q -nologo >/dev/null
dotnet tool install --tool-path "$WORK/tools" dotnet-counters --version 10.0.750501 >/dev/null

echo "== starting PostgreSQL" >&2
PGPORT=$(free_port)
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_pg $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg $PGBIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE bench" >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bench"
export ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey="soak-signing-key-$(date +%s)-0123456789abcdefghijklmnop"
export RateLimiting__Enabled=false Logging__LogLevel__Default=Warning Media__Root="$WORK/media" Email__PickupDirectory="$WORK/mail"
export AllowedHosts="127.0.0.1;localhost"
echo "== seeding" >&2
(cd "$WORK/api" && ./CulturaLite.Api migrate >/dev/null && ./CulturaLite.Api seed-demo --events 10000 >/dev/null)
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -qc "VACUUM ANALYZE" >/dev/null
VENDORS=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench -Atc \
  "SELECT string_agg(email, ',') FROM (SELECT email FROM users_user WHERE role='vendor' ORDER BY id LIMIT 8) v")

PORT=$(free_port)
(cd "$WORK/api" && exec ./CulturaLite.Api --urls "http://127.0.0.1:$PORT") >"$WORK/server.log" 2>&1 &
SERVER=$!; PIDS+=("$SERVER")
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/api/health/" >/dev/null && break; sleep 0.2; done

"$WORK/tools/dotnet-counters" collect -p "$SERVER" --refresh-interval 15 --format csv -o "$WORK/counters.csv" \
  --counters System.Runtime --duration "00:00:$(( (DURATION + 20) / 60 )):$(( (DURATION + 20) % 60 ))" </dev/null >/dev/null 2>&1 &
COUNTERS=$!; PIDS+=("$COUNTERS")

echo "== soaking ${DURATION}s at ${RATE} req/s with ${CLIENTS} clients" >&2
echo "CulturaLite soak  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores  source=$(git -C "$SRC" rev-parse --short HEAD)  duration=${DURATION}s rate=${RATE}/s clients=${CLIENTS} mix=${MIX}"
python3 "$ROOT/bench/soak.py" --base "$BASE" --pid "$SERVER" --pgport "$PGPORT" --vendors "$VENDORS" \
  --admin admin@demo.culturalite.in --duration "$DURATION" --rate "$RATE" --clients "$CLIENTS" --mix "$MIX"
wait "$COUNTERS" 2>/dev/null || true

echo
echo "| t (s) | full (gen 2) collections in the interval |"
echo "|---|---|"
awk -F, '/gc.heap.generation=gen2\]/ && /dotnet.gc.collections/ { n++; total += $5; printf "| %d | %s |\n", n * 15, $5 } END { printf "\nfull collections: %d in %d s (%.1f per minute)\n", total, n * 15, (n > 0 ? total * 60 / (n * 15) : 0) }' "$WORK/counters.csv"

echo
echo "| t (s) | GC committed MB | large object heap MB (after the last collection) |"
echo "|---|---|---|"
awk -F, '/memory.committed_size/ { c[++n] = $5 } /heap.size/ && /generation=loh\]/ { l[++m] = $5 }
  END { for (i = 1; i <= n; i++) printf "| %d | %.0f | %.0f |\n", i * 15, c[i] / 1048576, l[i] / 1048576 }' "$WORK/counters.csv"

echo "== idle ${IDLE}s" >&2
sleep "$IDLE"
echo "resident memory after ${IDLE} s idle: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"

# Every 5xx has a reason in the server's log: the warnings and errors it wrote, counted by message.
echo
echo "server warnings and errors (count, first line):"
grep -E '^(warn|fail|crit):' -A1 "$WORK/server.log" | grep -vE '^(warn|fail|crit):|^--$' | sed 's/^ *//' | cut -c1-160 | sort | uniq -c | sort -rn | head -15 || true
cp "$WORK/server.log" /tmp/culturalite-soak-server.log 2>/dev/null && echo "(the server's whole log is kept in /tmp/culturalite-soak-server.log)"
