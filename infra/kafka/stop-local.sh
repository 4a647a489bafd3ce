#!/usr/bin/env bash
# Stop a broker started by infra/kafka/run-local.sh.
#
#   KAFKA_DATA_DIR=/tmp/k infra/kafka/stop-local.sh   # by pid file <data dir>/broker.pid
#   KAFKA_PID_FILE=/x/broker.pid infra/kafka/stop-local.sh
#   KAFKA_PORT=39092 infra/kafka/stop-local.sh        # by port (default 9092)
#   infra/kafka/stop-local.sh --all                   # every broker run-local.sh started
#
# Sends SIGTERM (controlled shutdown) to the run-local.sh wrapper when there is one (it
# forwards the signal, waits for the JVM and removes its temp data dir), otherwise to the
# broker JVM; waits up to KAFKA_STOP_TIMEOUT seconds (default 30), then SIGKILLs.
# Exits 0 when the broker is gone, including when nothing was running.
set -uo pipefail

log() { printf '[stop-local] %s\n' "$*" >&2; }

TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
MODE=auto
case "${1:-}" in
  --all) MODE=all ;;
  -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
  "") ;;
  *) log "unknown argument '$1' (use --all or env vars, see --help)"; exit 2 ;;
esac

cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null; }
is_broker() { [[ "$1" =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null && cmdline "$1" | grep -q 'kafka\.Kafka'; }
alive() { kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]]; }

# Broker JVMs started by run-local.sh carry -Dfenghuo.kafka.port=<port>.
pids_by_port() { pgrep -f -- "-Dfenghuo\.kafka\.port=$1( |$)" || true; }
pids_all() { pgrep -f -- "-Dfenghuo\.kafka\.port=[0-9]+ .*kafka\.Kafka" || true; }

PIDS=()
if [[ "$MODE" == all ]]; then
  for p in $(pids_all); do is_broker "$p" && PIDS+=("$p"); done
  WHAT="all run-local brokers"
elif [[ -n "${KAFKA_PID_FILE:-}" || -n "${KAFKA_DATA_DIR:-}" ]]; then
  PID_FILE="${KAFKA_PID_FILE:-${KAFKA_DATA_DIR%/}/broker.pid}"
  WHAT="broker of pid file $PID_FILE"
  if [[ -f "$PID_FILE" ]]; then
    p="$(cat "$PID_FILE" 2>/dev/null)"
    if is_broker "$p"; then PIDS+=("$p"); else log "stale pid file $PID_FILE (pid '$p' is not a running broker)"; fi
  fi
else
  PORT="${KAFKA_PORT:-9092}"
  WHAT="broker on port $PORT"
  for p in $(pids_by_port "$PORT"); do is_broker "$p" && PIDS+=("$p"); done
fi

if (( ${#PIDS[@]} == 0 )); then
  log "nothing to stop ($WHAT is not running)"
  exit 0
fi

TARGETS=()   # every pid we wait for: JVMs and their run-local.sh wrappers
for p in "${PIDS[@]}"; do
  TARGETS+=("$p")
  ppid="$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null)"
  if [[ -n "$ppid" && "$ppid" != 1 ]] && cmdline "$ppid" | grep -q 'run-local\.sh'; then
    log "stopping broker pid $p via its run-local.sh (pid $ppid)"
    kill -TERM "$ppid" 2>/dev/null
    TARGETS+=("$ppid")
  else
    log "stopping broker pid $p"
    kill -TERM "$p" 2>/dev/null
  fi
done

deadline=$((SECONDS + TIMEOUT))
while (( SECONDS < deadline )); do
  left=0
  for p in "${TARGETS[@]}"; do alive "$p" && left=1; done
  (( left )) || { log "stopped ($WHAT)"; exit 0; }
  sleep 0.2
done

log "still running after ${TIMEOUT}s; sending SIGKILL"
for p in "${PIDS[@]}"; do alive "$p" && kill -KILL "$p" 2>/dev/null; done
for _ in $(seq 1 50); do
  left=0
  for p in "${TARGETS[@]}"; do alive "$p" && left=1; done
  (( left )) || break
  sleep 0.1
done
for p in "${PIDS[@]}"; do
  if alive "$p"; then log "could not kill broker pid $p"; exit 1; fi
done
log "killed ($WHAT)"
exit 0
