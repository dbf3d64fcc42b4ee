#!/usr/bin/env bash
# Measures the personal-data export and the erasure (API.md "Personal data"; issue 32's promise: an export of a vendor
# with 1,000 events and 5,000 notifications streams in under 2 s and under 50 MB of memory, and the erasure of such an
# account completes in under 5 s). A throwaway PostgreSQL cluster, the Release build, and VENDORS vendors, each with
# one event submitted through the API and approved (so every column holds what the app writes), copied to EVENTS events
# with a revision each and NOTIFICATIONS notifications. For each vendor: the export's wall time and size (curl), and
# the server's resident memory above its level before the export (sampled every 10 ms); then each erasure, done
# before the answer (Privacy__ErasureDelayHours=0), timed by curl.
#
#   bench/privacy.sh [--vendors 3] [--events 1000] [--notifications 5000]
#
# Needs: dotnet, PostgreSQL 15 server binaries (apt-get install postgresql-15), curl, python3.
set -euo pipefail
VENDORS=3 EVENTS=1000 NOTIFICATIONS=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --vendors) VENDORS=$2; shift 2 ;;
    --events) EVENTS=$2; shift 2 ;;
    --notifications) NOTIFICATIONS=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
[ -x $PGBIN/initdb ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql-15"; exit 2; }
WORK=$(mktemp -d /tmp/culturalite-privacy.XXXXXX)
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  as_pg $PGBIN/pg_ctl -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== building (Release)" >&2
dotnet publish "$ROOT/src/CulturaLite.Api" -c Release -o "$WORK/api" -v:q -nologo >/dev/null
PGPORT=$(free_port)
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_pg $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg $PGBIN/pg_ctl -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -d culturalite -v ON_ERROR_STOP=1 -q -At"
psql -h 127.0.0.1 -p $PGPORT -U postgres -q -c "CREATE DATABASE culturalite"

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/culturalite" ASPNETCORE_ENVIRONMENT=Production AllowedHosts='127.0.0.1;localhost'
export Jwt__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdefghijklmnop" Logging__LogLevel__Default=Warning
export RateLimiting__Enabled=false Privacy__ErasureDelayHours=0 Email__PickupDirectory="$WORK/mail" Media__Root="$WORK/media"
(cd "$WORK/api" && ./CulturaLite.Api migrate >/dev/null && ./CulturaLite.Api createsuperuser --email admin@bench.test --password 'Bench-Admin-2026' >/dev/null)
(cd "$WORK/api" && exec ./CulturaLite.Api --urls "$BASE" >"$WORK/server.log" 2>&1) &
SERVER=$!
for _ in $(seq 100); do curl -fs "$BASE/api/health/ready/" >/dev/null && break; sleep 0.2; done
PID=$(pgrep -f "CulturaLite.Api --urls $BASE" | head -1)

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() { curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$BASE/api/auth/login/" | json "['access']"; }
ADMIN=$(login admin@bench.test 'Bench-Admin-2026')
PASSWORD='Monsoon-Ragas-77'
DESCRIPTION=$(python3 -c "print(('An evening of Carnatic music and Bharatanatyam at the old hall, with a talk before. ' * 24).strip())")
EVENT_DATE=$(date -u -d '+30 days' +%Y-%m-%dT18:30:00Z)

# Copies every column of a table but id (and generated ones) from the rows WHERE picks, once per row of FROM_EXTRA.
copy_rows() { # table, "column=expression" to replace one column (optional), extra FROM items, WHERE
  local expr="'r.' || quote_ident(column_name)"
  if [ -n "$2" ]; then expr="CASE WHEN column_name = '${2%%=*}' THEN '${2#*=}' ELSE $expr END"; fi
  $PSQL -c "DO \$\$ DECLARE cols text; exprs text; BEGIN
    SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position), string_agg($expr, ',' ORDER BY ordinal_position)
      INTO cols, exprs FROM information_schema.columns
      WHERE table_name = '$1' AND column_name <> 'id' AND is_generated = 'NEVER';
    EXECUTE format('INSERT INTO $1 (%s) SELECT %s FROM $1 r $3 WHERE $4', cols, exprs);
  END \$\$;"
}

echo "== $VENDORS vendors, each with $EVENTS events (a revision each) and $NOTIFICATIONS notifications" >&2
declare -a EMAILS
for v in $(seq "$VENDORS"); do
  EMAIL="vendor$v@bench.test"; EMAILS+=("$EMAIL")
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"password_confirm\":\"$PASSWORD\",\"first_name\":\"Asha\",\"last_name\":\"Rao $v\",\"organization_name\":\"Sabha $v\",\"privacy_notice_version\":\"1\"}" "$BASE/api/auth/register/"
  TOKEN=$(login "$EMAIL" "$PASSWORD")
  ID=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Margazhi evening $v\",\"description\":\"$DESCRIPTION\",\"city\":\"Chennai\",\"event_date\":\"$EVENT_DATE\",\"category\":\"music\",\"image_url\":\"https://cdn.example.com/e.jpg\",\"translations\":{\"ta\":{\"title\":\"மார்கழி மாலை\",\"description\":\"இசை\"}}}" \
    "$BASE/api/dashboard/events/" | json "['id']")
  curl -fs -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"version":1}' "$BASE/api/admin/events/$ID/approve/"
  copy_rows events_event "" ", generate_series(2, $EVENTS) g" "r.id = $ID"
  copy_rows events_revision "event_id=e.id" ", events_event e" "r.event_id = $ID AND e.vendor_id = (SELECT vendor_id FROM events_event WHERE id = $ID) AND e.id <> $ID"
  copy_rows notifications_notification "" ", generate_series(2, $NOTIFICATIONS) g" "r.id = (SELECT min(id) FROM notifications_notification WHERE event_id = $ID)"
  echo "vendor $v: $($PSQL -c "SELECT (SELECT count(*) FROM events_event e JOIN users_user u ON u.id = e.vendor_id WHERE u.email = '$EMAIL') || ' events, ' || (SELECT count(*) FROM events_revision r JOIN events_event e ON e.id = r.event_id JOIN users_user u ON u.id = e.vendor_id WHERE u.email = '$EMAIL') || ' revisions, ' || (SELECT count(*) FROM notifications_notification n JOIN users_user u ON u.id = n.vendor_id WHERE u.email = '$EMAIL') || ' notifications'")" >&2
done

rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
# The server's peak resident memory while a command runs, sampled every 10 ms, in KB.
peak_while() {
  python3 - "$PID" "$@" <<'PY'
import subprocess, sys, threading, time
pid, cmd = sys.argv[1], sys.argv[2:]
def rss():
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))
peak, done = rss(), False
def sample():
    global peak
    while not done:
        peak = max(peak, rss()); time.sleep(0.01)
t = threading.Thread(target=sample); t.start()
out = subprocess.run(cmd, capture_output=True, text=True).stdout
done = True; t.join()
print(out.strip(), peak)
PY
}

echo "== warming the export path (the admin's own export)" >&2
curl -fs -o /dev/null -H "Authorization: Bearer $ADMIN" "$BASE/api/auth/me/export/"

printf '\n| vendor | export: wall time | size | RSS before | peak RSS during | added | erasure: wall time | left after erasure |\n|---|---|---|---|---|---|---|---|\n'
for EMAIL in "${EMAILS[@]}"; do
  TOKEN=$(login "$EMAIL" "$PASSWORD")
  USER_ID=$($PSQL -c "SELECT id FROM users_user WHERE email = '$EMAIL'")
  BEFORE=$(rss)
  read -r CODE TIME SIZE PEAK < <(peak_while curl -s -o "$WORK/export.json" -w '%{http_code} %{time_total} %{size_download}' -H "Authorization: Bearer $TOKEN" "$BASE/api/auth/me/export/")
  [ "$CODE" = 200 ] || { echo "export answered $CODE"; exit 1; }
  COUNTS=$(python3 -c "import json; d=json.load(open('$WORK/export.json')); print(len(d['events']), len(d['notifications']))")
  read -r ECODE ETIME < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X DELETE -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "{\"password\":\"$PASSWORD\"}" "$BASE/api/auth/me/")
  [ "$ECODE" = 202 ] || { echo "erasure answered $ECODE"; exit 1; }
  LEFT=$($PSQL -c "SELECT (SELECT count(*) FROM events_event WHERE vendor_id = $USER_ID) + (SELECT count(*) FROM notifications_notification WHERE vendor_id = $USER_ID)")
  python3 -c "import sys; a=sys.argv[1:]; print(f'| {a[0]} ({a[1]} events, {a[2]} notifications exported) | {float(a[3]):.2f} s | {int(a[4])/1048576:.1f} MB | {int(a[5])//1024} MB | {int(a[6])//1024} MB | {(int(a[6])-int(a[5]))//1024} MB | {float(a[7]):.2f} s | {a[8]} rows of that account |')" \
    "$EMAIL" $COUNTS "$TIME" "$SIZE" "$BEFORE" "$PEAK" "$ETIME" "$LEFT"
done
echo
echo "server peak RSS over the whole run: $(awk '/VmHWM/ {print int($2/1024)}' /proc/$PID/status) MB"
