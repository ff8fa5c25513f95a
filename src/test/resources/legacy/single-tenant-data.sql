-- Realistic data of the earlier single-tenant system, for tests and bench/legacy. Placeholders: ${stores},
-- ${conversations}, ${messages_per_conversation}, ${months}. Deterministic apart from ids and the current date.
INSERT INTO alembic_version (version_num) VALUES ('20260115_1200_single_tenant');

INSERT INTO stores (name, domain, created_at)
SELECT 'Store ' || g || CASE WHEN g % 9 = 0 THEN ' – Café “Ümlaut”' ELSE '' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'store' || g || '.example.com' END,
       date_trunc('month', now()) - interval '${months} months' - interval '30 days' + g * interval '7 minutes'
  FROM generate_series(1, ${stores}) g;

INSERT INTO conversations (store_id, customer_name, customer_email, status, created_at, updated_at)
SELECT s.id,
       CASE WHEN g % 7 = 0 THEN NULL ELSE 'Customer ' || g END,
       CASE WHEN g % 11 = 0 THEN NULL ELSE 'customer' || g || '@example.com' END,
       (ARRAY['open', 'resolved', 'closed', 'handed_off', 'escalated'])[1 + g % 5],
       t.at, t.at + (g % 50) * interval '1 minute'
  FROM generate_series(0, ${conversations} - 1) g
 CROSS JOIN LATERAL (
       SELECT date_trunc('month', now()) - interval '${months} months'
              + ((g::bigint * 7919) % (${months} * 30 * 24 * 60)) * interval '1 minute' AS at) t
  JOIN (SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS n FROM stores) s
    ON s.n = (g::bigint * 31) % ${stores};

INSERT INTO messages (conversation_id, role, content, created_at)
SELECT c.id,
       CASE WHEN k % 2 = 1 THEN 'user' ELSE 'assistant' END,
       CASE WHEN k % 2 = 1
            THEN 'Hello, where is my order #' || (k * 104729 % 100000) || '? It''s late – “urgent”'
            ELSE 'Let me check that for you. Your order ships tomorrow.' END,
       c.created_at + k * interval '20 seconds'
  FROM conversations c
 CROSS JOIN generate_series(1, ${messages_per_conversation}) k;
