package io.supportagent.tenancy;

import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The tenancy module's API: organizations (operator side and the tenant's own) and the tenant's stores. */
@Service
public class TenancyService {

    private final Organizations organizations;
    private final Stores stores;
    private final PlatformJdbc platform;

    TenancyService(Organizations organizations, Stores stores, PlatformJdbc platform) {
        this.organizations = organizations;
        this.stores = stores;
        this.platform = platform;
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

    /** The organization of the tenant in context. */
    @Transactional(readOnly = true)
    public Organization currentOrganization() {
        OrganizationId org = TenantContext.require().organizationId();
        return organizations.findOwn(org).orElseThrow(() -> new NotFound("organization", org));
    }

    @Transactional
    public Store createStore(String name, String domain, List<String> allowedOrigins) {
        OrganizationId org = TenantContext.require().organizationId();
        requireCapacity(TierLimit.STORES, () -> stores.count(org));
        return stores.insert(org, name, domain, allowedOrigins);
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

    /** Changes the given fields (null: unchanged) of one of the tenant's stores. */
    @Transactional
    public Store updateStore(StoreId id, String name, String domain, List<String> allowedOrigins) {
        OrganizationId org = TenantContext.require().organizationId();
        return stores.update(org, id, name, domain, allowedOrigins).orElseThrow(() -> new NotFound("store", id));
    }

    /** Deletes one of the tenant's stores with its agent instances and their conversations. */
    @Transactional
    public void deleteStore(StoreId id) {
        OrganizationId org = TenantContext.require().organizationId();
        if (!stores.delete(org, id)) {
            throw new NotFound("store", id);
        }
    }
}
