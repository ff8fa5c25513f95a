package io.supportagent.platform;

/**
 * Who is making the current request, as one of the security chains verified it. It is the principal of the request's
 * {@link CallerAuthentication}; controllers take it as a method parameter of the specific type they serve (for
 * example {@code Caller.Widget}), and a request without that kind of caller answers 401.
 */
public sealed interface Caller {

    /** The authority every caller of this kind holds, for the chains' and methods' role checks. */
    String role();

    /** Every authority the caller holds: its role ({@code ROLE_...}), and for members their role's permissions. */
    default java.util.List<String> authorities() {
        return java.util.List.of("ROLE_" + role());
    }

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

    /**
     * A person signed in to the dashboard, acting in the organization and mode named by the page's URL, with their role
     * there. The dashboard chain makes it for each request from the session's account and that account's membership
     * of the URL's organization, so a member never acts for an organization they do not belong to.
     */
    record Member(
            AccountId accountId,
            OrganizationId organizationId,
            boolean livemode,
            MemberRole memberRole,
            OperatorView operatorView)
            implements OfTenant {
        public static final String ROLE = "MEMBER";

        /** A member of the organization, acting for themselves. */
        public Member(AccountId accountId, OrganizationId organizationId, boolean livemode, MemberRole memberRole) {
            this(accountId, organizationId, livemode, memberRole, null);
        }

        /**
         * Operator staff viewing the organization's pages as its members see them ("view as organization"): no
         * membership, read-only (every change is refused before any handler runs, and every tenant transaction of
         * the request is read-only in PostgreSQL), until {@code endsAt}.
         */
        public record OperatorView(java.util.UUID viewId, String operatorEmail, java.time.Instant endsAt) {}

        /** Whether this is operator staff viewing the organization read-only, not a member. */
        public boolean readOnly() {
            return operatorView != null;
        }

        @Override
        public Tenant tenant() {
            return new Tenant(organizationId, livemode);
        }

        @Override
        public String role() {
            return ROLE;
        }

        /** {@code ROLE_MEMBER} and one authority per permission of the member's role ({@link MemberAccess}). */
        @Override
        public java.util.List<String> authorities() {
            java.util.List<String> all = new java.util.ArrayList<>();
            all.add("ROLE_" + ROLE);
            memberRole.permissions().stream().sorted().forEach(p -> all.add(p.authority()));
            return java.util.List.copyOf(all);
        }

        public boolean allows(MemberRole.Permission permission) {
            return memberRole.allows(permission);
        }
    }

    /**
     * A person of the platform operator's staff, signed in to the operator console ({@code /platform}) with their own
     * account: the console's chain makes it for each request from the session's account, while that account is staff.
     * It is not the {@link Operator} (the machines' token), so it never opens the platform API, and not a tenant's
     * caller, so it never opens an organization's API or pages.
     */
    record OperatorStaff(AccountId accountId, String email) implements Caller {
        public static final String ROLE = "OPERATOR_STAFF";

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
