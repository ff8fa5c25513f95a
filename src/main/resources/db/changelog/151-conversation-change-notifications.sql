--liquibase formatted sql

--changeset support-agent:151-conversation-change-notifications splitStatements:false
--comment: Open inboxes and widgets on every node follow conversations that people own. A conversation handed off,
--comment: handed back, assigned, resolved or rated, and a message in a conversation people own (or a team's note),
--comment: tell all nodes at commit on the channel of the other change notifications
--comment: (payload conversation:<org>:<conversation>:<live|test>:<what>). In the database, so that it costs the
--comment: request no round trip, whoever changed the row. The AI's own exchanges notify nothing.
CREATE FUNCTION support_agent_notify_conversation_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    what text;
BEGIN
    IF NEW.organization_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF NEW.status = 'resolved' AND OLD.status IS DISTINCT FROM 'resolved' THEN
        what := 'resolved';
    ELSIF OLD.owner = 'ai' AND NEW.owner = 'human' THEN
        what := 'handed_off';
    ELSIF OLD.owner = 'human' AND NEW.owner = 'ai' THEN
        what := 'handed_back';
    ELSIF NEW.assignee_account_id IS DISTINCT FROM OLD.assignee_account_id THEN
        what := 'assigned';
    ELSIF NEW.rating IS DISTINCT FROM OLD.rating THEN
        what := 'rated';
    ELSE
        RETURN NULL;
    END IF;
    PERFORM pg_notify('support_agent_api_keys',
                      'conversation:' || NEW.organization_id::text || ':' || NEW.id::text || ':'
                          || CASE WHEN NEW.livemode THEN 'live' ELSE 'test' END || ':' || what);
    RETURN NULL;
END;
$$;
CREATE TRIGGER conversations_notify_change
    AFTER UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_conversation_change();

CREATE FUNCTION support_agent_notify_message() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    conversation record;
BEGIN
    IF NEW.organization_id IS NULL OR NEW.role NOT IN ('customer', 'human_agent', 'note') THEN
        RETURN NULL;
    END IF;
    SELECT owner, livemode INTO conversation FROM conversations
     WHERE organization_id = NEW.organization_id AND id = NEW.conversation_id;
    IF conversation.owner = 'human' OR NEW.role = 'note' THEN
        PERFORM pg_notify('support_agent_api_keys',
                          'conversation:' || NEW.organization_id::text || ':' || NEW.conversation_id::text || ':'
                              || CASE WHEN conversation.livemode THEN 'live' ELSE 'test' END || ':'
                              || CASE WHEN NEW.role = 'note' THEN 'note' ELSE 'message' END);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER messages_notify_change
    AFTER INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_message();

CREATE FUNCTION support_agent_notify_webhook_endpoint_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('support_agent_api_keys', 'webhooks:' || OLD.organization_id::text);
    ELSE
        PERFORM pg_notify('support_agent_api_keys', 'webhooks:' || NEW.organization_id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER webhook_endpoints_notify_change
    AFTER INSERT OR UPDATE OR DELETE ON webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_webhook_endpoint_change();
--rollback DROP TRIGGER webhook_endpoints_notify_change ON webhook_endpoints;
--rollback DROP FUNCTION support_agent_notify_webhook_endpoint_change();
--rollback DROP TRIGGER messages_notify_change ON messages;
--rollback DROP FUNCTION support_agent_notify_message();
--rollback DROP TRIGGER conversations_notify_change ON conversations;
--rollback DROP FUNCTION support_agent_notify_conversation_change();
