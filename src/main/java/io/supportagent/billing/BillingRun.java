package io.supportagent.billing;

/**
 * What closing a period did.
 *
 * @param invoicesCreated invoices finalized by this run
 * @param invoicesExisting invoices finalized by an earlier run, left unchanged
 * @param organizationsPending organizations whose billing time zone has not reached the end of the period yet; a
 *     later run invoices them
 */
public record BillingRun(String period, int invoicesCreated, int invoicesExisting, int organizationsPending) {}
