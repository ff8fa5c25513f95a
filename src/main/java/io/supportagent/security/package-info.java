/**
 * The one security layer: a firewall in front of every request, and one Spring Security filter chain per surface
 * (organization API, widget API, platform API, actuator, public assets), deny by default.
 */
package io.supportagent.security;
