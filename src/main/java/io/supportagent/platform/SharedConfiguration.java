package io.supportagent.platform;

/**
 * The organization's configuration that live and test mode share: stores (with their allowed widget origins), agent
 * instances (with their widget keys), knowledge articles and orders. Only conversations, webhook endpoints and API
 * keys carry {@code livemode} (SPEC §2), so a test key may read this configuration (it needs the ids to start test
 * conversations) but never change it: a sandbox script must not be able to change or delete what production serves.
 *
 * <p>Every service method that changes shared configuration calls {@link #requireLiveMode()} first, before it reads or
 * locks anything, so that the refusal is the same whether or not the object exists, and holds for every caller, not
 * only the HTTP API.
 */
public final class SharedConfiguration {

    static final String DETAIL = "Stores, agent instances, articles and orders are shared by live and test mode;"
            + " changing them needs a live key (sk_live_). A test key can read them and run test conversations on them.";

    private SharedConfiguration() {}

    /** Throws {@link LiveModeRequired} unless the tenant in context is in live mode. */
    public static void requireLiveMode() {
        if (!TenantContext.require().livemode()) {
            throw new LiveModeRequired(DETAIL);
        }
    }
}
