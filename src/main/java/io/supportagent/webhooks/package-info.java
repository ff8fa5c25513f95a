/** Webhook endpoints of organizations and the signed, retried delivery of events to them through an outbox. */
package io.supportagent.webhooks;
