/** Agent definitions (versioned, operator-published templates) and the instances deployed on stores. */
package io.supportagent.agents;
