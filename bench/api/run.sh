#!/usr/bin/env bash
# POST /v1/conversations under wrk (64 connections, 100 organizations) against pgbench running the same SQL
# transaction on the same PostgreSQL, interleaved in one run. Needs PostgreSQL at 127.0.0.1:5432 (user postgres,
# trust), wrk, pgbench and a JDK 21+. Results go to stdout and target/bench-api/; bench/api/README.md holds the last
# measured ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${BENCH_DB:-sa_bench_api}
PORT=${BENCH_PORT:-18080}
DURATION=${BENCH_DURATION:-20}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-60}
ORGS=100
ADMIN="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
OUT=target/bench-api
mkdir -p "$OUT"

./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
CP="target/classes:$(cat "$OUT/cp.txt")"
JAVA=${BENCH_JAVA:-$( (ls -d /usr/lib/jvm/temurin-2*/bin/java /usr/lib/jvm/*-21-*/bin/java 2>/dev/null || true) | head -1)}

$ADMIN -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# A fixed heap, as a server is run: a heap that grows from a small start collects every second under this load.
"$JAVA" -Xms1g -Xmx1g ${BENCH_JVM_OPTS:-} -cp "$CP" io.supportagent.SupportAgentApplication \
  --server.port="$PORT" --support-agent.database.url="$URL" --support-agent.demo.enabled=false \
  --logging.level.root=warn > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "the app did not start:"; tail -20 "$OUT/app.log"; exit 1; }

"$JAVA" -cp "$CP" bench/api/Seed.java "$URL" "$ORGS" "$OUT/keys.csv"
export BENCH_KEYS="$OUT/keys.csv"

wrk_run() { # seconds, output file
  wrk -t4 -c64 -d"$1"s --latency -s bench/api/conversations.lua "http://127.0.0.1:$PORT" > "$2"
}
pgbench_run() { # seconds, clients, output file
  pgbench -h 127.0.0.1 -U support_agent_app -n -M prepared -c "$2" -j 2 -T "$1" -L 50 \
    -f bench/api/conversation.sql "$DB" > "$3" 2>&1
}

# On two cores the JIT competes with the load it compiles for: after 30 s the first round still ran at two thirds of
# the later ones' rate.
echo "== warm-up: $WARMUP s of wrk, 5 s of pgbench (the JIT compiles the request path)"
wrk_run "$WARMUP" "$OUT/warm-wrk.txt"
pgbench_run 5 10 "$OUT/warm-pgbench.txt"

# Each measurement starts right after a CHECKPOINT, so that none of them pays for the previous one's dirty pages.
printf '%-6s %12s %10s %10s %10s %14s %12s %8s\n' round wrk_req/s p50 p90 p99 pgbench10_tps over50ms ratio
for round in $(seq 1 "$ROUNDS"); do
  $ADMIN -d "$DB" -c CHECKPOINT
  wrk_run "$DURATION" "$OUT/wrk-$round.txt"
  $ADMIN -d "$DB" -c CHECKPOINT
  pgbench_run "$DURATION" 10 "$OUT/pgbench10-$round.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$round.txt")
  pct() { awk -v p="$1" '$1 == p {print $2}' "$OUT/wrk-$round.txt"; }
  tps=$(awk '/^tps/ {print $3}' "$OUT/pgbench10-$round.txt")
  late=$(awk -F"[:(]" '/above the 50.0 ms/ {gsub(/[ )]/, "", $3); print $3}' "$OUT/pgbench10-$round.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$OUT/wrk-$round.txt" || true)
  printf '%-6s %12s %10s %10s %10s %14s %12s %7.0f%%  %s\n' "$round" "$rps" "$(pct 50%)" "$(pct 90%)" "$(pct 99%)" \
    "$tps" "$late" "$(echo "100 * $rps / $tps" | bc -l)" "$errors"
done

echo "== pgbench with 64 clients, as many as wrk's connections (the database alone under the same concurrency)"
$ADMIN -d "$DB" -c CHECKPOINT
pgbench_run "$DURATION" 64 "$OUT/pgbench64.txt"
grep -E "^tps|latency average|latency stddev|above the 50.0 ms" "$OUT/pgbench64.txt"

echo "== request pool (Hikari): connection held per request, and the longest waits"
curl -s "http://127.0.0.1:$PORT/actuator/prometheus" \
  | grep -E '^hikaricp_connections_(usage|acquire)_seconds_(sum|count|max)\{pool="request"' || true

echo "== rows"
$ADMIN -d "$DB" -t -c "SELECT count(*) AS conversations FROM conversations"
kill $APP
wait $APP 2>/dev/null || true
$ADMIN -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
