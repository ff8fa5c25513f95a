#!/usr/bin/env bash
# Generates a single-tenant database (default 1,000 stores, 200,000 conversations over 24 months, 5 messages each =
# 1,000,000 messages) on the local PostgreSQL, then times migrate-to-multi-tenant on it. Not run by the test suite.
#   bench/legacy/run.sh [stores] [conversations] [messages_per_conversation]
# GENERATE_ONLY=1 stops after generating; SKIP_GENERATE=1 times the command on the database already there (BENCH_DB);
# JAR=path picks the jar; KEEP_DB=1 keeps the database.
set -euo pipefail
cd "$(dirname "$0")/../.."

STORES=${1:-1000}
CONVERSATIONS=${2:-200000}
PER_CONVERSATION=${3:-5}
MONTHS=24
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-sa_bench_legacy}
export PGHOST PGUSER

if [ "${SKIP_GENERATE:-}" != "1" ]; then
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
echo "Generating $STORES stores, $CONVERSATIONS conversations, $((CONVERSATIONS * PER_CONVERSATION)) messages..."
start=$(date +%s.%N)
{
  grep -v '^--' src/main/resources/db/changelog/001-single-tenant.sql
  echo "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
  sed -e "s/\${stores}/$STORES/g" -e "s/\${conversations}/$CONVERSATIONS/g" \
      -e "s/\${messages_per_conversation}/$PER_CONVERSATION/g" -e "s/\${months}/$MONTHS/g" \
      src/test/resources/legacy/single-tenant-data.sql
  echo "VACUUM ANALYZE;"
} | psql -qX -v ON_ERROR_STOP=1 -d "$DB"
echo "Generated in $(echo "$(date +%s.%N) - $start" | bc) s"
fi
[ "${GENERATE_ONLY:-}" = "1" ] && exit 0

JAR=${JAR:-$(ls target/support-agent-platform-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$JAR" ]; then
  ./mvnw -q -DskipTests package
  JAR=$(ls target/support-agent-platform-*.jar | grep -v original | head -1)
fi

# The build targets Java 21+: use the first such JDK (JAVA overrides).
JAVA=${JAVA:-}
if [ -z "$JAVA" ]; then
  for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java)"; do
    [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${major:-0}" -ge 21 ]; then JAVA=$candidate; break; fi
  done
fi

# CPU seconds of the PostgreSQL backends serving the bench database, sampled every 0.2 s: on a machine shared with
# other work the wall time depends on the load, the CPU time much less.
cpu_sampler() {
  declare -A last
  while [ ! -f "$1.stop" ]; do
    for pid in $(psql -qXtA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" 2>/dev/null); do
      [ -r /proc/$pid/stat ] && last[$pid]=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0)
    done
    total=0; for v in "${last[@]}"; do total=$((total + v)); done
    echo "$total" > "$1"
    sleep 0.2
  done
}
CPU_FILE=$(mktemp); rm -f "$CPU_FILE.stop"
cpu_sampler "$CPU_FILE" &
SAMPLER=$!
uptime

start=$(date +%s.%N)
"$JAVA" -jar "$JAR" migrate-to-multi-tenant --yes --database-url "jdbc:postgresql://$PGHOST:5432/$DB?user=$PGUSER" \
  | grep -v -E '^  (live|test) key: '
end=$(date +%s.%N)
touch "$CPU_FILE.stop"; wait $SAMPLER; uptime
echo "PostgreSQL backend CPU time: $(echo "scale=1; $(cat "$CPU_FILE") / $(getconf CLK_TCK)" | bc) s"
rm -f "$CPU_FILE" "$CPU_FILE.stop"
total=$(echo "$end - $start" | bc)
rows=$((STORES + CONVERSATIONS + CONVERSATIONS * PER_CONVERSATION))
echo "Command wall time (JVM start included): $total s, $(echo "$rows / $total" | bc) rows/s over $rows rows"

psql -qX -d "$DB" -c "SELECT (SELECT count(*) FROM organizations) AS orgs,
  (SELECT count(*) FROM agent_instances) AS instances,
  (SELECT count(*) FROM conversations WHERE agent_instance_id IS NOT NULL) AS linked_conversations,
  (SELECT count(*) FROM messages WHERE organization_id IS NOT NULL) AS assigned_messages,
  (SELECT sum(migrated_conversations) FROM conversation_usage) AS usage_history,
  (SELECT count(*) FROM usage_events) AS usage_events,
  (SELECT string_agg(status || '=' || n, ' ' ORDER BY status) FROM (SELECT status, count(*) n FROM conversations GROUP BY 1) s) AS statuses,
  (SELECT string_agg(role || '=' || n, ' ' ORDER BY role) FROM (SELECT role, count(*) n FROM messages GROUP BY 1) r) AS roles,
  (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'messages_pkey') AS messages_pkey"
[ "${KEEP_DB:-}" = "1" ] || psql -qX -d postgres -c "DROP DATABASE $DB WITH (FORCE)"
