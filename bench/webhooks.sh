#!/usr/bin/env bash
# Webhook deliveries per minute to a local receiver (API.md "Webhooks"; goal: 1,000 a minute).
# Builds Release, starts a throwaway PostgreSQL cluster, seeds, starts the server and a receiver (Python, answering 204
# after checking each signature), creates a webhook through the admin API, then queues N deliveries at once (one
# `event.published` per public event, written as the trigger writes them) and reports how long the server took to
# deliver them all, the deliveries' durations, repeats and bad signatures.
#
#   bench/webhooks.sh [--deliveries 1000] [--receiver-ms 0]
#
# Needs: dotnet, python3, PostgreSQL 15 server binaries.
set -euo pipefail
N=1000 RECEIVER_MS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --deliveries) N=$2; shift 2 ;;
    --receiver-ms) RECEIVER_MS=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
[ -x $PGBIN/initdb ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql-15"; exit 2; }
WORK=$(mktemp -d /tmp/culturalite-webhooks.XXXXXX)
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
PGPORT=$(free_port)
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_pg $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg $PGBIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE bench" >/dev/null
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -d bench -v ON_ERROR_STOP=1 -Atq"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bench"
export ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdefghijklmnop"
export RateLimiting__Enabled=false Logging__LogLevel__Default=Warning Media__Root="$WORK/media" Email__PickupDirectory="$WORK/mail"
export AllowedHosts="127.0.0.1;localhost" Outbound__AllowPrivateNetworks=true
echo "== seeding" >&2
(cd "$WORK/api" && ./CulturaLite.Api migrate >/dev/null && ./CulturaLite.Api seed-demo --events $((N * 2)) >/dev/null \
  && ./CulturaLite.Api createsuperuser --email bench-admin@example.com --password Bench-Admin-2026 >/dev/null)

RPORT=$(free_port)
cat > "$WORK/receiver.py" <<'PY'
import base64, hashlib, hmac, http.server, json, sys, threading, time
port, delay, out = int(sys.argv[1]), float(sys.argv[2]) / 1000, sys.argv[3]
key = None
lock = threading.Lock()
seen, bad, times = {}, 0, []
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        global bad, key
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if key is None:
            key = base64.b64decode(open(out + ".secret").read().strip()[len("whsec_"):])
        mid, ts, sig = self.headers["webhook-id"], self.headers["webhook-timestamp"], self.headers["webhook-signature"]
        want = "v1," + base64.b64encode(hmac.new(key, f"{mid}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
        with lock:
            seen[mid] = seen.get(mid, 0) + 1
            times.append(time.time())
            if not hmac.compare_digest(want, sig): bad += 1
            json.dump({"received": len(times), "distinct": len(seen), "bad": bad, "first": min(times), "last": max(times)}, open(out, "w"))
        if delay: time.sleep(delay)
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
python3 "$WORK/receiver.py" "$RPORT" "$RECEIVER_MS" "$WORK/received.json" & PIDS+=("$!")

PORT=$(free_port)
(cd "$WORK/api" && exec ./CulturaLite.Api --urls "http://127.0.0.1:$PORT") >"$WORK/server.log" 2>&1 &
SERVER=$!; PIDS+=("$SERVER")
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/api/health/" >/dev/null && break; sleep 0.2; done
ADMIN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench-admin@example.com","password":"Bench-Admin-2026"}' "$BASE/api/auth/login/" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
HOOK=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$RPORT/hook\",\"events\":[\"event.published\"]}" "$BASE/api/admin/webhooks/")
python3 -c 'import json,sys; print(json.loads(sys.argv[1])["secret"])' "$HOOK" > "$WORK/received.json.secret"
HOOK_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$HOOK")

echo "== queueing $N deliveries" >&2
$PSQL -c "INSERT INTO alerts_webhook_delivery (webhook_id, message_id, type, event_id, subject, created_at, attempts, next_attempt_at)
  SELECT $HOOK_ID, 'msg_' || md5(random()::text), 'event.published', id, 'event:' || id, now(), 0, now()
  FROM events_event WHERE status = 'approved' ORDER BY id LIMIT $N"
QUEUED=$($PSQL -c "SELECT count(*) FROM alerts_webhook_delivery WHERE webhook_id = $HOOK_ID")
START=$(date +%s.%N)
for _ in $(seq 1 600); do
  LEFT=$($PSQL -c "SELECT count(*) FROM alerts_webhook_delivery WHERE webhook_id = $HOOK_ID AND finished_at IS NULL")
  [ "$LEFT" = 0 ] && break; sleep 0.5
done
END=$(date +%s.%N)
$PSQL -F' ' -c "SELECT count(*) FILTER (WHERE outcome = 'delivered'), count(*) FILTER (WHERE attempts > 1),
  percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms), percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms),
  extract(epoch FROM max(finished_at) - min(last_attempt_at))
  FROM alerts_webhook_delivery WHERE webhook_id = $HOOK_ID" | {
  read -r DELIVERED RETRIED P50 P99 SPAN
  python3 - "$WORK/received.json" "$QUEUED" "$DELIVERED" "$RETRIED" "$P50" "$P99" "$SPAN" "$START" "$END" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
queued, delivered, retried, p50, p99, span, start, end = sys.argv[2:]
span = float(span)
print(f"| deliveries queued | {queued} |")
print(f"| delivered (outcome) | {delivered}, {retried} needed a retry |")
print(f"| received by the receiver | {r['received']} requests, {r['distinct']} distinct webhook-id, {r['bad']} bad signatures |")
print(f"| first attempt to last delivery | {span:.1f} s: {int(delivered) / span * 60:,.0f} deliveries a minute |")
print(f"| queued to all delivered (polled every 0.5 s) | {float(end) - float(start):.1f} s |")
print(f"| one delivery's duration, p50 / p99 | {p50} / {p99} ms |")
PY
}
echo "server peak: $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$SERVER/status)"
