/** Idempotency-Key on the organization API: the first answer to a key is stored for 24 h and replayed. */
package io.supportagent.idempotency;
