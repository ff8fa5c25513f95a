/** Command-line entry points: {@code serve} (the default) and the commands other modules offer. */
package io.supportagent.cli;
