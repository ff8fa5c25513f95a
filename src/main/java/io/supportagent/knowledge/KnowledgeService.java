package io.supportagent.knowledge;

import io.supportagent.members.AuditTrail;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.SharedConfiguration;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.tenancy.TenancyService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The knowledge module's API: a store's articles and orders, always of the tenant in context. A store of another
 * organization is "not found", exactly like a store that does not exist.
 */
@Service
public class KnowledgeService {

    /** The most articles a question's retrieval answers. */
    public static final int MAX_RESULTS = 100;

    private final Articles articles;
    private final Passages passages;
    private final Orders orders;
    private final TenancyService tenancy;
    private final Retriever retriever;
    private final ChangeNotifications changes;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;

    KnowledgeService(
            Articles articles,
            Passages passages,
            Orders orders,
            TenancyService tenancy,
            Retriever retriever,
            ChangeNotifications changes,
            PlatformTransactionManager transactionManager,
            AuditTrail audit) {
        this.articles = articles;
        this.passages = passages;
        this.orders = orders;
        this.tenancy = tenancy;
        this.retriever = retriever;
        this.changes = changes;
        this.transactions = new TransactionTemplate(transactionManager);
        this.audit = audit;
    }

    /**
     * Adds articles to one of the tenant's stores, all or none; a live key only (see {@link SharedConfiguration}).
     * Each article is split into passages and embedded first, before the transaction, so that the model's time holds
     * no database connection.
     */
    public List<Article> addArticles(StoreId store, List<NewArticle> added) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        List<List<Passages.NewPassage>> prepared = new ArrayList<>();
        for (NewArticle a : added) {
            prepared.add(retriever.prepare(a.title(), a.body()));
        }
        return transactions.execute(status -> {
            tenancy.store(store);
            List<Article> stored = new ArrayList<>();
            for (int i = 0; i < added.size(); i++) {
                Article article = articles.insert(org, store, added.get(i));
                passages.replace(org, store, article.id(), prepared.get(i));
                audit.record(AuditTrail.Entry.of(
                                "article.created",
                                "article",
                                article.id(),
                                "Added the article “" + article.title() + "”")
                        .with("store_id", store.toString()));
                stored.add(article);
            }
            changes.announce(new Change.Knowledge(org, store));
            return stored;
        });
    }

    /** Replaces an article's title, body and url (its passages and embeddings with them); a live key only. */
    public Article updateArticle(StoreId store, UUID id, NewArticle changed) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        List<Passages.NewPassage> prepared = retriever.prepare(changed.title(), changed.body());
        return transactions.execute(status -> {
            tenancy.store(store);
            Article article =
                    articles.update(org, store, id, changed).orElseThrow(() -> new NotFound("article", id.toString()));
            passages.replace(org, store, id, prepared);
            audit.record(AuditTrail.Entry.of(
                            "article.updated", "article", article.id(), "Changed the article “" + article.title() + "”")
                    .with("store_id", store.toString()));
            changes.announce(new Change.Knowledge(org, store));
            return article;
        });
    }

    /** Deletes an article (and its passages); a live key only. */
    @Transactional
    public void deleteArticle(StoreId store, UUID id) {
        SharedConfiguration.requireLiveMode();
        tenancy.store(store);
        OrganizationId org = TenantContext.require().organizationId();
        if (!articles.delete(org, store, id)) {
            throw new NotFound("article", id.toString());
        }
        audit.record(AuditTrail.Entry.of("article.deleted", "article", id, "Deleted an article")
                .with("store_id", store.toString()));
        changes.announce(new Change.Knowledge(org, store));
    }

    /** How the store's articles are indexed, and whether a re-index of it runs now. */
    @Transactional(readOnly = true)
    public IndexReport indexReport(StoreId store) {
        tenancy.store(store);
        OrganizationId org = TenantContext.require().organizationId();
        return new IndexReport(
                passages.states(org, store, EmbeddingModel.NAME),
                retriever.model() != null,
                reindexing.contains(new Retriever.StoreKey(org, store)));
    }

    /**
     * Computes an article's passages and embeddings again, now, and stores them (after the embedding model changed,
     * or could not run when the article was written); a live key only.
     */
    public void reindexArticle(StoreId store, UUID id) {
        SharedConfiguration.requireLiveMode();
        // Self-calls bypass the proxy: the tenant's row security applies inside a transaction only.
        Article article = transactions.execute(status -> {
            Article found = article(store, id);
            audit.record(AuditTrail.Entry.of(
                            "article.reindexed", "article", id, "Re-indexed the article “" + found.title() + "”")
                    .with("store_id", store.toString()));
            return found;
        });
        reindex(TenantContext.require().organizationId(), store, List.of(article));
    }

    /**
     * Starts re-indexing, in the background, the store's articles whose index is not the current model's (see
     * {@link IndexState}), {@value #REINDEX_CHUNK} at a time; answers how many. A live key only; 409
     * {@code reindex_running} while one runs for the store.
     */
    public long reindexStore(StoreId store) {
        SharedConfiguration.requireLiveMode();
        IndexReport report = transactions.execute(status -> indexReport(store));
        List<UUID> ids = report.states().entrySet().stream()
                .filter(e -> e.getValue().needsReindex())
                .map(java.util.Map.Entry::getKey)
                .toList();
        if (ids.isEmpty()) {
            return 0;
        }
        Tenant tenant = TenantContext.require();
        Retriever.StoreKey key = new Retriever.StoreKey(tenant.organizationId(), store);
        if (!reindexing.add(key)) {
            throw new Conflict("reindex_running", "This store's articles are being re-indexed already.");
        }
        try {
            transactions.executeWithoutResult(status -> audit.record(AuditTrail.Entry.of(
                            "knowledge.reindexed",
                            "store",
                            store,
                            "Re-indexed " + ids.size() + (ids.size() == 1 ? " article" : " articles"))
                    .with("articles", ids.size())));
            Thread.ofVirtual().name("knowledge-reindex").start(() -> {
                try {
                    TenantContext.runAs(tenant, () -> {
                        for (int from = 0; from < ids.size(); from += REINDEX_CHUNK) {
                            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + REINDEX_CHUNK));
                            List<Article> read = transactions.execute(
                                    status -> passages.articles(tenant.organizationId(), store, chunk));
                            reindex(tenant.organizationId(), store, read);
                        }
                    });
                } catch (RuntimeException e) {
                    log.warn("Re-indexing store {} stopped: {}", store, e.toString());
                } finally {
                    reindexing.remove(key);
                }
            });
        } catch (RuntimeException e) {
            reindexing.remove(key);
            throw e;
        }
        return ids.size();
    }

    /** How many articles a background re-index computes and writes at a time (one short transaction each). */
    static final int REINDEX_CHUNK = 20;

    private final java.util.Set<Retriever.StoreKey> reindexing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KnowledgeService.class);

    /**
     * Computes the articles' passages and embeddings (outside the transaction, as a write does) and stores those of
     * the articles that did not change meanwhile (a change wrote its own, newer ones).
     */
    private void reindex(OrganizationId org, StoreId store, List<Article> read) {
        List<List<Passages.NewPassage>> prepared = new ArrayList<>();
        for (Article a : read) {
            prepared.add(retriever.prepare(a.title(), a.body()));
        }
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < read.size(); i++) {
                Article a = read.get(i);
                if (articles.markIndexed(org, store, a.id(), a.updatedAt())) {
                    passages.replace(org, store, a.id(), prepared.get(i));
                }
            }
            changes.announce(new Change.Knowledge(org, store));
        });
    }

    @Transactional(readOnly = true)
    public Article article(StoreId store, UUID id) {
        tenancy.store(store);
        return articles.find(TenantContext.require().organizationId(), store, id)
                .orElseThrow(() -> new NotFound("article", id.toString()));
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

    /** The store's best articles for a query, best first (see {@link #retrieve}). */
    public List<ArticleMatch> search(StoreId store, String query, int limit) {
        return retrieve(store, query, limit, 0).matches();
    }

    /**
     * Hybrid retrieval over one store's articles for a shopper's question in any of the {@link Language}s: lexical
     * (BM25, English stems, typo-tolerant) and by meaning (in-process embeddings) fused by reciprocal rank, from the
     * store's in-memory index. Used by the agent and its {@code search_knowledge} tool, whose store is bound by the
     * server: the text is only ever a query, never a store or tenant.
     *
     * @param minRelevance articles below it are left out (see {@link ArticleMatch#relevance()})
     */
    public Retrieval retrieve(StoreId store, String question, int limit, double minRelevance) {
        if (question == null || question.isBlank()) {
            return Retrieval.none(Language.EN, "");
        }
        String bounded = question.length() > 1000 ? question.substring(0, 1000) : question;
        OrganizationId org = TenantContext.require().organizationId();
        return retriever.retrieve(org, store, bounded, Math.clamp(limit, 1, MAX_RESULTS), minRelevance);
    }

    /**
     * Stores the order unless the stored one is newer; answers the order as stored now. Orders are shoppers' data,
     * kept apart by mode: a test key syncs test orders, which only test keys and test conversations see.
     */
    @Transactional
    public Order syncOrder(Order order) {
        tenancy.store(order.storeId());
        Tenant tenant = TenantContext.require();
        return orders.upsert(tenant, order)
                .or(() -> orders.find(tenant, order.storeId(), order.number()))
                .orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Order> order(StoreId store, String number) {
        tenancy.store(store);
        return orders.find(TenantContext.require(), store, number);
    }

    /**
     * Orders of the store and the caller's mode found by their number, or by the email they were placed with (the
     * dashboard's look-up by people of the organization; shoppers' {@link #lookupOrder} needs both).
     */
    @Transactional(readOnly = true)
    public List<Order> findOrders(StoreId store, String numberOrEmail, int limit) {
        tenancy.store(store);
        if (numberOrEmail == null || numberOrEmail.isBlank() || numberOrEmail.length() > 320) {
            return List.of();
        }
        String text = numberOrEmail.strip();
        Tenant tenant = TenantContext.require();
        if (text.contains("@")) {
            return orders.findByEmail(tenant, store, text, Math.clamp(limit, 1, 100));
        }
        return orders.find(tenant, store, text).map(List::of).orElse(List.of());
    }

    /** An article typed into a form, checked by the API's rules (title, body, optional http(s) URL). */
    public static NewArticle checkedArticle(String title, String body, String url) {
        return ArticleImport.one(title, body, url);
    }

    /**
     * Adds the articles of an uploaded file (JSON, CSV or Markdown, see {@link ArticleImport}), all or none: a file
     * with any wrong row adds nothing and answers 400 naming every wrong row. A live key only.
     */
    public List<Article> importArticles(StoreId store, String fileName, byte[] content) {
        SharedConfiguration.requireLiveMode();
        tenancy.store(store);
        return addArticles(store, ArticleImport.parse(fileName, content));
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
        return orders.find(TenantContext.require(), store, number.strip())
                .filter(o -> o.customerEmail().strip().toLowerCase(Locale.ROOT).equals(presented));
    }
}
