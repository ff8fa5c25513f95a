#!/usr/bin/env bash
# Fault soak: mixed organization-API and widget traffic on two nodes for BENCH_DURATION seconds (600), while this
# script restarts PostgreSQL twice (a fast shutdown with 5 s down, then a crash: immediate shutdown and recovery) and
# kills one node with SIGKILL (started again 20 s later). PostgreSQL and Redis are instances of this run's own, on
# other ports, in a temporary folder: the machine's shared servers are never touched. Needs a JDK 21+, PostgreSQL's
# server binaries (/usr/lib/postgresql/*/bin) and redis-server. Results: stdout and target/bench-faults/
# (report.txt, timeline.csv); bench/faults/README.md holds the measured ones. Rate limits are off and keys are hashed
# with bcrypt cost 4: neither is what this measures (a node started again verifies every key it meets once, which at
# cost 12 on two loaded cores takes seconds per key).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${BENCH_DURATION:-600}
PGPORT=${BENCH_PG_PORT:-55432}
REDISPORT=${BENCH_REDIS_PORT:-56379}
PORT1=${BENCH_PORT1:-18181}
PORT2=${BENCH_PORT2:-18182}
ORGS=${BENCH_ORGS:-20}
API_USERS=${BENCH_API_USERS:-8}
WIDGET_USERS=${BENCH_WIDGET_USERS:-8}
PACE_MS=${BENCH_PACE_MS:-25}
OUT=target/bench-faults
TMP=${BENCH_TMP:-/tmp/sa-bench-faults}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAVA=${BENCH_JAVA:-$( (ls -d /usr/lib/jvm/temurin-2*/bin/java /usr/lib/jvm/*-21-*/bin/java 2>/dev/null || true) | head -1)}
TOKEN="op_bench_faults_$RANDOM$RANDOM"
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -v ON_ERROR_STOP=1 -qtA"

rm -rf "$OUT" && mkdir -p "$OUT"
rm -rf "$TMP" && mkdir -p "$TMP"
# PostgreSQL refuses to run as root: as root, its files belong to the postgres user and it runs as that user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$TMP"
pg() { as_pg "$PGBIN/pg_ctl" -D "$TMP/pgdata" -l "$TMP/postgres.log" "$@"; }
pg_start() { pg -w -o "-p $PGPORT -k $TMP -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null; }
event() { echo "$(date +%s%3N) $1" >> "$OUT/events.txt"; echo "== $(date +%T) $1"; }

NODE1=; NODE2=; SOAK=
cleanup() {
  for p in $SOAK $NODE1 $NODE2; do kill "$p" 2>/dev/null || true; done
  pg -m immediate stop >/dev/null 2>&1 || true
  redis-cli -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== PostgreSQL of this run on port $PGPORT, Redis on $REDISPORT"
as_pg "$PGBIN/initdb" -D "$TMP/pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
pg_start
$PSQL -d postgres -c "CREATE DATABASE soak"
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$TMP/redis.pid" --logfile "$TMP/redis.log"

./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
# A copy of the classes: the node started again mid-run must load the same code, whatever is built meanwhile.
cp -r target/classes "$TMP/classes"
CP="$TMP/classes:$(cat "$OUT/cp.txt")"

node() { # port log: starts a node in the background, prints its pid
  DATABASE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/soak?user=postgres" REDIS_URL="redis://127.0.0.1:$REDISPORT" \
  SUPPORT_AGENT_OPERATOR_TOKEN="$TOKEN" SUPPORT_AGENT_RATE_LIMIT_ENABLED=false SUPPORT_AGENT_API_KEYS_BCRYPT_COST=4 \
  "$JAVA" -Xms512m -Xmx512m --add-modules jdk.incubator.vector -cp "$CP" io.supportagent.SupportAgentApplication --server.port="$1" >> "$2" 2>&1 &
  echo $!
}
ready() { # port
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null && return 0
    sleep 1
  done
  echo "node on port $1 did not become ready"; return 1
}

echo "== two nodes on ports $PORT1 and $PORT2"
NODE1=$(node "$PORT1" "$OUT/node1.log")
ready "$PORT1"
NODE2=$(node "$PORT2" "$OUT/node2.log")
ready "$PORT2"
"$JAVA" bench/faults/Soak.java seed "http://127.0.0.1:$PORT1" "$TOKEN" "$ORGS" "$OUT/orgs.csv"

echo "== $DURATION s of traffic: $API_USERS API users, $WIDGET_USERS widget users, $PACE_MS ms between visits"
"$JAVA" bench/faults/Soak.java run "$OUT/orgs.csv" "$DURATION" "$OUT" \
  "http://127.0.0.1:$PORT1" "http://127.0.0.1:$PORT2" "$API_USERS" "$WIDGET_USERS" "$PACE_MS" > "$OUT/soak.log" 2>&1 &
SOAK=$!
at() { # fraction of the run: sleeps until then
  local target=$(( DURATION * $1 / 100 )) now=$(( ($(date +%s%3N) - START) / 1000 ))
  [ "$target" -gt "$now" ] && sleep $(( target - now ))
  return 0
}
until [ -f "$OUT/start.txt" ]; do sleep 0.2; done
START=$(cat "$OUT/start.txt")

at 20
event db1-down; pg -m fast stop >/dev/null
sleep 5
pg_start; event db1-up

at 45
event node2-down; kill -9 "$NODE2"; wait "$NODE2" 2>/dev/null || true
sleep 20
NODE2=$(node "$PORT2" "$OUT/node2.log")
ready "$PORT2"; event node2-up

at 70
event db2-down; pg -m immediate stop >/dev/null
sleep 3
pg_start; event db2-up

wait "$SOAK" || { echo "the traffic driver failed:"; tail -20 "$OUT/soak.log"; exit 1; }
cat "$OUT/soak.log"

echo "== counts in the database"
$PSQL -d soak -c "CREATE TABLE soak_acknowledged (id uuid)"
$PSQL -d soak -c "\\copy soak_acknowledged FROM '$OUT/acknowledged.csv'"
{
  echo "conversations $($PSQL -d soak -c "SELECT count(*) FROM conversations WHERE livemode")"
  echo "usage $($PSQL -d soak -c "SELECT coalesce(sum(conversations), 0) FROM conversation_usage")"
  echo "lost $($PSQL -d soak -c "SELECT count(*) FROM soak_acknowledged a WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = a.id)")"
  echo "unacknowledged $($PSQL -d soak -c "SELECT count(*) FROM conversations c WHERE livemode AND NOT EXISTS (SELECT 1 FROM soak_acknowledged a WHERE a.id = c.id)")"
} > "$OUT/counts.txt"
"$JAVA" bench/faults/Soak.java report "$OUT"
grep -hE "WARN|ERROR" "$OUT"/node*.log | sed -E 's/^[^ ]+ +//' | cut -c1-160 | sort | uniq -c | sort -rn | head -20 \
  > "$OUT/node-warnings.txt" || true
echo "== warnings and errors of the nodes (counted): $OUT/node-warnings.txt"
head -20 "$OUT/node-warnings.txt"
