#!/usr/bin/env bash
# Fetch (once, via Maven Central) and run a real single-node Apache Kafka broker (KRaft,
# combined broker+controller) bound to 127.0.0.1, in the FOREGROUND, for development and
# tests. NOT a production setup: see README.md in this directory.
#
#   infra/kafka/run-local.sh                 # 127.0.0.1:9092, throw-away data dir
#   KAFKA_PORT=39092 KAFKA_DATA_DIR=/tmp/k infra/kafka/run-local.sh
#
# stdout carries exactly one line, `kafka ready on 127.0.0.1:<port>`, printed once the
# broker answers Kafka requests (a test harness can wait for it); progress and errors go
# to stderr. SIGTERM/SIGINT stop the broker cleanly (controlled shutdown) and exit 0.
# Stop it from elsewhere with infra/kafka/stop-local.sh.
#
# Environment (all optional):
#   KAFKA_VERSION          Kafka version to run (default below; 3.9.x and 4.x work)
#   KAFKA_PORT             client listener port on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener port (default: derived from KAFKA_PORT,
#                          in 10000-31999, outside Linux's ephemeral range; first free one)
#   KAFKA_DATA_DIR         storage + logs + pid file; reused across restarts if given
#                          (default: fresh mktemp -d, removed on exit)
#   KAFKA_PID_FILE         pid file of the broker JVM (default $KAFKA_DATA_DIR/broker.pid)
#   KAFKA_HEAP_OPTS        JVM heap flags (default "-Xms256m -Xmx512m")
#   KAFKA_JVM_OPTS         extra JVM flags appended to the java command line
#   KAFKA_LOG_LEVEL        broker log level (default WARN; INFO/DEBUG for verbose)
#   KAFKA_LOG_CONSOLE      1 = also copy broker logs to stderr (default 0)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness (default 120)
#   KAFKA_NUM_PARTITIONS   default partitions for new topics (default 1)
#   FENGHUO_CACHE_DIR      jar cache root (default $HOME/.cache/fenghuo);
#                          jars go to $FENGHUO_CACHE_DIR/kafka-<version>/libs
#   MAVEN_ARGS_EXTRA       extra arguments for the mvn download (e.g. -o, -s settings.xml)
# shellcheck disable=SC2317  # cleanup/on_signal are called through traps
set -uo pipefail

DEFAULT_KAFKA_VERSION=4.3.1

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"

log() { printf '[run-local] %s\n' "$*" >&2; }
die() { printf '[run-local] ERROR: %s\n' "$*" >&2; exit "${2:-1}"; }

KAFKA_VERSION="${KAFKA_VERSION:-$DEFAULT_KAFKA_VERSION}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-WARN}"
KAFKA_LOG_CONSOLE="${KAFKA_LOG_CONSOLE:-0}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-1}"
CACHE_ROOT="${FENGHUO_CACHE_DIR:-${HOME:-/tmp}/.cache/fenghuo}"

is_port() { [[ "$1" =~ ^[0-9]+$ ]] && (( $1 >= 1 && $1 <= 65535 )); }
is_port "$KAFKA_PORT" || die "KAFKA_PORT='$KAFKA_PORT' is not a valid TCP port."
[[ "$KAFKA_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "KAFKA_VERSION='$KAFKA_VERSION' is not a version like 4.3.1 or 3.9.2."

# True if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------
# 1. Prerequisites: java (17+ for Kafka 4.x, 11+ for 3.9) and mvn.
# ---------------------------------------------------------------------------------------
if ! command -v java >/dev/null 2>&1; then
  die "Cannot run a local Kafka broker: no 'java' on PATH. Kafka $KAFKA_VERSION needs a Java runtime (17 or newer; on Debian/Ubuntu: apt-get install openjdk-17-jre-headless). Nothing was started."
fi
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
JAVA_MAJOR="${JAVA_MAJOR#1.}"; JAVA_MAJOR="${JAVA_MAJOR%%.*}"
KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
NEED_JAVA=11; (( KAFKA_MAJOR >= 4 )) && NEED_JAVA=17
if [[ ! "$JAVA_MAJOR" =~ ^[0-9]+$ ]] || (( JAVA_MAJOR < NEED_JAVA )); then
  die "Cannot run a local Kafka broker: 'java' on PATH is Java '${JAVA_MAJOR:-unknown}', but Kafka $KAFKA_VERSION needs Java $NEED_JAVA or newer. Install a newer JDK/JRE or put it first on PATH (or pick another KAFKA_VERSION). Nothing was started."
fi

# ---------------------------------------------------------------------------------------
# 2. Jars: $CACHE_ROOT/kafka-<version>/libs, filled once by Maven (Central + ~/.m2).
#    The marker holds a hash of pom.xml, so editing the pom refreshes the cache.
# ---------------------------------------------------------------------------------------
KAFKA_HOME_DIR="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS="$KAFKA_HOME_DIR/libs"
MARKER="$KAFKA_HOME_DIR/.complete"
POM_HASH="$( (cksum <"$POM" 2>/dev/null || echo none) | tr -s ' ' '-')"

cache_ok() { [[ -f "$MARKER" && "$(cat "$MARKER" 2>/dev/null)" == "$POM_HASH" && -d "$LIBS" ]] && compgen -G "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null; }

if ! cache_ok; then
  [[ -f "$POM" ]] || die "Cannot download Kafka: $POM is missing."
  if ! command -v mvn >/dev/null 2>&1; then
    die "Cannot download Kafka $KAFKA_VERSION: no 'mvn' (Apache Maven) on PATH, and the jar cache $LIBS is not populated yet. Install Maven 3.6+ (Debian/Ubuntu: apt-get install maven) so the jars can be fetched from Maven Central, or copy a complete cache into $KAFKA_HOME_DIR. Nothing was started."
  fi
  mkdir -p "$KAFKA_HOME_DIR" || die "Cannot create the cache directory $KAFKA_HOME_DIR (set FENGHUO_CACHE_DIR to a writable directory)."
  # Serialise concurrent first runs on the same cache.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$KAFKA_HOME_DIR/.lock"
    flock 9
  fi
  if ! cache_ok; then
    log "downloading Kafka $KAFKA_VERSION jars with Maven into $LIBS (first run only) ..."
    t0=$SECONDS
    TMP_LIBS="$KAFKA_HOME_DIR/libs.tmp.$$"
    MVN_LOG="$KAFKA_HOME_DIR/mvn-download.log"
    rm -rf "$TMP_LIBS"
    # shellcheck disable=SC2086
    if ! mvn -B -q -Dstyle.color=never -f "$POM" -Dkafka.version="$KAFKA_VERSION" ${MAVEN_ARGS_EXTRA:-} \
          dependency:copy-dependencies -DoutputDirectory="$TMP_LIBS" \
          >"$MVN_LOG" 2>&1 \
       || ! compgen -G "$TMP_LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null; then
      rm -rf "$TMP_LIBS"
      # Show Maven's own error lines (colour codes stripped), not its generic help text.
      sed 's/\x1b\[[0-9;]*m//g' "$MVN_LOG" | grep '^\[ERROR\] [^ ]' \
        | grep -v -e 'full stack trace' -e 'Re-run Maven' -e 'For more information' -e '^\[ERROR\] \[Help' \
        | head -n 5 | cut -c1-400 >&2
      die "Downloading Kafka $KAFKA_VERSION with Maven failed (command: mvn -f $POM -Dkafka.version=$KAFKA_VERSION dependency:copy-dependencies; full output in $MVN_LOG; its error is above). Check that Maven Central (or your Maven mirror in ~/.m2/settings.xml) is reachable and that Kafka $KAFKA_VERSION exists as org.apache.kafka:kafka_2.13 there. Nothing was started."
    fi
    if ! { rm -rf "$LIBS" && mv "$TMP_LIBS" "$LIBS" && printf '%s' "$POM_HASH" >"$MARKER"; }; then
      die "Could not move the downloaded jars into $LIBS."
    fi
    jars=("$LIBS"/*.jar)
    log "downloaded ${#jars[@]} jars in $((SECONDS - t0))s"
  fi
  if command -v flock >/dev/null 2>&1; then exec 9>&-; fi
fi
CLASSPATH_LIBS="$LIBS/*"

# ---------------------------------------------------------------------------------------
# 3. Ports and data directory.
# ---------------------------------------------------------------------------------------
if port_in_use "$KAFKA_PORT"; then
  die "Cannot start Kafka: something already listens on 127.0.0.1:$KAFKA_PORT (another broker? stop it with KAFKA_PORT=$KAFKA_PORT infra/kafka/stop-local.sh, or choose another KAFKA_PORT)."
fi

if [[ -n "${KAFKA_CONTROLLER_PORT:-}" ]]; then
  is_port "$KAFKA_CONTROLLER_PORT" || die "KAFKA_CONTROLLER_PORT='$KAFKA_CONTROLLER_PORT' is not a valid TCP port."
  [[ "$KAFKA_CONTROLLER_PORT" != "$KAFKA_PORT" ]] || die "KAFKA_CONTROLLER_PORT must differ from KAFKA_PORT."
  port_in_use "$KAFKA_CONTROLLER_PORT" && die "Cannot start Kafka: KAFKA_CONTROLLER_PORT 127.0.0.1:$KAFKA_CONTROLLER_PORT is already in use."
  CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT"
else
  # Deterministic per KAFKA_PORT (7 is coprime with 22000, so distinct ports map apart
  # unless they differ by a multiple of 22000) and below 32768, so it never collides with
  # a "random free port" a test got from the OS; skip ports that are already taken.
  CONTROLLER_PORT=""
  for i in $(seq 0 49); do
    cand=$(( 10000 + (KAFKA_PORT * 7 + i * 101) % 22000 ))
    if [[ "$cand" != "$KAFKA_PORT" ]] && ! port_in_use "$cand"; then CONTROLLER_PORT=$cand; break; fi
  done
  [[ -n "$CONTROLLER_PORT" ]] || die "Could not find a free controller port; set KAFKA_CONTROLLER_PORT."
fi

CREATED_TMP=0
if [[ -n "${KAFKA_DATA_DIR:-}" ]]; then
  mkdir -p "$KAFKA_DATA_DIR" || die "Cannot create KAFKA_DATA_DIR=$KAFKA_DATA_DIR."
  DATA_DIR="$(cd "$KAFKA_DATA_DIR" && pwd)"
else
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fenghuo-kafka.XXXXXX")" || die "mktemp -d failed."
  CREATED_TMP=1
fi
PID_FILE="${KAFKA_PID_FILE:-$DATA_DIR/broker.pid}"
LOG_DIRS="$DATA_DIR/data"
SERVER_LOG_DIR="$DATA_DIR/logs"
CONF="$DATA_DIR/server.properties"
LOG4J_CONF="$DATA_DIR/log4j2.properties"

JAVA_PID=""
STOPPING=0
cleanup() {
  if [[ -n "$JAVA_PID" ]] && kill -0 "$JAVA_PID" 2>/dev/null; then
    kill -TERM "$JAVA_PID" 2>/dev/null
    for _ in $(seq 1 300); do kill -0 "$JAVA_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$JAVA_PID" 2>/dev/null
  fi
  [[ -f "$PID_FILE" && "$(cat "$PID_FILE" 2>/dev/null)" == "$JAVA_PID" ]] && rm -f "$PID_FILE"
  if (( CREATED_TMP )); then rm -rf "$DATA_DIR"; fi
}
trap cleanup EXIT
# Until the broker runs, a stop request just aborts (cleanup still removes a temp dir).
trap 'exit 143' TERM
trap 'exit 130' INT

if [[ -f "$PID_FILE" ]]; then
  old="$(cat "$PID_FILE" 2>/dev/null)"
  if [[ "$old" =~ ^[0-9]+$ ]] && kill -0 "$old" 2>/dev/null && tr '\0' ' ' <"/proc/$old/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
    CREATED_TMP=0
    die "A broker (pid $old) is already running with data dir $DATA_DIR; stop it first (KAFKA_DATA_DIR=$DATA_DIR infra/kafka/stop-local.sh)."
  fi
  rm -f "$PID_FILE"
fi
mkdir -p "$LOG_DIRS" "$SERVER_LOG_DIR" "$(dirname "$PID_FILE")"

# ---------------------------------------------------------------------------------------
# 4. Configuration (regenerated on every start; the cluster id lives in meta.properties).
# ---------------------------------------------------------------------------------------
cat >"$CONF" <<EOF
# Generated by infra/kafka/run-local.sh - development/test settings, NOT for production.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$LOG_DIRS
num.partitions=$KAFKA_NUM_PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=104857600
EOF

ROOT_LEVEL="$KAFKA_LOG_LEVEL"
cat >"$LOG4J_CONF" <<EOF
# Generated by infra/kafka/run-local.sh
status = error
name = fenghuo-local-kafka
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $SERVER_LOG_DIR/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [kafka] [%d{HH:mm:ss.SSS}] %p %m (%c)%n
rootLogger.level = $ROOT_LEVEL
rootLogger.appenderRef.file.ref = FILE
EOF
if [[ "$KAFKA_LOG_CONSOLE" == "1" ]]; then
  echo "rootLogger.appenderRef.err.ref = STDERR" >>"$LOG4J_CONF"
fi

# shellcheck disable=SC2206
JVM_ARGS=($KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true -Dlog4j2.configurationFile="$LOG4J_CONF" -Dlog4j2.shutdownHookEnabled=false
  -Dkafka.logs.dir="$SERVER_LOG_DIR" -Dfenghuo.kafka.port="$KAFKA_PORT" $KAFKA_JVM_OPTS)

# ---------------------------------------------------------------------------------------
# 5. Format storage on first use of the data dir (random cluster id from the tool).
# ---------------------------------------------------------------------------------------
if [[ ! -f "$LOG_DIRS/meta.properties" ]]; then
  CLUSTER_ID="$(java -Xmx256m -Dlog4j2.configurationFile="$LOG4J_CONF" -cp "$CLASSPATH_LIBS" kafka.tools.StorageTool random-uuid 2>>"$SERVER_LOG_DIR/format.log" | tail -n1)"
  [[ "$CLUSTER_ID" =~ ^[A-Za-z0-9_-]{22}$ ]] || { cat "$SERVER_LOG_DIR/format.log" >&2; die "kafka.tools.StorageTool random-uuid failed (got '$CLUSTER_ID')."; }
  if ! java -Xmx256m -Dlog4j2.configurationFile="$LOG4J_CONF" -cp "$CLASSPATH_LIBS" kafka.tools.StorageTool \
        format -t "$CLUSTER_ID" -c "$CONF" >>"$SERVER_LOG_DIR/format.log" 2>&1; then
    cat "$SERVER_LOG_DIR/format.log" >&2
    die "Formatting the Kafka storage in $LOG_DIRS failed (see above)."
  fi
  log "formatted $LOG_DIRS (cluster id $CLUSTER_ID)"
else
  log "reusing formatted storage in $LOG_DIRS"
fi

# ---------------------------------------------------------------------------------------
# 6. Start the broker, wait until it serves requests, then stay in the foreground.
# ---------------------------------------------------------------------------------------
on_signal() {
  if (( ! STOPPING )); then
    STOPPING=1
    log "received SIG$1, stopping broker (pid $JAVA_PID) ..."
    [[ -n "$JAVA_PID" ]] && kill -TERM "$JAVA_PID" 2>/dev/null
  fi
}
trap 'on_signal TERM' TERM
trap 'on_signal INT' INT
trap 'on_signal HUP' HUP

log "starting Kafka $KAFKA_VERSION: 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$CONTROLLER_PORT), data $DATA_DIR, log $SERVER_LOG_DIR/server.log (level $ROOT_LEVEL)"
if [[ "$KAFKA_LOG_CONSOLE" == "1" ]]; then
  java "${JVM_ARGS[@]}" -cp "$CLASSPATH_LIBS" kafka.Kafka "$CONF" >>"$SERVER_LOG_DIR/stdout.log" </dev/null &
else
  java "${JVM_ARGS[@]}" -cp "$CLASSPATH_LIBS" kafka.Kafka "$CONF" >>"$SERVER_LOG_DIR/stdout.log" 2>&1 </dev/null &
fi
JAVA_PID=$!
echo "$JAVA_PID" >"$PID_FILE"

# Readiness: a Kafka Metadata v4 request (supported by 3.x and 4.x) must return at least
# one broker - i.e. the broker is listening, serving requests and unfenced.
# Request = size(15) | api_key 3 | version 4 | correlation 7 | client_id null | topics [] | allow_auto false
probe_ready() {
  # shellcheck disable=SC2016  # $1 is expanded by the inner bash
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x0f\x00\x03\x00\x04\x00\x00\x00\x07\xff\xff\x00\x00\x00\x00\x00" >&3
    head -c 16 <&3 | od -An -v -tu1' _ "$1" 2>/dev/null \
  | awk '{ for (i = 1; i <= NF; i++) b[n++] = $i } END { exit !(n == 16 && b[7] == 7 && b[12]*16777216 + b[13]*65536 + b[14]*256 + b[15] >= 1) }'
}

print_log_tail() {
  for f in "$SERVER_LOG_DIR/stdout.log" "$SERVER_LOG_DIR/server.log"; do
    [[ -s "$f" ]] && { echo "----- tail of $f -----"; tail -n 30 "$f"; } >&2
  done
}

t_start=$SECONDS
ready=0
while (( ! STOPPING )); do
  if ! kill -0 "$JAVA_PID" 2>/dev/null; then break; fi
  if probe_ready "$KAFKA_PORT"; then ready=1; break; fi
  if (( SECONDS - t_start >= KAFKA_START_TIMEOUT )); then
    print_log_tail
    log "broker did not become ready within ${KAFKA_START_TIMEOUT}s; stopping it."
    exit 1 # cleanup() stops the JVM
  fi
  sleep 0.2
done

if (( ready )); then
  log "broker pid $JAVA_PID ready after $((SECONDS - t_start))s"
  echo "kafka ready on 127.0.0.1:$KAFKA_PORT"
fi

# Wait for the JVM; `wait` returns early when a trapped signal arrives, so loop.
rc=0
while kill -0 "$JAVA_PID" 2>/dev/null; do
  wait "$JAVA_PID"; rc=$?
done
wait "$JAVA_PID" 2>/dev/null; r2=$?; [[ $r2 -ne 127 ]] && rc=$r2
JAVA_PID_DONE="$JAVA_PID"; JAVA_PID=""
rm -f "$PID_FILE"

# Exit 0 for a requested stop: our own signal, or the JVM terminated by SIGTERM/SIGINT
# (e.g. stop-local.sh signalled it directly; the JVM exits 143/130 after its shutdown hook).
if (( STOPPING )) || [[ $rc -eq 0 || $rc -eq 143 || $rc -eq 130 ]]; then
  if [[ $rc -eq 137 ]]; then log "broker (pid $JAVA_PID_DONE) was killed (SIGKILL) while stopping"
  else log "broker (pid $JAVA_PID_DONE) stopped"; fi
  exit 0
fi
print_log_tail
log "broker (pid $JAVA_PID_DONE) exited unexpectedly with status $rc"
exit "$rc"
