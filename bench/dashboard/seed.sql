-- The demo organization grown to the issue's size: :conversations conversations (one in ten in test mode; one in
-- fifty handed off, one in fifty resolved; one every 20 seconds back from now), messages for the latest 10,000,
-- :articles articles on the demo store, and :members members in all. Run as the database owner (no row-level security).
\set ON_ERROR_STOP on
SELECT m.organization_id AS org FROM memberships m JOIN accounts a ON a.id = m.account_id
 WHERE a.email = 'owner@demo-outfitters.example' \gset
SELECT id AS store FROM stores WHERE organization_id = :'org' ORDER BY created_at LIMIT 1 \gset
SELECT id AS instance FROM agent_instances WHERE organization_id = :'org' ORDER BY created_at LIMIT 1 \gset
SELECT password_hash AS hash FROM accounts WHERE email = 'owner@demo-outfitters.example' \gset

INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, customer_email, livemode,
                           status, owner, created_at, updated_at, handed_off_at, resolved_at)
SELECT :'org', :'store', :'instance', 'Shopper ' || g, 'shopper' || g || '@bench.example', g % 10 <> 0,
       CASE g % 50 WHEN 3 THEN 'handed_off' WHEN 1 THEN 'resolved' ELSE 'open' END,
       CASE g % 50 WHEN 3 THEN 'human' ELSE 'ai' END,
       now() - g * interval '20 seconds', now() - g * interval '20 seconds',
       CASE g % 50 WHEN 3 THEN now() - g * interval '20 seconds' END,
       CASE g % 50 WHEN 1 THEN now() - g * interval '20 seconds' END
  FROM generate_series(1, :conversations) g;

INSERT INTO messages (organization_id, conversation_id, role, content, citations, created_at)
SELECT c.organization_id, c.id, r.role, r.content, r.citations::jsonb, c.created_at + r.n * interval '1 second'
  FROM (SELECT id, organization_id, created_at FROM conversations WHERE organization_id = :'org'
         ORDER BY created_at DESC LIMIT 10000) c
 CROSS JOIN (VALUES (1, 'customer', 'How long does shipping take?', '[]'),
                    (2, 'agent', 'Orders ship within 2 business days.',
                     '[{"article_id":"x","title":"Shipping times","url":"https://demo-outfitters.example/help/shipping"}]'),
                    (3, 'customer', 'And returns?', '[]'),
                    (4, 'agent', 'Returns are free within 30 days.', '[]')) AS r(n, role, content, citations);

INSERT INTO knowledge_articles (organization_id, store_id, title, body, url, created_at, updated_at)
SELECT :'org', :'store', 'Bench article ' || g,
       'Article ' || g || ' explains a policy of the shop in a few sentences, as help centres do.',
       'https://demo-outfitters.example/help/' || g, now() - g * interval '1 minute', now() - g * interval '1 minute'
  FROM generate_series(1, :articles) g;

WITH people AS (
    INSERT INTO accounts (email, name, password_hash, password_changed_at)
    SELECT 'member' || g || '@bench.example', 'Member ' || g, :'hash', now()
      FROM generate_series(1, :members - 1) g
    RETURNING id, email)
INSERT INTO memberships (organization_id, account_id, role)
SELECT :'org', id, CASE WHEN email LIKE 'member1@%' THEN 'admin' WHEN email LIKE 'member2@%' THEN 'billing' ELSE 'agent' END
  FROM people;

VACUUM ANALYZE conversations;
VACUUM ANALYZE messages;
VACUUM ANALYZE knowledge_articles;
VACUUM ANALYZE accounts;
VACUUM ANALYZE memberships;
