--liquibase formatted sql

--changeset support-agent:061-store-change-notifications splitStatements:false
--comment: Every node caches each store's allowed widget origins; a store created, deleted or given other origins
--comment: tells all nodes at commit, on the channel of the other change notifications (payload store:<org>:<store>).
CREATE FUNCTION support_agent_notify_store_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    changed stores%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF changed.organization_id IS NOT NULL THEN
        PERFORM pg_notify('support_agent_api_keys', 'store:' || changed.organization_id::text || ':' || changed.id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stores_notify_change
    AFTER INSERT OR UPDATE OF allowed_origins OR DELETE ON stores
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_store_change();
--rollback DROP TRIGGER stores_notify_change ON stores;
--rollback DROP FUNCTION support_agent_notify_store_change();
