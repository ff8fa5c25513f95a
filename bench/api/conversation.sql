-- The SQL transaction of POST /v1/conversations in live mode, statement for statement as the application sends it
-- (PostgreSQL's statement log of one request): tenant context, the conversation inserted from the agent instance
-- (which must be active; it gives the store), the usage count. The organization's billing profile (time zone, usage
-- cap, recent tier changes) comes from the node's organization snapshot, not from a query per request.
\set n random(1, 100)
SELECT org_id, store_id, instance_id FROM bench_orgs WHERE n = :n \gset
BEGIN;
SELECT set_config('app.current_org_id', :org_id, true), set_config('app.livemode', 'true', true);
INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode)
SELECT organization_id, store_id, id, 'Bench shopper', NULL, true
  FROM agent_instances
 WHERE organization_id = :org_id AND id = :instance_id AND status = 'active'
RETURNING id, organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode, status, owner,
          created_at, updated_at, handed_off_at, resolved_at;
INSERT INTO conversation_usage (organization_id, period_start, conversations)
VALUES (:org_id, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 1)
ON CONFLICT (organization_id, period_start)
DO UPDATE SET conversations = conversation_usage.conversations + 1, updated_at = now()
RETURNING conversations, thresholds_crossed;
COMMIT;
