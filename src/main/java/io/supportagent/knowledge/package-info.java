/** A store's knowledge articles (PostgreSQL full-text search) and the orders it syncs, which the agent answers from. */
package io.supportagent.knowledge;
