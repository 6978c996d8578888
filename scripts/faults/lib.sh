# Shared steps of the fault runs: build, a fresh database, a server on loopback, the load tool
# in the background, and the count of acknowledged submissions against stored ones.
# Sourced by pg-restart.sh and sigterm.sh; everything stays on 127.0.0.1 and every wait is bounded.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG=${PG:-postgres://postgres@127.0.0.1:5432}
LEARNERS=${LEARNERS:-300}
CONCURRENCY=${CONCURRENCY:-32}
DURATION=${DURATION:-60}        # seconds of cohort load
FAULT_AFTER=${FAULT_AFTER:-15}  # seconds into the cohort load when the fault strikes
KEEP=${KEEP:-}                  # set to keep the database and the work folder

case "$PG" in
  postgres://*@127.*|postgres://*@localhost*|postgres://127.*|postgres://localhost*) ;;
  *) echo "PG must be a loopback PostgreSQL URL, got $PG" >&2; exit 2 ;;
esac

log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$WORK/result.txt" >&2; }

# setup NAME: work folder, fresh database, binaries, a started server.
setup() {
  NAME=$1
  WORK=$(mktemp -d "/tmp/tandem-fault-$NAME-XXXX")
  DB="fault_${NAME}_$(date +%s)"
  DBURL="$PG/$DB?sslmode=disable"
  log "fault run $NAME in $WORK; uptime: $(uptime)"
  psql "$PG/postgres?sslmode=disable" -qAtc "CREATE DATABASE $DB"
  (cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -o "$WORK/tandem" ./cmd/tandem && go build -o "$WORK/tandem-load" ./cmd/tandem-load)
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export TANDEM_ADDR=127.0.0.1:$PORT TANDEM_DATABASE_URL=$DBURL TANDEM_DATA_DIR=$WORK \
    TANDEM_BASE_URL=http://127.0.0.1:$PORT TANDEM_TRUSTED_PROXIES=127.0.0.1/32 \
    TANDEM_MASTER_KEY=$(head -c 32 /dev/urandom | base64) TANDEM_SHUTDOWN_TIMEOUT=${TANDEM_SHUTDOWN_TIMEOUT:-20s}
  start_server
}

start_server() {
  "$WORK/tandem" serve >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" = 200 ] && { log "server $SERVER_PID ready on 127.0.0.1:$PORT"; return; }
    kill -0 "$SERVER_PID" 2>/dev/null || { log "server exited during start-up"; tail "$WORK/server.log" >&2; exit 1; }
    sleep 0.2
  done
  log "server not ready after 60 s"; exit 1
}

# start_load: the load tool in cohort mode, logging every acknowledged submission.
start_load() {
  timeout $((DURATION + 600)) "$WORK/tandem-load" -target "http://127.0.0.1:$PORT" -bin "$WORK/tandem" -db "$DBURL" \
    -learners "$LEARNERS" -c "$CONCURRENCY" -d "${DURATION}s" -pid "$SERVER_PID" \
    -acks "$WORK/acks" -json "$WORK/load.json" cohort >"$WORK/load.txt" 2>"$WORK/load.err" &
  LOAD_PID=$!
}

# wait_for_cohort_phase: returns once the learners have signed in and the cohort load runs.
wait_for_cohort_phase() {
  for _ in $(seq 1 1800); do
    grep -q '^.* phase cohort: [0-9]* workers' "$WORK/load.err" 2>/dev/null && { log "cohort load running"; return; }
    kill -0 "$LOAD_PID" 2>/dev/null || { log "load tool ended before the cohort phase"; cat "$WORK/load.err" >&2; exit 1; }
    sleep 0.5
  done
  log "cohort phase did not start within 15 minutes"; exit 1
}

# watch_readyz: GET /readyz every 200 ms into readyz.log (time status) until stopped.
watch_readyz() {
  ( while :; do
      printf '%s %s\n' "$(date +%s.%N)" "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")"
      sleep 0.2
    done ) >"$WORK/readyz.log" 2>/dev/null &
  WATCH_PID=$!
}

wait_load() {
  wait "$LOAD_PID" || log "load tool exited with status $?"
  log "load tool finished"
  sed -n '/^phase cohort:/,/^$/p' "$WORK/load.txt" | tee -a "$WORK/result.txt" >&2
}

stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    timeout 60 tail --pid="$SERVER_PID" -f /dev/null || kill -KILL "$SERVER_PID"
  fi
}

# count: acknowledged submissions against rows stored with submitted_at, and grade events per
# acknowledged attempt (exactly one each). Sets ACKED, STORED, NOT_ONCE.
count() {
  sort -u "$WORK/acks" >"$WORK/acks.unique"
  touch "$WORK/acks.unacked"
  sed 's/ /\t/' "$WORK/acks.unacked" >"$WORK/acks.unacked.tsv"
  local lines; lines=$(wc -l <"$WORK/acks")
  psql "$DBURL" -qAt -v ON_ERROR_STOP=1 >"$WORK/counts.txt" <<SQL
CREATE TEMP TABLE acked (id text PRIMARY KEY);
\copy acked FROM '$WORK/acks.unique'
CREATE TEMP TABLE unacked (id text, outcome text);
\copy unacked FROM '$WORK/acks.unacked.tsv'
SELECT count(*) FROM acked;
SELECT count(*) FROM quiz_attempts q JOIN acked a ON a.id = q.id WHERE q.submitted_at IS NOT NULL;
WITH graded AS (
  SELECT result::jsonb->>'attempt' AS attempt, count(*) AS n FROM progress_events
  WHERE object_type = 'quiz' AND verb IN ('passed', 'failed') GROUP BY 1)
SELECT count(*) FROM acked a LEFT JOIN graded g ON g.attempt = a.id WHERE coalesce(g.n, 0) <> 1;
SELECT count(*) FROM unacked;
SELECT count(*) FROM quiz_attempts q JOIN unacked u ON u.id = q.id WHERE q.submitted_at IS NOT NULL;
SELECT coalesce(string_agg(outcome || ' x' || n, ', '), '-') FROM (SELECT outcome, count(*) n FROM unacked GROUP BY outcome) o;
SELECT count(*) FROM quiz_attempts WHERE submitted_at IS NOT NULL;
SQL
  mapfile -t c <"$WORK/counts.txt"
  ACKED=${c[0]} STORED=${c[1]} NOT_ONCE=${c[2]}
  log "acknowledged submissions: $lines lines, $ACKED distinct attempts"
  log "stored with submitted_at among them: $STORED; grade events not exactly once: $NOT_ONCE"
  log "never acknowledged: ${c[3]} (${c[5]}); of those stored anyway: ${c[4]}"
  log "all submitted attempts in the database: ${c[6]}"
}

# verdict: exit status 0 when every acknowledged submission is stored exactly once.
verdict() {
  if [ "$ACKED" -gt 0 ] && [ "$ACKED" = "$STORED" ] && [ "$NOT_ONCE" = 0 ]; then
    log "RESULT $NAME: PASS ($ACKED acknowledged = $STORED stored, each graded once)"
    status=0
  else
    log "RESULT $NAME: FAIL (acknowledged $ACKED, stored $STORED, not exactly once $NOT_ONCE)"
    status=1
  fi
  log "details in $WORK (result.txt, load.txt, load.json, server.log, readyz.log)"
}

# load_summary: what the learners saw during the cohort phase, from the tool's JSON report.
load_summary() {
  python3 - "$WORK/load.json" <<'PY' | tee -a "$WORK/result.txt" >&2
import json, sys
rep = json.load(open(sys.argv[1]))
for p in rep["phases"]:
    if p["name"] != "cohort":
        continue
    statuses, transport = {}, {}
    for r in p["routes"]:
        for k, v in r["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
        for k, v in (r.get("transport_errors") or {}).items():
            transport[k] = transport.get(k, 0) + v
    fivexx = {k: v for k, v in statuses.items() if k.startswith("5")}
    print("cohort phase: %d requests, statuses %s" % (p["requests"], dict(sorted(statuses.items()))))
    print("  5xx by status: %s; requests without an answer, by kind: %s" % (fivexx or "none", transport or "none"))
    print("  submissions: %s" % p.get("counts"))
PY
}

cleanup() {
  [ -n "${WATCH_PID:-}" ] && kill "$WATCH_PID" 2>/dev/null || true
  [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null || true
  [ -n "${SERVER_PID:-}" ] && stop_server 2>/dev/null || true
  if [ -z "$KEEP" ] && [ -n "${DB:-}" ]; then
    psql "$PG/postgres?sslmode=disable" -qAtc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  fi
}
