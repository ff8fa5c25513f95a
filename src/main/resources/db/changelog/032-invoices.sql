--liquibase formatted sql

--changeset support-agent:032-invoices
--comment: Finalized monthly invoices. Nobody but the schema owner may change or delete one once written.
CREATE TABLE invoices (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id         uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    period                  text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
    period_start            timestamptz NOT NULL,
    period_end              timestamptz NOT NULL,
    billing_timezone        text NOT NULL,
    tier                    text NOT NULL,
    currency                text NOT NULL,
    conversations           integer NOT NULL,
    included_conversations  integer NOT NULL,
    overage_conversations   integer NOT NULL,
    total_cents             bigint NOT NULL,
    status                  text NOT NULL DEFAULT 'finalized' CHECK (status IN ('finalized')),
    finalized_at            timestamptz NOT NULL,
    UNIQUE (organization_id, period),
    UNIQUE (organization_id, id)
);
-- The operator's listing of one period, across tenants.
CREATE INDEX invoices_period_idx ON invoices (period, organization_id);
CREATE TABLE invoice_lines (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    position         integer NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('base_fee', 'overage')),
    description      text NOT NULL,
    quantity         bigint NOT NULL,
    unit_price       numeric NOT NULL,
    amount_cents     bigint NOT NULL,
    UNIQUE (organization_id, invoice_id, position),
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON invoices TO ${platform_role} USING (true) WITH CHECK (true);
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoice_lines
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON invoice_lines TO ${platform_role} USING (true) WITH CHECK (true);
-- Finalized means final: tenants only read; the billing run (platform role) only inserts.
REVOKE INSERT, UPDATE, DELETE ON invoices, invoice_lines FROM ${app_role};
REVOKE UPDATE, DELETE ON invoices, invoice_lines FROM ${platform_role};
--rollback DROP TABLE invoice_lines;
--rollback DROP TABLE invoices;
