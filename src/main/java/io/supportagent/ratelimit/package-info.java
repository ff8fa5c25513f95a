/** Rate limits per organization, tier and mode (and per widget key and client address), in-process or in Redis. */
package io.supportagent.ratelimit;
