-- The dashboard's heaviest queries, as the request role under the demo organization's row-level security.
\set ON_ERROR_STOP on
SELECT m.organization_id AS org FROM memberships m JOIN accounts a ON a.id = m.account_id
 WHERE a.email = 'owner@demo-outfitters.example' \gset
SELECT id AS store FROM stores WHERE organization_id = :'org' ORDER BY created_at LIMIT 1 \gset
SET ROLE support_agent_app;
BEGIN;
SELECT set_config('app.current_org_id', :'org', true) \g /dev/null

\echo '== conversations page: live, newest 51'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, status, created_at FROM conversations
 WHERE organization_id = :'org' AND livemode = true ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '== conversations page: handed off (a rare status)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, status, created_at FROM conversations
 WHERE organization_id = :'org' AND livemode = true AND status = 'handed_off' ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '== conversations page: one store, one day'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, status, created_at FROM conversations
 WHERE organization_id = :'org' AND livemode = true AND store_id = :'store'
   AND created_at >= now() - interval '30 days' AND created_at < now() - interval '29 days'
 ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '== overview: this month by day'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT CAST((created_at AT TIME ZONE 'UTC') AS date), count(*) FROM conversations
 WHERE organization_id = :'org' AND livemode = true AND created_at >= date_trunc('month', now()) AND created_at < now()
 GROUP BY 1;
\echo '== transcript: one conversation''s messages'
SELECT conversation_id AS c FROM messages WHERE organization_id = :'org' LIMIT 1 \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM messages
 WHERE organization_id = :'org' AND conversation_id = :'c' ORDER BY created_at, id;
\echo '== knowledge: newest 51 articles and the count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, title FROM knowledge_articles
 WHERE organization_id = :'org' AND store_id = :'store' ORDER BY created_at DESC, id DESC LIMIT 51;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM knowledge_articles
 WHERE organization_id = :'org' AND store_id = :'store';
COMMIT;
RESET ROLE;
\echo '== team: members (memberships under the tenant, accounts by id)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.role, a.email FROM memberships m JOIN accounts a ON a.id = m.account_id
 WHERE m.organization_id = :'org';
