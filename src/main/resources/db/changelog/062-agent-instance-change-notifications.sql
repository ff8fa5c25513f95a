--liquibase formatted sql

--changeset support-agent:062-agent-instance-change-notifications splitStatements:false
--comment: Every node caches each agent instance's profile (status, configuration, pinned version) for its replies;
--comment: an instance changed or deleted tells all nodes at commit (payload instance:<org>:<instance>), so that a
--comment: paused agent falls silent on every node at once.
CREATE FUNCTION support_agent_notify_agent_instance_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS NOT NULL THEN
        PERFORM pg_notify('support_agent_api_keys',
                          'instance:' || OLD.organization_id::text || ':' || OLD.id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER agent_instances_notify_change
    AFTER UPDATE OR DELETE ON agent_instances
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_agent_instance_change();
--rollback DROP TRIGGER agent_instances_notify_change ON agent_instances;
--rollback DROP FUNCTION support_agent_notify_agent_instance_change();
