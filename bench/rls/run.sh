#!/usr/bin/env bash
# Overhead of row-level security on the platform's main read (a store's latest 20 conversations) and on the
# conversation insert, measured with pgbench side by side on two databases with the same schema and data: one with
# RLS as shipped (FORCEd, tenant policy), one with RLS disabled on the tables. Both run as the request role, with the
# tenant set per transaction exactly as the application does (set_config(..., true)) and the explicit
# organization_id filter kept, so the only difference is the policy.
#
# Usage: bench/rls/run.sh [seconds per run, default 30] [clients, default 8]
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), pgbench; the project built (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-30}
CLIENTS=${2:-8}
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)
CP="target/classes:$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
JAVA=
for jdk in /usr/lib/jvm/*/; do
  if "$jdk/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then JAVA="$jdk/bin/java"; break; fi
done
[ -n "$JAVA" ] || { echo "needs a JDK 21+ under /usr/lib/jvm" >&2; exit 1; }

for db in sa_bench_rls_on sa_bench_rls_off; do
  $PG -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" "$JAVA" -cp "$CP" \
    io.supportagent.SupportAgentApplication migrate >/dev/null
  # 100 organizations with a store and an agent instance each; 1,000 conversations per store.
  $PG -d $db <<'SQL'
SET ROLE support_agent_platform;
CREATE TEMP TABLE o AS SELECT n, gen_random_uuid() AS org, gen_random_uuid() AS store, gen_random_uuid() AS instance
  FROM generate_series(1, 100) n;
INSERT INTO organizations (id, name, tier) SELECT org, 'Bench ' || n, 'pro' FROM o;
INSERT INTO agent_definitions (type, version, name, system_prompt) VALUES ('bench', '1.0.0', 'Bench', 'x');
INSERT INTO stores (id, organization_id, name) SELECT store, org, 'Store ' || n FROM o;
INSERT INTO agent_instances (id, organization_id, store_id, agent_definition_id, name, public_key)
  SELECT instance, org, store, (SELECT id FROM agent_definitions WHERE type = 'bench'), 'A', 'pk_' || n FROM o;
INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, created_at)
  SELECT org, store, instance, 'Shopper ' || i, now() - i * interval '1 minute' FROM o, generate_series(1, 1000) i;
RESET ROLE;
CREATE TABLE bench_tenants AS SELECT n, org, store, instance FROM o;
GRANT SELECT ON bench_tenants TO support_agent_app;
ANALYZE;
SQL
done
$PG -d sa_bench_rls_off -c "DO \$\$ DECLARE t text; BEGIN
  FOR t IN SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace LOOP
    EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
  END LOOP; END \$\$"

cat > /tmp/rls-read.sql <<'SQL'
\set n random(1, 100)
SELECT quote_literal(org) AS org, quote_literal(store) AS store FROM bench_tenants WHERE n = :n \gset
BEGIN;
SELECT set_config('app.current_org_id', :org, true);
SELECT id, customer_name, status, created_at FROM conversations
 WHERE organization_id = :org AND store_id = :store AND livemode ORDER BY created_at DESC, id DESC LIMIT 20;
COMMIT;
SQL
cat > /tmp/rls-insert.sql <<'SQL'
\set n random(1, 100)
SELECT quote_literal(org) AS org, quote_literal(store) AS store, quote_literal(instance) AS instance
  FROM bench_tenants WHERE n = :n \gset
BEGIN;
SELECT set_config('app.current_org_id', :org, true);
INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, livemode)
VALUES (:org, :store, :instance, 'Bench shopper', true) RETURNING id;
COMMIT;
SQL

run() { # script db
  "$PGBENCH" -h 127.0.0.1 -U support_agent_app -n -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -f "$1" "$2" 2>/dev/null \
    | awk '/^tps/ {print $3} /latency average/ {lat=$4} END {}' | head -n 1
}

echo "workload,rls_on_tps,rls_off_tps,overhead_percent"
for workload in read insert; do
  # Interleaved on/off/on/off, so that background load hits both sides alike.
  on1=$(run /tmp/rls-$workload.sql sa_bench_rls_on); off1=$(run /tmp/rls-$workload.sql sa_bench_rls_off)
  on2=$(run /tmp/rls-$workload.sql sa_bench_rls_on); off2=$(run /tmp/rls-$workload.sql sa_bench_rls_off)
  awk -v w=$workload -v a="$on1" -v b="$on2" -v c="$off1" -v d="$off2" \
    'BEGIN { on=(a+b)/2; off=(c+d)/2; printf "%s,%.0f,%.0f,%.1f\n", w, on, off, (off-on)/off*100 }'
done
