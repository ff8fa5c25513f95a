--liquibase formatted sql

--changeset support-agent:060-organization-change-notifications splitStatements:false
--comment: Every node keeps a snapshot of each organization (status, tier, cap, pricing, time zone, name) for the
--comment: request path, so any change of the row, not only of its status, tells all nodes at commit.
CREATE FUNCTION support_agent_notify_organization_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('support_agent_api_keys', 'org:' || OLD.id::text);
    RETURN NULL;
END;
$$;
DROP TRIGGER organizations_notify_status ON organizations;
CREATE TRIGGER organizations_notify_change
    AFTER UPDATE OR DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_organization_change();
--rollback DROP TRIGGER organizations_notify_change ON organizations;
--rollback DROP FUNCTION support_agent_notify_organization_change();
--rollback CREATE TRIGGER organizations_notify_status AFTER UPDATE OF status OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION support_agent_notify_organization_status();
