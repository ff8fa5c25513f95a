-- Bench data, loaded as the database owner (superuser, so row-level security does not apply to these inserts).
-- 1,000 organizations with deterministic ids (md5('bench-org-' || i)) for the conversation-start runs, each with one
-- store and one agent instance; and 10,000 more with October 2026 usage for the billing run.
INSERT INTO agent_definitions (id, type, version, name, system_prompt)
VALUES (md5('bench-def')::uuid, 'customer_service', '9.9.9-bench', 'Bench', 'You help.');

INSERT INTO organizations (id, name, tier, created_at)
SELECT md5('bench-org-' || i)::uuid, 'Bench org ' || i, 'enterprise', '2026-01-01T00:00:00Z'
  FROM generate_series(1, 1000) AS i;
INSERT INTO stores (id, organization_id, name)
SELECT md5('bench-store-' || i)::uuid, md5('bench-org-' || i)::uuid, 'Bench store ' || i
  FROM generate_series(1, 1000) AS i;
INSERT INTO agent_instances (id, organization_id, store_id, agent_definition_id, name, public_key)
SELECT md5('bench-inst-' || i)::uuid, md5('bench-org-' || i)::uuid, md5('bench-store-' || i)::uuid,
       md5('bench-def')::uuid, 'Bench agent', 'pk_widget_bench_' || i
  FROM generate_series(1, 1000) AS i;

INSERT INTO organizations (id, name, tier, created_at, custom_pricing)
SELECT md5('bill-org-' || i)::uuid, 'Billing org ' || i,
       (ARRAY['basic', 'pro', 'enterprise'])[1 + i % 3], '2026-01-01T00:00:00Z',
       CASE WHEN i % 50 = 0 THEN '{"base_fee_cents": 250000, "overage_unit_price": "0.015"}'::jsonb END
  FROM generate_series(1, 10000) AS i;
INSERT INTO conversation_usage (organization_id, period_start, conversations)
SELECT md5('bill-org-' || i)::uuid, DATE '2026-10-01', (i * 7919) % 20000
  FROM generate_series(1, 10000) AS i;
-- every tenth organization changed tier in the middle of October
INSERT INTO organization_tier_changes (organization_id, from_tier, to_tier, changed_at)
SELECT md5('bill-org-' || i)::uuid, 'basic', (ARRAY['basic', 'pro', 'enterprise'])[1 + i % 3], '2026-10-15T12:00:00Z'
  FROM generate_series(10, 10000, 10) AS i;
ANALYZE;
