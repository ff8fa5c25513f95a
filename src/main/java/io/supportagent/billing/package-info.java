/** Pricing, invoices and billing runs: plans as configuration, custom pricing, proration, closing a month. */
package io.supportagent.billing;
