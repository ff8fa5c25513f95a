--liquibase formatted sql

--changeset support-agent:033-drop-invoices-period-index
--comment: Every index of a tenant table starts with organization_id (Citus-ready); the operator's listing of a period
--comment: and the billing run's check for existing invoices use the (organization_id, period) unique key instead.
DROP INDEX invoices_period_idx;
--rollback CREATE INDEX invoices_period_idx ON invoices (period, organization_id);
