package io.supportagent.platform;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant of the current thread's work. The tenant-aware transaction manager copies it into every transaction
 * on the request pool ({@code set_config('app.current_org_id', ..., true)}), where row-level security enforces it.
 * Without a tenant a transaction sees no tenant rows and cannot write any: it fails closed.
 */
public final class TenantContext {

    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static Optional<Tenant> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current tenant; a programming error when there is none, since every tenant path sets one. */
    public static Tenant require() {
        Tenant tenant = CURRENT.get();
        if (tenant == null) {
            throw new IllegalStateException("No tenant in context");
        }
        return tenant;
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

    /** For filters that span a whole request: set now, {@link #clear()} in a finally block. */
    public static void set(Tenant tenant) {
        CURRENT.set(tenant);
    }

    public static void clear() {
        CURRENT.remove();
    }

    private static void restore(Tenant previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
