package io.supportagent.platform;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant of the current thread's work: the one set explicitly for a unit of work ({@link #callAs}, background
 * jobs), else the tenant of the request's verified {@link Caller} (the principal a security chain put in the security
 * context). The tenant-aware transaction manager copies it into every transaction on the request pool
 * ({@code set_config('app.current_org_id', ..., true)}), where row-level security enforces it. Without a tenant a
 * transaction sees no tenant rows and cannot write any: it fails closed.
 */
public final class TenantContext {

    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static Optional<Tenant> current() {
        Tenant explicit = CURRENT.get();
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return CallerAuthentication.current()
                .filter(Caller.OfTenant.class::isInstance)
                .map(caller -> ((Caller.OfTenant) caller).tenant());
    }

    /**
     * The current tenant. Every tenant route's chain verifies a caller before its handler runs, so none here means a
     * request that proved nothing: it answers 401, never 500.
     */
    public static Tenant require() {
        return current()
                .orElseThrow(() -> new Unauthenticated("unauthenticated", "This request needs credentials.", "Bearer"));
    }

    public static <T> T callAs(Tenant tenant, Supplier<T> work) {
        Tenant previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void runAs(Tenant tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    private static void restore(Tenant previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
