/** Metering: conversations counted per organization and billing month, and the alert state. */
package io.supportagent.usage;
