package io.supportagent.platform;

/**
 * Who is making the current request, as the authentication filters established it. Controllers take it as a method
 * parameter of the specific type they serve (for example {@code Caller.Widget}).
 */
public sealed interface Caller {

    /** The request attribute under which the filters store the caller. */
    String ATTRIBUTE = Caller.class.getName();

    /** An organization's system, with a secret {@code sk_live_}/{@code sk_test_} key. */
    record SecretKey(OrganizationId organizationId, boolean livemode, ApiKeyId keyId) implements Caller {
        public Tenant tenant() {
            return new Tenant(organizationId, livemode);
        }
    }

    /** A shopper's browser, with the public widget key of one agent instance (always live mode). */
    record Widget(OrganizationId organizationId, AgentInstanceId agentInstanceId, StoreId storeId) implements Caller {
        public Tenant tenant() {
            return Tenant.live(organizationId);
        }
    }

    /** The platform operator, with the operator token. */
    record Operator() implements Caller {}
}
