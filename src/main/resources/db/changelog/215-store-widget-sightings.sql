--liquibase formatted sql

--changeset support-agent:215-store-widget-sightings
--comment: Where each store's chat widget has been seen running: one row per store and page origin, with the first and
--comment: the latest widget request from it (noted in memory and written at most about once a minute), so that a
--comment: merchant can tell that the snippet is installed, and where. Only origins the store allowed are noted.
CREATE TABLE store_widget_sightings (
    organization_id  uuid NOT NULL,
    store_id         uuid NOT NULL,
    origin           text NOT NULL,
    first_seen_at    timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    PRIMARY KEY (organization_id, store_id, origin),
    FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE store_widget_sightings ENABLE ROW LEVEL SECURITY;
ALTER TABLE store_widget_sightings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON store_widget_sightings
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON store_widget_sightings TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE store_widget_sightings;
