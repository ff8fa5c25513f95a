#!/usr/bin/env bash
# POST /v1/conversations under wrk (64 connections, 100 organizations) against pgbench running the same SQL
# transaction on the same PostgreSQL, in one run. Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust), wrk,
# pgbench and a JDK 21. Results go to stdout; bench/api/README.md holds the last measured ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${BENCH_DB:-sa_bench_api}
PORT=${BENCH_PORT:-18080}
DURATION=${BENCH_DURATION:-30s}
ORGS=100
ADMIN="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
OUT=target/bench-api
mkdir -p "$OUT"

./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
CP="target/classes:$(cat "$OUT/cp.txt")"
JAVA=${BENCH_JAVA:-$( (ls -d /usr/lib/jvm/temurin-2*/bin/java /usr/lib/jvm/*-21-*/bin/java 2>/dev/null || true) | head -1)}

$ADMIN -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

"$JAVA" -Xmx1g -cp "$CP" io.supportagent.SupportAgentApplication \
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

echo "== warm-up"
BENCH_KEYS="$OUT/keys.csv" wrk -t2 -c16 -d5s -s bench/api/conversations.lua "http://127.0.0.1:$PORT" >/dev/null

echo "== wrk POST /v1/conversations, 64 connections, $DURATION"
BENCH_KEYS="$OUT/keys.csv" wrk -t4 -c64 -d"$DURATION" --latency -s bench/api/conversations.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"

for script in conversation-no-usage conversation; do
  for clients in 10 16; do
    echo "== pgbench $script.sql, $clients clients (as the request role, RLS on)"
    pgbench -h 127.0.0.1 -U support_agent_app -n -M prepared -c "$clients" -j 2 -T "${DURATION%s}" \
      -f "bench/api/$script.sql" "$DB" | grep -E "tps|latency average|number of failed" | tee "$OUT/pgbench-$script-$clients.txt"
  done
done

echo "== rows"
$ADMIN -d "$DB" -t -c "SELECT count(*) AS conversations FROM conversations"
kill $APP
wait $APP 2>/dev/null || true
$ADMIN -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
