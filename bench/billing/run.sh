#!/usr/bin/env bash
# Conversation starts with counting (service layer vs pgbench running the same SQL) and a billing run over 10,000
# organizations, on a fresh database of the PostgreSQL at 127.0.0.1:5432. Usage: bench/billing/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${BENCH_DB:-sa_bench_billing}
THREADS=${THREADS:-8}
DURATION=${DURATION:-15}
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
PGBENCH=${PGBENCH:-pgbench}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2[1-9]*/bin/java 2>/dev/null | tail -1)}
JAVA=${JAVA:-java}
URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"

$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
CP="target/classes:$(cat target/bench.cp)"
bench() { "$JAVA" -cp "$CP" bench/billing/BillingBench.java "$URL" "$THREADS" "$DURATION" "$1" 2>&1 | grep -E "RESULT|organizations:|Exception" || true; }
pgb() {
  $PGBENCH -h 127.0.0.1 -U support_agent_app -n -M prepared -c "$THREADS" -j 2 -T "$DURATION" -D orgs="$1" \
    -f bench/billing/start.pgbench "$DB" 2>&1 | grep -E "^tps|failed" | sed "s/^/RESULT pgbench organizations=$1 /"
}

bench migrate
$PSQL -d "$DB" -f bench/billing/setup.sql

# Alternate the two sides so that both see the same (shared, noisy) machine.
for round in $(seq 1 "${ROUNDS:-3}"); do
  bench hot
  pgb 1
  bench spread
  pgb 1000
done
bench billing
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
