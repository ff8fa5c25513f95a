--liquibase formatted sql

--changeset support-agent:101-invoice-line-amounts
--comment: Every invoice line reads as quantity × unit price = amount (rounded half up to the cent, once, where the unit
--comment: price has fractions of a cent); a prorated base fee is one line of quantity 1. NOT VALID: invoices finalized
--comment: before this rule stay exactly as they were issued.
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_amount_is_quantity_times_unit_price
    CHECK (amount_cents = round(quantity * unit_price * 100)) NOT VALID;
--rollback ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_amount_is_quantity_times_unit_price;
