#!/usr/bin/env bash
# Fault run (b): the server gets SIGTERM while a cohort is under load. Expected: it stops
# accepting connections, lets the requests in flight finish, exits cleanly within
# TANDEM_SHUTDOWN_TIMEOUT, and nothing it acknowledged is lost. A new server is then started on
# the same port and the learners carry on. Bounded: about DURATION + setup + 2 minutes.
# Usage: scripts/faults/sigterm.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT

setup sigterm
start_load
wait_for_cohort_phase
sleep "$FAULT_AFTER"
log "SIGTERM to server $SERVER_PID"
t0=$(date +%s.%N)
kill -TERM "$SERVER_PID"
code=0
wait "$SERVER_PID" || code=$?
t1=$(date +%s.%N)
log "server exited with status $code, $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s after SIGTERM"
grep -E 'shutting down|"stopped"|level":"ERROR' "$WORK/server.log" | tail -5 | tee -a "$WORK/result.txt" >&2 || true
sleep 3
log "starting a new server on the same port"
start_server
wait_load
load_summary
stop_server
count
verdict
exit "$status"
