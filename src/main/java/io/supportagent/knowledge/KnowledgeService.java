package io.supportagent.knowledge;

import io.supportagent.members.AuditTrail;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.SharedConfiguration;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import io.supportagent.tenancy.TenancyService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge module's API: a store's articles and orders, always of the tenant in context. A store of another
 * organization is "not found", exactly like a store that does not exist.
 */
@Service
public class KnowledgeService {

    private final Articles articles;
    private final Orders orders;
    private final TenancyService tenancy;
    private final AuditTrail audit;

    KnowledgeService(Articles articles, Orders orders, TenancyService tenancy, AuditTrail audit) {
        this.articles = articles;
        this.orders = orders;
        this.tenancy = tenancy;
        this.audit = audit;
    }

    /** Adds articles to one of the tenant's stores, all or none; a live key only (see {@link SharedConfiguration}). */
    @Transactional
    public List<Article> addArticles(StoreId store, List<NewArticle> added) {
        SharedConfiguration.requireLiveMode();
        tenancy.store(store);
        OrganizationId org = TenantContext.require().organizationId();
        List<Article> inserted =
                added.stream().map(a -> articles.insert(org, store, a)).toList();
        for (Article article : inserted) {
            audit.record(AuditTrail.Entry.of(
                            "article.created", "article", article.id(), "Added the article “" + article.title() + "”")
                    .with("store_id", store.toString()));
        }
        return inserted;
    }

    /** The store's articles, newest first. */
    @Transactional(readOnly = true)
    public List<Article> articles(StoreId store, int limit, UUID startingAfter) {
        tenancy.store(store);
        return articles.list(TenantContext.require().organizationId(), store, limit, startingAfter);
    }

    @Transactional(readOnly = true)
    public int articleCount(StoreId store) {
        return articles.count(TenantContext.require().organizationId(), store);
    }

    /**
     * Full-text search of one store's articles, best first. Used by the agent's {@code search_knowledge} tool, whose
     * store is bound by the server: the text is only ever a query, never a store or tenant.
     */
    @Transactional(readOnly = true)
    public List<ArticleMatch> search(StoreId store, String query, int limit) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String bounded = query.length() > 1000 ? query.substring(0, 1000) : query;
        return articles.search(TenantContext.require().organizationId(), store, bounded, limit);
    }

    /** Stores the order unless the stored one is newer; answers the order as stored now. A live key only. */
    @Transactional
    public Order syncOrder(Order order) {
        SharedConfiguration.requireLiveMode();
        tenancy.store(order.storeId());
        OrganizationId org = TenantContext.require().organizationId();
        return orders.upsert(org, order)
                .or(() -> orders.find(org, order.storeId(), order.number()))
                .orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Order> order(StoreId store, String number) {
        tenancy.store(store);
        return orders.find(TenantContext.require().organizationId(), store, number);
    }

    /**
     * The order, only when the given email is the order's (case-insensitive): the agent's {@code lookup_order}. A wrong
     * email and an unknown number answer alike, so that order numbers cannot be probed.
     */
    @Transactional(readOnly = true)
    public Optional<Order> lookupOrder(StoreId store, String number, String email) {
        if (number == null || email == null || number.isBlank() || email.isBlank() || number.length() > 64) {
            return Optional.empty();
        }
        String presented = email.strip().toLowerCase(Locale.ROOT);
        return orders.find(TenantContext.require().organizationId(), store, number.strip())
                .filter(o -> o.customerEmail().strip().toLowerCase(Locale.ROOT).equals(presented));
    }
}
