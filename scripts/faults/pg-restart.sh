#!/usr/bin/env bash
# Fault run (a): PostgreSQL is restarted while a cohort is under load. Expected: the server
# answers 503 (never 500) while the database is away, becomes ready again by itself, and every
# quiz submission acknowledged with 2xx is stored exactly once.
#
# The PostgreSQL server is restarted for everyone: other test runs on it see errors for a few
# seconds. Bounded: about DURATION + setup + 2 minutes. Usage: scripts/faults/pg-restart.sh
# DRY_RUN=1 runs everything but the restart (to check the script without disturbing anyone).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT

setup pgrestart
start_load
wait_for_cohort_phase
watch_readyz
sleep "$FAULT_AFTER"
cluster=$(ls /etc/postgresql | head -1)
t0=$(date +%s.%N)
if [ -n "${DRY_RUN:-}" ]; then
  log "DRY_RUN: not restarting PostgreSQL $cluster/main"
  sleep 3
else
  log "restarting PostgreSQL $cluster/main"
  timeout 120 pg_ctlcluster --skip-systemctl-redirect "$cluster" main restart
fi
t1=$(date +%s.%N)
log "pg_ctlcluster restart returned after $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s"
wait_load
kill "$WATCH_PID" 2>/dev/null || true
awk -v t0="$t0" -v t1="$t1" '
  $1 >= t0 { n++; ts[n] = $1; st[n] = $2 }
  END {
    for (i = 1; i <= n; i++) if (st[i] != 200) { if (!first) first = ts[i]; last = i; codes[st[i]]++ }
    if (!first) { print "readyz: answered 200 throughout the restart"; exit }
    for (i = last + 1; i <= n; i++) if (st[i] == 200) { back = ts[i]; break }
    s = ""; for (c in codes) s = s c " x" codes[c] " "
    printf "readyz: not ready from %.1f s to %.1f s after the restart began (%s); ready again %.1f s after it began; pg_ctlcluster returned after %.1f s\n",
      first - t0, ts[last] - t0, s, back - t0, t1 - t0
  }' "$WORK/readyz.log" | tee -a "$WORK/result.txt" >&2
load_summary
if ! kill -0 "$SERVER_PID" 2>/dev/null; then log "the server died during the restart"; fi
stop_server
count
verdict
exit "$status"
