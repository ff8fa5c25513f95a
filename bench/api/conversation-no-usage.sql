-- As conversation.sql without the usage upsert: what this branch's POST /v1/conversations runs today.
\set n random(1, 100)
SELECT org_id, store_id, instance_id FROM bench_orgs WHERE n = :n \gset
BEGIN;
SELECT set_config('app.current_org_id', :org_id, true), set_config('app.livemode', 'true', true);
INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode)
VALUES (:org_id, :store_id, :instance_id, 'Bench shopper', NULL, true)
RETURNING id, organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode, status, owner,
          created_at, updated_at, handed_off_at, resolved_at;
COMMIT;
