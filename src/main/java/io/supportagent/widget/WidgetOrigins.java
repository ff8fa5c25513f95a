package io.supportagent.widget;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangesMissed;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.tenancy.TenancyService;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which browser origins may call the widget API. Two questions, because a CORS preflight carries no widget key:
 * "does any store allow this origin?" (preflights, and whether error answers are readable) and "does the key's own
 * store allow it?" (every real request). Both are cached briefly: a store changed on this node applies to the very
 * next request, one changed on another node as soon as its change notification arrives.
 */
@Component
class WidgetOrigins {

    private static final Executor REREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("widget-origins-reread-", 0).factory());

    private final TenancyService tenancy;
    private final LoadingCache<String, Boolean> anyStore;
    private final LoadingCache<StoreKey, StorePages> ofStore;

    record StoreKey(io.supportagent.platform.OrganizationId organization, StoreId store) {}

    /** Where a store's widget may be called from: its allowed page origins, and its own server (no Origin) or not. */
    record StorePages(List<String> origins, boolean serverRequestsAllowed) {}

    WidgetOrigins(TenancyService tenancy) {
        this.tenancy = tenancy;
        this.anyStore = Caffeine.newBuilder()
                .maximumSize(10_000)
                // As below: re-read in the background, never on a request's thread once known.
                .refreshAfterWrite(Duration.ofSeconds(60))
                .expireAfterAccess(Duration.ofHours(1))
                .executor(REREADS)
                .build(new CacheLoader<>() {
                    @Override
                    public Boolean load(String origin) {
                        return tenancy.isWidgetOriginOfAnyStore(origin);
                    }

                    /** Read again; while the database is away, the answer it had. */
                    @Override
                    public Boolean reload(String origin, Boolean known) {
                        return DatabaseFailures.readAgainOrKeep(() -> load(origin), known);
                    }
                });
        this.ofStore = Caffeine.newBuilder()
                .maximumSize(10_000)
                // Read again in the background once this old, the request at hand answered from what is known;
                // unused for an hour, forgotten.
                .refreshAfterWrite(Duration.ofSeconds(30))
                .expireAfterAccess(Duration.ofHours(1))
                .executor(REREADS)
                .build(new CacheLoader<>() {
                    @Override
                    public StorePages load(StoreKey key) {
                        // A widget's store is the same in both modes; on a re-read's thread there is no request.
                        var store =
                                TenantContext.callAs(Tenant.live(key.organization()), () -> tenancy.store(key.store()));
                        return new StorePages(
                                store.allowedOrigins().stream()
                                        .map(WidgetOrigins::normalize)
                                        .toList(),
                                store.serverRequestsAllowed());
                    }

                    /** Read again; while the database is away, the origins it had (stale while error). */
                    @Override
                    public StorePages reload(StoreKey key, StorePages known) {
                        return DatabaseFailures.readAgainOrKeep(() -> load(key), known);
                    }
                });
    }

    boolean allowedByAnyStore(String origin) {
        return anyStore.get(normalize(origin));
    }

    /** Runs in the request's tenant context (set by the widget key filter). */
    boolean allowedByStore(StoreId store, String origin) {
        var org = TenantContext.require().organizationId();
        return ofStore.get(new StoreKey(org, store)).origins().contains(normalize(origin));
    }

    /** Whether the store lets its own server (a request without {@code Origin}) call the widget API. */
    boolean serverRequestsAllowed(StoreId store) {
        var org = TenantContext.require().organizationId();
        return ofStore.get(new StoreKey(org, store)).serverRequestsAllowed();
    }

    /** A store changed (its change committed): forget its origins, and every "any store" answer, which it may change. */
    @EventListener
    void on(Change.Store changed) {
        ofStore.invalidate(new StoreKey(changed.organization(), changed.store()));
        anyStore.invalidateAll();
    }

    /**
     * Changes may have been missed (the notifications' connection dropped, usually because the database is away):
     * both kinds of answers are read again, each kept until its new value is read (or while the database is away).
     * So while the database is away the widget's answers (503s among them) still carry CORS headers the browser
     * accepts, and the widget can show its try-again message.
     */
    @EventListener
    void on(ChangesMissed missed) {
        ofStore.refreshAll(ofStore.asMap().keySet());
        anyStore.refreshAll(anyStore.asMap().keySet());
    }

    static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
