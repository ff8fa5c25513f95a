/** Conversations between shoppers and agents, and their messages. */
package io.supportagent.conversations;
