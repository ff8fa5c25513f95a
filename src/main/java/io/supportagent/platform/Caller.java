package io.supportagent.platform;

/**
 * Who is making the current request, as one of the security chains verified it. It is the principal of the request's
 * {@link CallerAuthentication}; controllers take it as a method parameter of the specific type they serve (for
 * example {@code Caller.Widget}), and a request without that kind of caller answers 401.
 */
public sealed interface Caller {

    /** The authority every caller of this kind holds, for the chains' and methods' role checks. */
    String role();

    /** A caller that acts for one organization in one mode: its tenant, for row-level security. */
    sealed interface OfTenant extends Caller {
        Tenant tenant();
    }

    /** An organization's system, with a secret {@code sk_live_}/{@code sk_test_} key. */
    record SecretKey(OrganizationId organizationId, boolean livemode, ApiKeyId keyId) implements OfTenant {
        public static final String ROLE = "SECRET_KEY";

        @Override
        public Tenant tenant() {
            return new Tenant(organizationId, livemode);
        }

        @Override
        public String role() {
            return ROLE;
        }
    }

    /** A shopper's browser, with the public widget key of one agent instance (always live mode). */
    record Widget(OrganizationId organizationId, AgentInstanceId agentInstanceId, StoreId storeId) implements OfTenant {
        public static final String ROLE = "WIDGET";

        @Override
        public Tenant tenant() {
            return Tenant.live(organizationId);
        }

        @Override
        public String role() {
            return ROLE;
        }
    }

    /** The platform operator, with the operator token. */
    record Operator() implements Caller {
        public static final String ROLE = "OPERATOR";

        @Override
        public String role() {
            return ROLE;
        }
    }
}
