package io.supportagent.tenancy;

import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
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
        return stores.insert(TenantContext.require().organizationId(), name, domain, allowedOrigins);
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
     * Platform work, before any key is known: whether any store allows this origin to embed its widget. Answers CORS
     * preflights, which browsers send without the widget key; the key's own store is checked on the real request.
     */
    public boolean isWidgetOriginOfAnyStore(String origin) {
        return platform.jdbc()
                .sql("SELECT EXISTS (SELECT 1 FROM stores WHERE :origin = ANY (allowed_origins))")
                .param("origin", origin)
                .query(Boolean.class)
                .single();
    }

    /** Adds origins to a store's allowed widget origins (keeping the ones it has). */
    @Transactional
    public Store addAllowedOrigins(StoreId id, List<String> origins) {
        OrganizationId org = TenantContext.require().organizationId();
        store(id);
        stores.addAllowedOrigins(org, id, origins);
        return store(id);
    }
}
