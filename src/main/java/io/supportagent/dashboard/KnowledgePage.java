package io.supportagent.dashboard;

import io.supportagent.knowledge.Article;
import io.supportagent.knowledge.ArticleMatch;
import io.supportagent.knowledge.IndexReport;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.NewArticle;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.StoreId;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A store's knowledge: articles (search, add, edit, delete, import many from a JSON, CSV or Markdown file: all or
 * none, with every wrong row named) and orders (find by number or email, in the page's mode). Articles are shared
 * by both modes and changed in live mode only; orders are each mode's own. The rules are the knowledge module's.
 */
@DashboardPage
class KnowledgePage {

    static final int PAGE = 50;

    private final KnowledgeService knowledge;
    private final TenancyService tenancy;

    KnowledgePage(KnowledgeService knowledge, TenancyService tenancy) {
        this.knowledge = knowledge;
        this.tenancy = tenancy;
    }

    @GetMapping("/knowledge")
    @MemberAccess.Configure
    String first(Caller.Member member, @RequestParam(required = false) String store, Model model) {
        if (store != null && !store.isBlank()) {
            return "redirect:" + PageActions.base(member) + "/knowledge/"
                    + tenancy.store(StoreId.parse(store)).id();
        }
        List<Store> stores = tenancy.stores(1, null);
        if (stores.isEmpty()) {
            model.addAttribute("stores", stores);
            return "dashboard/knowledge-empty";
        }
        return "redirect:" + PageActions.base(member) + "/knowledge/"
                + stores.getFirst().id();
    }

    @GetMapping("/knowledge/{store}")
    @MemberAccess.Configure
    String articles(
            @PathVariable String store,
            @RequestParam(required = false) String q,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            Model model) {
        Store current = tenancy.store(StoreId.parse(store));
        String query = q == null || q.isBlank() ? null : q.strip();
        model.addAttribute("store", current);
        model.addAttribute("stores", tenancy.stores(StoresPage.PAGE, null));
        model.addAttribute("q", query);
        model.addAttribute("count", knowledge.articleCount(current.id()));
        model.addAttribute("index", knowledge.indexReport(current.id()));
        if (query != null) {
            List<ArticleMatch> matches = knowledge.search(current.id(), query, 20);
            model.addAttribute(
                    "articles", matches.stream().map(ArticleMatch::article).toList());
            model.addAttribute("next", null);
        } else {
            UUID after = startingAfter == null || startingAfter.isBlank()
                    ? null
                    : PageActions.uuid(startingAfter, "article");
            List<Article> page = knowledge.articles(current.id(), PAGE + 1, after);
            model.addAttribute("articles", page.stream().limit(PAGE).toList());
            model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        }
        return "dashboard/knowledge";
    }

    @PostMapping("/knowledge/{store}/articles")
    @MemberAccess.Configure
    String add(
            Caller.Member member,
            @PathVariable String store,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String url,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(store);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    Article added = knowledge
                            .addArticles(storeId, List.of(checked(title, body, url)))
                            .getFirst();
                    return PageActions.Done.to("/knowledge/" + storeId, "Added “" + added.title() + "”.");
                },
                () -> articles(store, null, null, model));
    }

    @PostMapping("/knowledge/{store}/import")
    @MemberAccess.Configure
    String importFile(
            Caller.Member member,
            @PathVariable String store,
            @RequestParam(required = false) MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(store);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    if (file == null || file.isEmpty()) {
                        throw new InvalidRequest("Choose a file to import.", Map.of("file", "is required"));
                    }
                    List<Article> added;
                    try {
                        added = knowledge.importArticles(storeId, file.getOriginalFilename(), file.getBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return PageActions.Done.to(
                            "/knowledge/" + storeId,
                            "Imported " + added.size() + (added.size() == 1 ? " article" : " articles") + " from "
                                    + file.getOriginalFilename() + ".");
                },
                () -> articles(store, null, null, model));
    }

    @PostMapping("/knowledge/{store}/reindex")
    @MemberAccess.Configure
    String reindexStore(
            Caller.Member member,
            @PathVariable String store,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(store);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    long started = knowledge.reindexStore(storeId);
                    return PageActions.Done.to(
                            "/knowledge/" + storeId,
                            started == 0
                                    ? "Every article is indexed already."
                                    : "Re-indexing " + started + (started == 1 ? " article" : " articles")
                                            + " in the background.");
                },
                () -> articles(store, null, null, model));
    }

    @PostMapping("/knowledge/{store}/articles/{id}/reindex")
    @MemberAccess.Configure
    String reindexArticle(
            Caller.Member member,
            @PathVariable String store,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(store);
        UUID article = PageActions.uuid(id, "article");
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    knowledge.reindexArticle(storeId, article);
                    return PageActions.Done.to("/knowledge/" + storeId + "/articles/" + article, "Re-indexed.");
                },
                () -> article(store, id, model));
    }

    @GetMapping("/knowledge/{store}/articles/{id}")
    @MemberAccess.Configure
    String article(@PathVariable String store, @PathVariable String id, Model model) {
        StoreId storeId = StoreId.parse(store);
        model.addAttribute("store", tenancy.store(storeId));
        UUID article = PageActions.uuid(id, "article");
        model.addAttribute("article", knowledge.article(storeId, article));
        IndexReport index = knowledge.indexReport(storeId);
        model.addAttribute("index", index);
        model.addAttribute("indexState", index.of(article));
        return "dashboard/article";
    }

    @PostMapping("/knowledge/{store}/articles/{id}")
    @MemberAccess.Configure
    String update(
            Caller.Member member,
            @PathVariable String store,
            @PathVariable String id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String url,
            @RequestParam(name = "ai_enabled", required = false) String aiEnabled,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(store);
        UUID article = PageActions.uuid(id, "article");
        // A checkbox: ticked sends the field, unticked sends nothing.
        boolean forAi = aiEnabled != null;
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    Article changed = knowledge.updateArticle(
                            storeId, article, checked(title, body, url).withAi(forAi));
                    return PageActions.Done.to(
                            "/knowledge/" + storeId + "/articles/" + article, "Saved “" + changed.title() + "”.");
                },
                () -> article(store, id, model));
    }

    @PostMapping("/knowledge/{store}/articles/{id}/delete")
    @MemberAccess.Configure
    String delete(
            Caller.Member member,
            @PathVariable String store,
            @PathVariable String id,
            @RequestParam(required = false) String confirm,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(store);
        UUID article = PageActions.uuid(id, "article");
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    Article current = knowledge.article(storeId, article);
                    if (confirm == null || !confirm.strip().equalsIgnoreCase("delete")) {
                        throw new InvalidRequest(
                                "Type delete to confirm.", Map.of("confirm", "must be the word delete"));
                    }
                    knowledge.deleteArticle(storeId, article);
                    return PageActions.Done.to("/knowledge/" + storeId, "Deleted “" + current.title() + "”.");
                },
                () -> article(store, id, model));
    }

    @GetMapping("/knowledge/{store}/orders")
    @MemberAccess.Configure
    String orders(@PathVariable String store, @RequestParam(required = false) String find, Model model) {
        StoreId storeId = StoreId.parse(store);
        model.addAttribute("store", tenancy.store(storeId));
        model.addAttribute("stores", tenancy.stores(StoresPage.PAGE, null));
        model.addAttribute("find", find == null ? "" : find.strip());
        model.addAttribute("orders", find == null || find.isBlank() ? null : knowledge.findOrders(storeId, find, 50));
        return "dashboard/orders";
    }

    private static NewArticle checked(String title, String body, String url) {
        return KnowledgeService.checkedArticle(title, body, url);
    }
}
