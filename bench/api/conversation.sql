-- The SQL transaction of POST /v1/conversations in live mode, statement for statement as the application sends it
-- (PostgreSQL's statement log of one request): tenant context and the transaction's timeouts in one statement, the
-- conversation inserted from the agent instance (which must be active; it gives the store and the definition
-- version), the usage count with its ledger row in one statement. The organization's billing profile (time zone,
-- usage cap, recent tier changes) comes from the node's organization snapshot, not from a query per request.
\set n random(1, 100)
SELECT org_id, store_id, instance_id FROM bench_orgs WHERE n = :n \gset
BEGIN;
SELECT set_config('app.current_org_id', :org_id, true), set_config('app.livemode', 'true', true),
       set_config('statement_timeout', '5000', true), set_config('lock_timeout', '2000', true);
INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, customer_email,
                           customer_email_verified, customer_reference, livemode, agent_definition_id)
SELECT organization_id, store_id, id, 'Bench shopper', NULL, false, NULL, true, agent_definition_id
  FROM agent_instances
 WHERE organization_id = :org_id AND id = :instance_id AND status = 'active'
RETURNING id, organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode, status, owner,
          created_at, updated_at, handed_off_at, resolved_at, customer_reference, customer_email_verified,
          assignee_account_id, assignee_name, assigned_at, first_human_reply_at, rating, rating_comment,
          waiting_since \gset c_
WITH counted AS (
    INSERT INTO conversation_usage AS u (organization_id, period_start, conversations)
    VALUES (:org_id, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT (organization_id, period_start)
    DO UPDATE SET conversations = u.conversations + 1, updated_at = now()
    RETURNING conversations, thresholds_crossed),
recorded AS (
    INSERT INTO usage_events (organization_id, conversation_id, store_id, agent_instance_id, period_start, counted_at)
    VALUES (:org_id, :c_id, :store_id, :instance_id, date_trunc('month', now() AT TIME ZONE 'UTC')::date, now()))
SELECT conversations, thresholds_crossed FROM counted;
COMMIT;
