--liquibase formatted sql

--changeset support-agent:189-invoice-numbers
--comment: A human invoice number per organization, as accountants expect: the organization's prefix (the first 8 hex
--comment: digits of its id, upper case) and its invoices' sequence, 0001 upwards, e.g. 3F9A12BC-0001. invoice_numbers
--comment: holds each organization's last number; a billing run raises it in the transaction that inserts the invoice
--comment: (its row lock makes two runs at once take turns per organization, and a rolled back run gives its numbers
--comment: back), so numbers are never reused and leave no gap. Invoices issued before get numbers in the order they
--comment: were finalized. Only the billing run (platform role) writes numbers.
CREATE TABLE invoice_numbers (
    organization_id  uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    last_number      integer NOT NULL CHECK (last_number > 0)
);
ALTER TABLE invoices ADD COLUMN sequence_number integer, ADD COLUMN number text;
-- The schema owner numbers every tenant's invoices: forced row-level security would show it none.
ALTER TABLE invoices NO FORCE ROW LEVEL SECURITY;
UPDATE invoices i
   SET sequence_number = n.position,
       number = upper(left(replace(CAST(i.organization_id AS text), '-', ''), 8)) || '-'
                || lpad(CAST(n.position AS text), greatest(4, length(CAST(n.position AS text))), '0')
  FROM (SELECT id, row_number() OVER (PARTITION BY organization_id ORDER BY finalized_at, period, id) AS position
          FROM invoices) n
 WHERE n.id = i.id;
INSERT INTO invoice_numbers (organization_id, last_number)
SELECT organization_id, max(sequence_number) FROM invoices GROUP BY organization_id;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
ALTER TABLE invoices
    ALTER COLUMN sequence_number SET NOT NULL,
    ALTER COLUMN number SET NOT NULL,
    ADD CONSTRAINT invoices_organization_id_sequence_number_key UNIQUE (organization_id, sequence_number);
ALTER TABLE invoice_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_numbers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoice_numbers
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON invoice_numbers TO ${platform_role} USING (true) WITH CHECK (true);
REVOKE INSERT, UPDATE, DELETE ON invoice_numbers FROM ${app_role};
REVOKE DELETE ON invoice_numbers FROM ${platform_role};
--rollback DROP TABLE invoice_numbers;
--rollback ALTER TABLE invoices DROP COLUMN sequence_number, DROP COLUMN number;
