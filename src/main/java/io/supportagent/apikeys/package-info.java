/** Secret API keys: format, issuing, verification, revocation and the authentication of requests. */
package io.supportagent.apikeys;
