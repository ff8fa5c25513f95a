package io.supportagent.dashboard;

import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.Caller;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.StoreId;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.StoreInput;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.WidgetSighting;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The organization's stores (shared by live and test mode: changed in live mode only, as the API does): create, edit
 * the allowed origins, and each agent instance's embed snippet with its public widget key (never a secret).
 */
@DashboardPage
class StoresPage {

    static final int PAGE = 100;

    private final TenancyService tenancy;
    private final AgentService agents;

    StoresPage(TenancyService tenancy, AgentService agents) {
        this.tenancy = tenancy;
        this.agents = agents;
    }

    @GetMapping("/stores")
    @MemberAccess.Configure
    String list(Model model) {
        List<Store> stores = tenancy.stores(PAGE, null);
        Map<StoreId, Long> instances = agents.instances(null, 1000, null).stream()
                .collect(Collectors.groupingBy(AgentInstance::storeId, Collectors.counting()));
        model.addAttribute("stores", stores);
        model.addAttribute("instanceCounts", instances);
        model.addAttribute("sightings", tenancy.latestWidgetSightings());
        return "dashboard/stores";
    }

    @PostMapping("/stores")
    @MemberAccess.Configure
    String create(
            Caller.Member member,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String domain,
            @RequestParam(name = "allowed_origins", required = false) String origins,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    StoreInput.Checked checked = StoreInput.check(name, domain, origins);
                    Store store = tenancy.createStore(checked.name(), checked.domain(), checked.allowedOrigins());
                    return PageActions.Done.to("/stores/" + store.id(), "Created the store “" + store.name() + "”.");
                },
                () -> list(model));
    }

    @GetMapping("/stores/{id}")
    @MemberAccess.Configure
    String store(@PathVariable String id, Model model) {
        Store store = tenancy.store(StoreId.parse(id));
        model.addAttribute("store", store);
        model.addAttribute("origins", String.join("\n", store.allowedOrigins()));
        String script = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/widget.js")
                .toUriString();
        model.addAttribute(
                "embeds",
                agents.instancesOfStore(store.id()).stream()
                        .map(i -> new Embed(i, snippet(script, i.publicKey())))
                        .toList());
        model.addAttribute(
                "sightings",
                tenancy.widgetSightings(store.id()).stream()
                        .map(s -> new Sighting(s, store.allowedOrigins().contains(s.origin())))
                        .toList());
        return "dashboard/store";
    }

    /** A website the widget was seen on, and whether the store still allows it (it may have been removed since). */
    record Sighting(WidgetSighting seen, boolean allowed) {}

    /** An agent instance with the snippet that embeds its widget. */
    record Embed(AgentInstance instance, String snippet) {}

    static String snippet(String script, String publicKey) {
        return "<script src=\"" + script + "\" data-key=\"" + publicKey + "\" async></script>";
    }

    @PostMapping("/stores/{id}")
    @MemberAccess.Configure
    String update(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String domain,
            @RequestParam(name = "allowed_origins", required = false) String origins,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StoreId storeId = StoreId.parse(id);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    StoreInput.Checked checked = StoreInput.check(name, domain, origins);
                    Store store =
                            tenancy.updateStore(storeId, checked.name(), checked.domain(), checked.allowedOrigins());
                    return PageActions.Done.to("/stores/" + store.id(), "Saved “" + store.name() + "”.");
                },
                () -> store(id, model));
    }
}
