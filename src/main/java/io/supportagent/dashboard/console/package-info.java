/**
 * The operator console at {@code /platform}: server-rendered pages for operator staff (organizations, billing runs and
 * invoices, agent definitions, webhook delivery health), each action calling the same module service as the platform
 * API. No business rule of its own.
 */
package io.supportagent.dashboard.console;
