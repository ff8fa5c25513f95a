#!/usr/bin/env bash
# Server time of every dashboard page for an organization with 1,000,000 conversations, 10,000 articles and 100
# members: starts the application (demo on) on a fresh database, grows the demo organization (seed.sql), signs in as
# its owner through the real form, then times each page with curl (BENCH_REQUESTS after 5 warm-ups) on localhost and
# prints p50/p95/max; explain.sql prints the plans of the heaviest queries. Needs PostgreSQL at 127.0.0.1:5432 (user
# postgres, trust), curl and a JDK 21+. Results: stdout and target/bench-dashboard/; bench/dashboard/README.md holds the
# last measured ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${BENCH_DB:-sa_bench_dashboard}
PORT=${BENCH_PORT:-18090}
REQUESTS=${BENCH_REQUESTS:-40}
CONVERSATIONS=${BENCH_CONVERSATIONS:-1000000}
ARTICLES=${BENCH_ARTICLES:-10000}
MEMBERS=${BENCH_MEMBERS:-100}
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
BASE="http://127.0.0.1:$PORT"
OUT=target/bench-dashboard
mkdir -p "$OUT"

./mvnw -q -o -DskipTests -Dspotless.apply.skip=true compile dependency:build-classpath \
  -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
CP="target/classes:$(cat "$OUT/cp.txt")"
JAVA=${BENCH_JAVA:-$( (ls -d /usr/lib/jvm/temurin-2*/bin/java /usr/lib/jvm/*-21-*/bin/java 2>/dev/null || true) | head -1)}

$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$JAVA" -Xms512m -Xmx1g -cp "$CP" io.supportagent.SupportAgentApplication \
  --server.port="$PORT" --support-agent.database.url="$URL" --support-agent.demo.enabled=true \
  --support-agent.base-url="$BASE" --logging.level.root=warn > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  grep -q "owner password:" "$OUT/app.log" && break
  sleep 1
done
PASSWORD=$(grep "owner password:" "$OUT/app.log" | head -1 | awk '{print $3}')
EMAIL=owner@demo-outfitters.example
[ -n "$PASSWORD" ] || { echo "the app did not start:"; tail -20 "$OUT/app.log"; exit 1; }

echo "== seeding $CONVERSATIONS conversations, $ARTICLES articles, $MEMBERS members"
time $PSQL -d "$DB" -v conversations="$CONVERSATIONS" -v articles="$ARTICLES" -v members="$MEMBERS" -f bench/dashboard/seed.sql

JAR="$OUT/cookies.txt"
rm -f "$JAR"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "_csrf=$TOKEN" "$BASE/login"
APP_URL=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$JAR" -b "$JAR" "$BASE/app")
case "$APP_URL" in */app/*/live) ;; *) echo "sign-in failed: $APP_URL"; exit 1 ;; esac
ORG_BASE=${APP_URL#"$BASE"}

q() { $PSQL -d "$DB" -Atc "$1"; }
ORG=$(q "SELECT organization_id FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE a.email = '$EMAIL'")
STORE=$(q "SELECT id FROM stores WHERE organization_id = '$ORG' ORDER BY created_at LIMIT 1")
INSTANCE=$(q "SELECT id FROM agent_instances WHERE organization_id = '$ORG' ORDER BY created_at LIMIT 1")
CONVERSATION=$(q "SELECT conversation_id FROM messages WHERE organization_id = '$ORG' ORDER BY created_at DESC LIMIT 1")
ARTICLE=$(q "SELECT id FROM knowledge_articles WHERE organization_id = '$ORG' ORDER BY created_at DESC LIMIT 1")
DAY=$(date -u -d '30 days ago' +%F)

PAGES=(
  ""
  "/usage"
  "/invoices"
  "/conversations"
  "/conversations?status=handed_off"
  "/conversations?store=$STORE&from=$DAY&to=$DAY"
  "/conversations/$CONVERSATION"
  "/agents"
  "/agents/$INSTANCE"
  "/stores"
  "/stores/$STORE"
  "/knowledge/$STORE"
  "/knowledge/$STORE/articles/$ARTICLE"
  "/knowledge/$STORE/orders?find=alice@example.com"
  "/api-keys"
  "/webhooks"
  "/team"
  "/audit"
)
printf '%-60s %6s %8s %8s %8s\n' page status p50_ms p95_ms max_ms | tee "$OUT/results.txt"
for page in "${PAGES[@]}"; do
  url="$BASE$ORG_BASE$page"
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$url")
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -b "$JAR" "$url"; done
  for _ in $(seq 1 "$REQUESTS"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" "$url"; done \
    | sort -n | awk -v page="${page:-/ (overview)}" -v status="$status" '
        { t[NR] = $1 * 1000 }
        END { p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)];
              printf "%-60s %6s %8.1f %8.1f %8.1f\n", page, status, p50, p95, t[NR] }' | tee -a "$OUT/results.txt"
done

echo "== plans"
$PSQL -d "$DB" -f bench/dashboard/explain.sql | tee "$OUT/explain.txt"
