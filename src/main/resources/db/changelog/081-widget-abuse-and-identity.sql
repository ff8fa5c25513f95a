--liquibase formatted sql

--changeset support-agent:081-store-server-requests
--comment: Widget requests without an Origin header (not from a browser page) are refused unless the store opts in,
--comment: for a store's own server calling the widget API. Nodes cache it with the store's origins, so a change of it
--comment: notifies them as a change of origins does.
ALTER TABLE stores ADD COLUMN server_requests_allowed boolean NOT NULL DEFAULT false;
DROP TRIGGER stores_notify_change ON stores;
CREATE TRIGGER stores_notify_change
    AFTER INSERT OR UPDATE OF allowed_origins, server_requests_allowed OR DELETE ON stores
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_store_change();
--rollback DROP TRIGGER stores_notify_change ON stores;
--rollback CREATE TRIGGER stores_notify_change AFTER INSERT OR UPDATE OF allowed_origins OR DELETE ON stores FOR EACH ROW EXECUTE FUNCTION support_agent_notify_store_change();
--rollback ALTER TABLE stores DROP COLUMN server_requests_allowed;

--changeset support-agent:081-agent-instance-identity
--comment: Identity verification of shoppers: the store's server signs the logged-in shopper's identity (HS256 JWT)
--comment: with this secret, which therefore has to be kept as it is (it is shown once; rolling replaces it), apart from
--comment: the instance's row so that no read of instances carries it. required = conversations need a verified shopper.
CREATE TABLE agent_instance_identity (
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    agent_instance_id  uuid NOT NULL,
    secret             text NOT NULL CHECK (length(secret) BETWEEN 32 AND 200),
    required           boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, agent_instance_id),
    FOREIGN KEY (organization_id, agent_instance_id) REFERENCES agent_instances (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE agent_instance_identity ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_instance_identity FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agent_instance_identity
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON agent_instance_identity TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE agent_instance_identity;

--changeset support-agent:081-conversation-verified-customer
--comment: A conversation started with a verified identity carries the store's id for the shopper (the token's sub)
--comment: and an email the store vouched for, so order look-ups need no typed email.
ALTER TABLE conversations
    ADD COLUMN customer_reference       text CHECK (length(customer_reference) <= 200),
    ADD COLUMN customer_email_verified  boolean NOT NULL DEFAULT false;
--rollback ALTER TABLE conversations DROP COLUMN customer_email_verified, DROP COLUMN customer_reference;

--changeset support-agent:081-store-orders-livemode
--comment: Test mode keeps shoppers' data apart: a test key syncs and reads test orders only, and test conversations
--comment: look up test orders only. Orders synced before were synced with live keys or by the demo: live.
ALTER TABLE store_orders ADD COLUMN livemode boolean NOT NULL DEFAULT true;
ALTER TABLE store_orders DROP CONSTRAINT store_orders_pkey;
ALTER TABLE store_orders ADD PRIMARY KEY (organization_id, store_id, livemode, number);
--rollback DELETE FROM store_orders WHERE NOT livemode;
--rollback ALTER TABLE store_orders DROP CONSTRAINT store_orders_pkey;
--rollback ALTER TABLE store_orders ADD PRIMARY KEY (organization_id, store_id, number);
--rollback ALTER TABLE store_orders DROP COLUMN livemode;
