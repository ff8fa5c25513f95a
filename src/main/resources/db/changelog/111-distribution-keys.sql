--liquibase formatted sql

--changeset support-agent:111-drop-single-column-tenant-foreign-keys
--comment: The single-tenant layout's foreign keys by id alone (conversation to store, message to conversation) are
--comment: covered by the composite ones changeset 002 added; a distributed database (Citus) needs every foreign key
--comment: between tenant tables to carry organization_id.
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_store_id_fkey;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_conversation_id_fkey;
--rollback ALTER TABLE messages ADD CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE;
--rollback ALTER TABLE conversations ADD CONSTRAINT conversations_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE;

--changeset support-agent:111-tenant-primary-keys-rollback-function splitStatements:false
--comment: What undoes 111-tenant-primary-keys (which runs after this): the primary keys back to id, the unique keys
--comment: (organization_id, id) back under their names, and the foreign keys re-pointed at them. A function, because
--comment: a changeset's rollback runs its statements one line at a time, and this one is a block.
CREATE FUNCTION support_agent_111_primary_keys_by_id() RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    t text;
    fk record;
    fks text[];
    def text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agent_instances', 'conversations', 'invoice_lines', 'invoices', 'knowledge_articles',
                             'messages', 'organization_api_keys', 'organization_tier_changes', 'stores',
                             'usage_alerts', 'webhook_deliveries', 'webhook_endpoints'] LOOP
        IF to_regclass(t) IS NULL OR NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t::regclass
                AND c.contype = 'p' AND pg_get_constraintdef(c.oid) = 'PRIMARY KEY (organization_id, id)') THEN
            CONTINUE;
        END IF;
        fks := ARRAY[]::text[];
        FOR fk IN SELECT f.oid, f.conrelid::regclass::text AS tbl, f.conname FROM pg_constraint f
                   WHERE f.contype = 'f' AND f.confrelid = t::regclass ORDER BY 2, 3 LOOP
            fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.tbl, fk.conname, pg_get_constraintdef(fk.oid));
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.conname);
        END LOOP;
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_pkey');
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (id)', t, t || '_pkey');
        IF t NOT IN ('messages', 'invoice_lines') THEN
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I UNIQUE (organization_id, id)', t, t || '_organization_id_id_key');
        END IF;
        FOREACH def IN ARRAY fks LOOP
            EXECUTE def;
        END LOOP;
    END LOOP;
END;
$$;
--rollback DROP FUNCTION support_agent_111_primary_keys_by_id();

--changeset support-agent:111-tenant-primary-keys splitStatements:false
--comment: Every tenant table's primary key starts with organization_id, so that the schema distributes by organization
--comment: as it is (Citus: primary and unique keys must include the distribution column). The unique key
--comment: (organization_id, id) that foreign keys pointed at becomes the primary key (one index instead of two); the
--comment: foreign keys that referenced it are re-pointed at the new key with their own definitions. Generic over the
--comment: catalog, so that it covers every tenant table present when it runs.
DO $$
DECLARE
    t record;
    fk record;
    uq record;
    pk_columns text;
    fks text[];
    def text;
BEGIN
    FOR t IN
        SELECT c.oid AS pk_oid, c.conrelid AS rel, c.conrelid::regclass::text AS tbl, c.conname AS pk_name, c.conkey
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = 'organization_id' AND NOT a.attisdropped
         WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace AND NOT a.attnum = ANY (c.conkey)
         ORDER BY 3
    LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) INTO pk_columns
          FROM unnest(t.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = t.rel AND a.attnum = k.attnum;
        fks := ARRAY[]::text[];
        FOR fk IN SELECT f.oid, f.conrelid::regclass::text AS tbl, f.conname
                    FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t.rel
                   ORDER BY 2, 3
        LOOP
            fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.tbl, fk.conname, pg_get_constraintdef(fk.oid));
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.conname);
        END LOOP;
        FOR uq IN SELECT u.conname FROM pg_constraint u
                   WHERE u.contype = 'u' AND u.conrelid = t.rel
                     AND pg_get_constraintdef(u.oid) = 'UNIQUE (organization_id, ' || pk_columns || ')'
        LOOP
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t.tbl, uq.conname);
        END LOOP;
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t.tbl, t.pk_name);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (organization_id, %s)', t.tbl, t.pk_name, pk_columns);
        FOREACH def IN ARRAY fks LOOP
            EXECUTE def;
        END LOOP;
    END LOOP;
END;
$$;
--rollback SELECT support_agent_111_primary_keys_by_id();
