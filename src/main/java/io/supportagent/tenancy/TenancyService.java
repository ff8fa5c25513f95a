package io.supportagent.tenancy;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.SharedConfiguration;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.platform.db.PlatformJdbc;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The tenancy module's API: organizations (operator side and the tenant's own) and the tenant's stores. */
@Service
public class TenancyService {

    private final Organizations organizations;
    private final Stores stores;
    private final PlatformJdbc platform;
    private final OrganizationBilling billing;
    private final OrganizationSnapshots snapshots;
    private final ChangeNotifications notifications;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final jakarta.validation.Validator validator;

    TenancyService(
            Organizations organizations,
            Stores stores,
            PlatformJdbc platform,
            OrganizationBilling billing,
            OrganizationSnapshots snapshots,
            ChangeNotifications notifications,
            Clock clock,
            ApplicationEventPublisher events,
            jakarta.validation.Validator validator) {
        this.events = events;
        this.validator = validator;
        this.organizations = organizations;
        this.stores = stores;
        this.platform = platform;
        this.billing = billing;
        this.snapshots = snapshots;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Operator work: a new organization. */
    public Organization createOrganization(String name, Tier tier) {
        return platform.inTransaction(
                tx -> organizations.insert(tx, OrganizationId.random(), name, tier, null, null, "UTC"));
    }

    /** Operator work: any organization. */
    public Optional<Organization> findOrganization(OrganizationId id) {
        return organizations.find(id);
    }

    /** Operator work: the oldest organization of that name. */
    public Optional<Organization> findOrganizationByName(String name) {
        return organizations.findByName(name);
    }

    /** Operator work: organizations, newest first. */
    public List<Organization> listOrganizations(int limit, OrganizationId startingAfter) {
        return organizations.list(limit, startingAfter);
    }

    /**
     * The organization of the tenant in context, from this node's snapshot: this node's own changes show at once,
     * another node's within moments (see {@link OrganizationSnapshots}).
     */
    public Organization currentOrganization() {
        OrganizationId org = TenantContext.require().organizationId();
        return snapshots.organization(org).orElseThrow(() -> new NotFound("organization", org));
    }

    /**
     * Any organization as this node last read it, for the request path (is the key's organization active?): no
     * database work once read, and forgotten as soon as it changes.
     */
    public Optional<Organization> organizationSnapshot(OrganizationId id) {
        return snapshots.organization(id);
    }

    /** A new store for the tenant; a live key only (stores are shared by both modes, see {@link SharedConfiguration}). */
    @Transactional
    public Store createStore(String name, String domain, List<String> allowedOrigins) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        requireCapacity(TierLimit.STORES, () -> stores.count(org));
        Store store = stores.insert(org, name, domain, allowedOrigins);
        notifications.announce(new Change.Store(org, store.id()));
        events.publishEvent(new StoreChanged(store, "created", Map.of()));
        return store;
    }

    @Transactional(readOnly = true)
    public Store store(StoreId id) {
        OrganizationId org = TenantContext.require().organizationId();
        return stores.find(org, id).orElseThrow(() -> new NotFound("store", id));
    }

    @Transactional(readOnly = true)
    public List<Store> stores(int limit, StoreId startingAfter) {
        return stores.list(TenantContext.require().organizationId(), limit, startingAfter);
    }

    /** The websites the store's chat widget was seen running on, latest first (see {@link WidgetSightings}). */
    @Transactional(readOnly = true)
    public List<WidgetSighting> widgetSightings(StoreId id) {
        return stores.sightings(TenantContext.require().organizationId(), id);
    }

    /** Each of the tenant's stores' latest widget sighting, for those seen at all. */
    @Transactional(readOnly = true)
    public Map<StoreId, WidgetSighting> latestWidgetSightings() {
        Map<StoreId, WidgetSighting> out = new LinkedHashMap<>();
        for (WidgetSighting s : stores.latestSightings(TenantContext.require().organizationId())) {
            out.put(s.storeId(), s);
        }
        return out;
    }

    /** The tenant's stores among {@code ids} (another organization's or unknown ids are left out), in no order. */
    @Transactional(readOnly = true)
    public List<Store> stores(java.util.Collection<StoreId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return stores.listOf(TenantContext.require().organizationId(), ids);
    }

    /**
     * Checks, inside the caller's transaction, that the tier of the organization in context allows one more object
     * of the kind: the organization's row is locked first ({@code SELECT ... FOR UPDATE}), so concurrent creations
     * count one after another and cannot both pass the last free place. Throws {@link TierLimitReached} otherwise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void requireCapacity(TierLimit limit, IntSupplier currentCount) {
        OrganizationId org = TenantContext.require().organizationId();
        Organization locked = organizations.lockOwn(org).orElseThrow(() -> new NotFound("organization", org));
        OptionalInt max = limit.maxFor(locked.tier());
        if (max.isPresent() && currentCount.getAsInt() >= max.getAsInt()) {
            throw new TierLimitReached(locked.tier(), limit, max.getAsInt());
        }
    }

    /** Changes the given fields (null: unchanged) of one of the tenant's stores; a live key only. */
    @Transactional
    public Store updateStore(StoreId id, String name, String domain, List<String> allowedOrigins) {
        return updateStore(id, name, domain, allowedOrigins, null);
    }

    /**
     * As {@link #updateStore(StoreId, String, String, List)}, and whether the widget API serves requests without an
     * {@code Origin} (the store's own server) for it.
     */
    @Transactional
    public Store updateStore(
            StoreId id, String name, String domain, List<String> allowedOrigins, Boolean serverRequestsAllowed) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        Store before = stores.find(org, id).orElseThrow(() -> new NotFound("store", id));
        Store store = stores.update(org, id, name, domain, allowedOrigins, serverRequestsAllowed)
                .orElseThrow(() -> new NotFound("store", id));
        notifications.announce(new Change.Store(org, id));
        Map<String, OrganizationUpdated.Change> changes = StoreChanged.between(before, store);
        if (!changes.isEmpty()) {
            events.publishEvent(new StoreChanged(store, "updated", changes));
        }
        return store;
    }

    /**
     * Deletes one of the tenant's stores with its agent instances and their conversations (of both modes); a live key
     * only.
     */
    @Transactional
    public void deleteStore(StoreId id) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        Store store = stores.find(org, id).orElseThrow(() -> new NotFound("store", id));
        if (!stores.delete(org, id)) {
            throw new NotFound("store", id);
        }
        notifications.announce(new Change.Store(org, id));
        events.publishEvent(new StoreChanged(store, "deleted", Map.of()));
    }

    /**
     * The tenant's organization with its tier changes since {@code since}, in the caller's transaction (billing
     * estimates and invoices read it fresh).
     */
    @Transactional(readOnly = true)
    public BillingProfile billingProfile(OrganizationId org, Instant since) {
        return billing.profile(org, since).orElseThrow(() -> new NotFound("organization", org));
    }

    /**
     * The same for metering a conversation as it starts, from this node's snapshot (no database work): this node's
     * own changes show at once, another node's within moments. Reads the database when the snapshot does not reach
     * back to {@code since}.
     */
    @Transactional(readOnly = true) // joins the caller's: the database read beyond the snapshot is the tenant's
    public BillingProfile meteringProfile(OrganizationId org, Instant since) {
        // A call within this class, in the transaction this method already joined.
        return snapshots.profile(org, since).orElseGet(() -> billingProfile(org, since));
    }

    /** Operator work: organizations created before {@code before}, for a billing run. */
    public List<Organization> organizationsCreatedBefore(Instant before) {
        return billing.createdBefore(platform.jdbc(), before);
    }

    /** Operator work: every organization's tier changes since {@code since}, oldest first. */
    public List<TierChange> tierChangesSince(Instant since) {
        return billing.allSince(platform.jdbc(), since);
    }

    /**
     * Operator work: moves an organization to another tier as of {@code at} and records the change, which billing
     * prorates by day. The same tier again changes nothing.
     */
    public Organization changeTier(OrganizationId org, Tier tier, Instant at) {
        Organization updated = platform.inTransaction(tx -> {
            Organization current = billing.lock(tx, org).orElseThrow(() -> new NotFound("organization", org));
            if (current.tier() == tier) {
                return current;
            }
            billing.updateTier(tx, org, tier);
            billing.insert(tx, org, current.tier(), tier, at);
            events.publishEvent(new TierChanged(org, current.tier(), tier, at));
            return billing.lock(tx, org).orElseThrow();
        });
        changed(org);
        return updated;
    }

    /** Operator work: the hard monthly cap on live conversations, or null for none. */
    public void changeUsageCap(OrganizationId org, Integer cap) {
        if (cap != null && cap < 1) {
            throw new io.supportagent.platform.InvalidRequest(
                    "usage_cap must be at least 1.", java.util.Map.of("usage_cap", "must be at least 1"));
        }
        if (billing.updateUsageCap(platform.jdbc(), org, cap) == 0) {
            throw new NotFound("organization", org);
        }
        changed(org);
    }

    /**
     * Operator work: the organization's custom pricing as a JSON object ({@code base_fee_cents},
     * {@code included_conversations}, {@code overage_unit_price}; each optional), or null for the tier's plan.
     */
    public void changeCustomPricing(OrganizationId org, String json) {
        if (billing.updateCustomPricing(platform.jdbc(), org, json) == 0) {
            throw new NotFound("organization", org);
        }
        changed(org);
    }

    /** Operator work: the IANA time zone whose calendar months are the organization's billing periods. */
    public void changeBillingTimezone(OrganizationId org, String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new io.supportagent.platform.InvalidRequest(
                    "billing_timezone must be an IANA time zone such as Europe/Berlin.",
                    java.util.Map.of("billing_timezone", "unknown time zone"));
        }
        if (billing.updateBillingTimezone(platform.jdbc(), org, zone) == 0) {
            throw new NotFound("organization", org);
        }
        changed(org);
    }

    /**
     * Platform work, before any key is known: whether any store allows this origin to embed its widget. Answers CORS
     * preflights, which browsers send without the widget key; the key's own store is checked on the real request.
     */
    public boolean isWidgetOriginOfAnyStore(String origin) {
        return platform.lookups()
                .sql("SELECT EXISTS (SELECT 1 FROM stores WHERE :origin = ANY (allowed_origins))")
                .param("origin", origin)
                .query(Boolean.class)
                .single();
    }

    /** Adds origins to a store's allowed widget origins (keeping the ones it has); live mode only. */
    @Transactional
    public Store addAllowedOrigins(StoreId id, List<String> origins) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        store(id);
        stores.addAllowedOrigins(org, id, origins);
        notifications.announce(new Change.Store(org, id));
        return store(id);
    }

    // --- Operator API for organizations (issue 3) ---

    /** Operator work: a new organization from the platform API, validated. Joins a surrounding platform transaction. */
    public Organization createOrganization(CreateOrganization command) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (var violation : validator.validate(command)) {
            errors.putIfAbsent(snakeCase(violation.getPropertyPath().toString()), violation.getMessage());
        }
        if (!errors.isEmpty()) {
            // The API checks these before; pages and other callers get the same rules here.
            throw new InvalidRequest("The request has invalid fields.", errors);
        }
        String zone = command.billingTimezone() == null ? "UTC" : validZone(command.billingTimezone());
        return platform.inTransaction(tx -> organizations.insert(
                tx,
                OrganizationId.random(),
                command.name().strip(),
                command.tier(),
                command.customPricing() == null ? null : command.customPricing().toJson(),
                command.usageCap(),
                zone));
    }

    /** Operator work: changes an organization; answers 404 for an unknown id. */
    public Organization updateOrganization(OrganizationId id, OrganizationChanges changes) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (changes.name() != null
                && (changes.name().isBlank()
                        || changes.name().codePointCount(0, changes.name().length()) > 200)) {
            errors.put("name", "must be 1 to 200 characters");
        }
        if (changes.status() != null && !STATUSES.contains(changes.status())) {
            errors.put("status", "must be one of active, suspended");
        }
        if (changes.usageCap() != null && changes.usageCap() <= 0) {
            errors.put("usage_cap", "must be greater than 0");
        }
        if (changes.billingTimezone() != null && !ZoneId.getAvailableZoneIds().contains(changes.billingTimezone())) {
            errors.put("billing_timezone", "must be an IANA time zone such as Europe/Berlin");
        }
        if (changes.customPricing() != null) {
            // The API checks these before; pages and other callers get the same rules here.
            for (var violation : validator.validate(changes.customPricing())) {
                errors.putIfAbsent(
                        "custom_pricing."
                                + snakeCase(violation.getPropertyPath().toString()),
                        violation.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("The request has invalid fields.", errors);
        }
        OrganizationChanges normalized = changes.name() == null
                ? changes
                : new OrganizationChanges(
                        changes.name().strip(),
                        changes.tier(),
                        changes.status(),
                        changes.customPricing(),
                        changes.clearCustomPricing(),
                        changes.usageCap(),
                        changes.clearUsageCap(),
                        changes.billingTimezone());
        Organization updated = platform.inTransaction(tx -> {
                    // A tier change is recorded with its time, so that billing prorates the month by day.
                    Organization current = billing.lock(tx, id).orElseThrow(() -> new NotFound("organization", id));
                    if (normalized.tier() != null && normalized.tier() != current.tier()) {
                        billing.insert(tx, id, current.tier(), normalized.tier(), clock.instant());
                        events.publishEvent(new TierChanged(id, current.tier(), normalized.tier(), clock.instant()));
                    }
                    Optional<Organization> after = organizations.update(tx, id, normalized);
                    after.map(a -> OrganizationUpdated.between(current, a))
                            .filter(c -> !c.isEmpty())
                            .ifPresent(c -> events.publishEvent(new OrganizationUpdated(id, current.name(), c)));
                    return after;
                })
                .orElseThrow(() -> new NotFound("organization", id));
        changed(updated.id());
        return updated;
    }

    /** After an organization's change committed: every node forgets its snapshot, this one at once. */
    private void changed(OrganizationId id) {
        notifications.announce(new Change.Organization(id));
    }

    /** Organizations newest first, one page: {@code limit + 1} rows are read to know whether more follow. */
    public List<Organization> listOrganizationsPage(int limit, OrganizationId startingAfter) {
        return organizations.list(limit + 1, startingAfter);
    }

    /**
     * Operator work: organizations whose name contains {@code query} (any case) or whose id it is, newest first, one
     * page ({@code limit + 1} read); a blank query lists them all.
     */
    public List<Organization> searchOrganizationsPage(String query, int limit, OrganizationId startingAfter) {
        if (query == null || query.isBlank()) {
            return listOrganizationsPage(limit, startingAfter);
        }
        if (query.length() > 200) {
            throw new InvalidRequest("The search is too long.", Map.of("query", "must be at most 200 characters"));
        }
        return organizations.search(query.strip(), limit + 1, startingAfter);
    }

    /** The organization's custom pricing (for billing and rate limits); empty when it uses its tier's plan. */
    public Optional<CustomPricing> customPricing(OrganizationId id) {
        return organizations.find(id).flatMap(org -> CustomPricing.fromJson(org.customPricing()));
    }

    /** The custom pricing of an organization already read. */
    public static Optional<CustomPricing> customPricing(Organization org) {
        return CustomPricing.fromJson(org.customPricing());
    }

    private static final Set<String> STATUSES = Set.of("active", "suspended");

    private static String snakeCase(String javaPath) {
        return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String validZone(String zone) {
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new InvalidRequest(
                    "The request has invalid fields.",
                    Map.of("billing_timezone", "must be an IANA time zone such as Europe/Berlin"));
        }
        return zone;
    }
}
