--liquibase formatted sql

--changeset support-agent:010-api-key-change-notifications splitStatements:false
--comment: Every node caches verified keys briefly. A change that must end a key (revoked, expiry moved, hash replaced,
--comment: row deleted) or an organization's status tells all nodes at commit through NOTIFY, whoever made the change.
--comment: The payload is the non-secret lookup id (or org:<uuid>), never a key.
CREATE FUNCTION support_agent_notify_api_key_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('support_agent_api_keys', OLD.lookup_id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER organization_api_keys_notify_change
    AFTER UPDATE OF revoked_at, expires_at, key_hash, lookup_id OR DELETE ON organization_api_keys
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_api_key_change();
CREATE FUNCTION support_agent_notify_organization_status() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.status IS DISTINCT FROM OLD.status THEN
        PERFORM pg_notify('support_agent_api_keys', 'org:' || OLD.id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER organizations_notify_status
    AFTER UPDATE OF status OR DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_organization_status();
--rollback DROP TRIGGER organizations_notify_status ON organizations;
--rollback DROP FUNCTION support_agent_notify_organization_status();
--rollback DROP TRIGGER organization_api_keys_notify_change ON organization_api_keys;
--rollback DROP FUNCTION support_agent_notify_api_key_change();

--changeset support-agent:010-api-keys-rolled-from
--comment: A rolled key remembers the key it replaced, so the list shows the chain.
ALTER TABLE organization_api_keys ADD COLUMN rolled_from uuid;
--rollback ALTER TABLE organization_api_keys DROP COLUMN rolled_from;
