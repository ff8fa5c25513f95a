--liquibase formatted sql

--changeset support-agent:182-inbox-alert-settings
--comment: A member's own inbox alerts in one organization: whether desktop alerts and their sound are muted, and the
--comment: stores whose conversations never alert them. Kept on the server, so that a person's choice follows them
--comment: from browser to browser and the server, which decides what alerts whom, can apply it. A member who leaves
--comment: takes their settings along (the membership's cascade); a store deleted leaves no mute behind.
CREATE TABLE inbox_alert_settings (
    organization_id  uuid NOT NULL,
    account_id       uuid NOT NULL,
    muted            boolean NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, account_id),
    FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
);
ALTER TABLE inbox_alert_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbox_alert_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inbox_alert_settings
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON inbox_alert_settings TO ${platform_role} USING (true) WITH CHECK (true);
CREATE TABLE inbox_muted_stores (
    organization_id  uuid NOT NULL,
    account_id       uuid NOT NULL,
    store_id         uuid NOT NULL,
    PRIMARY KEY (organization_id, account_id, store_id),
    FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE inbox_muted_stores ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbox_muted_stores FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inbox_muted_stores
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON inbox_muted_stores TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE inbox_muted_stores;
--rollback DROP TABLE inbox_alert_settings;
