/** Idempotency-Key on every creating POST of the three APIs: the first answer to a key is stored for 24 h and replayed. */
package io.supportagent.idempotency;
