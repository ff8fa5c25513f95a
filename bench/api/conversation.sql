-- The SQL transaction of POST /v1/conversations in live mode, statement for statement as the application sends it
-- (PostgreSQL's statement log of one request): tenant context, the agent instance (must be active; gives the store),
-- the conversation, the organization's billing profile (time zone, usage cap, recent tier changes), the usage count.
\set n random(1, 100)
SELECT org_id, store_id, instance_id FROM bench_orgs WHERE n = :n \gset
BEGIN;
SELECT set_config('app.current_org_id', :org_id, true), set_config('app.livemode', 'true', true);
SELECT id, organization_id, store_id, agent_definition_id, name, config::text AS config, status, public_key,
       created_at, updated_at
  FROM agent_instances WHERE organization_id = :org_id AND id = :instance_id;
INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode)
VALUES (:org_id, :store_id, :instance_id, 'Bench shopper', NULL, true)
RETURNING id, organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode, status, owner,
          created_at, updated_at, handed_off_at, resolved_at;
SELECT id, name, tier, status, custom_pricing::text AS custom_pricing, usage_cap, billing_timezone, created_at,
       updated_at,
       ARRAY(SELECT c.changed_at FROM organization_tier_changes c
              WHERE c.organization_id = o.id AND c.changed_at >= now() - interval '32 days'
              ORDER BY c.changed_at, c.id) AS change_times,
       ARRAY(SELECT c.from_tier || ':' || c.to_tier FROM organization_tier_changes c
              WHERE c.organization_id = o.id AND c.changed_at >= now() - interval '32 days'
              ORDER BY c.changed_at, c.id) AS change_tiers
  FROM organizations o WHERE o.id = :org_id;
INSERT INTO conversation_usage (organization_id, period_start, conversations)
VALUES (:org_id, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 1)
ON CONFLICT (organization_id, period_start)
DO UPDATE SET conversations = conversation_usage.conversations + 1, updated_at = now()
RETURNING conversations, thresholds_crossed;
COMMIT;
