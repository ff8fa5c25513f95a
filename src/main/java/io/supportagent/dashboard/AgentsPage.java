package io.supportagent.dashboard;

import io.supportagent.agents.AgentDefinition;
import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.StoreId;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Agent instances (shared by both modes, changed in live mode only, as the API does): deploy a definition version on
 * a store; then pause or resume, move to another version of the same definition (upgrade or roll back), roll the
 * public widget key, and change the greeting, colour and relevance threshold with a live preview of the widget.
 */
@DashboardPage
class AgentsPage {

    static final int PAGE = 100;

    /** The most events of an instance's history its page shows (the audit log has them all). */
    static final int HISTORY = 20;

    private final AgentService agents;
    private final TenancyService tenancy;

    AgentsPage(AgentService agents, TenancyService tenancy) {
        this.agents = agents;
        this.tenancy = tenancy;
    }

    @GetMapping("/agents")
    @MemberAccess.Configure
    String list(Model model) {
        List<Store> stores = tenancy.stores(StoresPage.PAGE, null);
        Map<AgentDefinitionId, AgentDefinition> definitions =
                agents.definitions().stream().collect(Collectors.toMap(AgentDefinition::id, Function.identity()));
        model.addAttribute("instances", agents.instances(null, PAGE, null));
        model.addAttribute("stores", stores);
        model.addAttribute("storeNames", stores.stream().collect(Collectors.toMap(Store::id, Store::name)));
        model.addAttribute("definitions", definitions);
        model.addAttribute(
                "suggested",
                AgentService.suggestedForDeploy(definitions.values())
                        .map(AgentDefinition::id)
                        .orElse(null));
        model.addAttribute(
                "versions",
                definitions.values().stream()
                        .sorted(Comparator.comparing(AgentDefinition::createdAt).reversed())
                        .toList());
        return "dashboard/agents";
    }

    @PostMapping("/agents")
    @MemberAccess.Configure
    String deploy(
            Caller.Member member,
            @RequestParam(required = false) String store,
            @RequestParam(required = false) String definition,
            @RequestParam(required = false) String name,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    if (store == null || store.isBlank()) {
                        throw new InvalidRequest("Choose a store to deploy on.", Map.of("store", "is required"));
                    }
                    if (definition == null || definition.isBlank()) {
                        throw new InvalidRequest("Choose a version to deploy.", Map.of("definition", "is required"));
                    }
                    if (name == null || name.isBlank() || name.strip().length() > 200) {
                        throw new InvalidRequest(
                                "Name the agent (at most 200 characters).",
                                Map.of("name", "must be 1 to 200 characters"));
                    }
                    AgentInstance deployed = agents.deploy(
                            StoreId.parse(store), AgentDefinitionId.parse(definition), name.strip(), null);
                    return PageActions.Done.to(
                            "/agents/" + deployed.id(),
                            "Deployed “" + deployed.name() + "”. Its embed snippet is on the store page.");
                },
                () -> list(model));
    }

    @GetMapping("/agents/{id}")
    @MemberAccess.Configure
    String instance(@PathVariable String id, Model model) {
        AgentInstance instance = agents.instance(AgentInstanceId.parse(id));
        AgentDefinition pinned = agents.definition(instance.agentDefinitionId());
        model.addAttribute("instance", instance);
        model.addAttribute("pinned", pinned);
        model.addAttribute("store", tenancy.store(instance.storeId()));
        model.addAttribute(
                "versions",
                agents.definitions().stream()
                        .filter(d -> d.type().equals(pinned.type()))
                        .sorted(Comparator.comparing(AgentDefinition::createdAt).reversed())
                        .toList());
        if (!model.containsAttribute("settings")) {
            model.addAttribute("settings", agents.widgetSettings(instance.id()));
        }
        model.addAttribute("history", agents.history(instance.id(), HISTORY));
        model.addAttribute("deployment", agents.deployment(instance.id()).orElse(null));
        return "dashboard/agent";
    }

    @PostMapping("/agents/{id}/status")
    @MemberAccess.Configure
    String status(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String status,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    // The service refuses anything but active or paused; an absent status is not "no change" here.
                    AgentInstance changed =
                            agents.updateInstance(instance, null, null, status == null ? "" : status, null);
                    return PageActions.Done.to(
                            "/agents/" + id,
                            "paused".equals(status)
                                    ? "Paused “" + changed.name() + "”: its widget no longer starts conversations."
                                    : "Resumed “" + changed.name() + "”.");
                },
                () -> instance(id, model));
    }

    @PostMapping("/agents/{id}/version")
    @MemberAccess.Configure
    String version(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String definition,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    if (definition == null || definition.isBlank()) {
                        throw new InvalidRequest("Choose a version.", Map.of("definition", "is required"));
                    }
                    AgentInstance changed =
                            agents.updateInstance(instance, null, null, null, AgentDefinitionId.parse(definition));
                    AgentDefinition now = agents.definition(changed.agentDefinitionId());
                    return PageActions.Done.to(
                            "/agents/" + id, "“" + changed.name() + "” now runs version " + now.version() + ".");
                },
                () -> instance(id, model));
    }

    @PostMapping("/agents/{id}/widget-key")
    @MemberAccess.Configure
    String rollWidgetKey(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String overlap,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    java.time.Duration keep = RollOverlap.of(overlap, "widget key");
                    AgentInstance rolled = agents.rollWidgetKey(instance, keep);
                    return PageActions.Done.to(
                            "/agents/" + id,
                            "Rolled the widget key of “" + rolled.name() + "”: update the snippet on your store"
                                    + (keep.isZero() ? "." : "; the old key works until the overlap ends."));
                },
                () -> instance(id, model));
    }

    @PostMapping("/agents/{id}/settings")
    @MemberAccess.Configure
    String settings(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String greeting,
            @RequestParam(name = "primary_color", required = false) String color,
            @RequestParam(name = "min_relevance", required = false) String relevance,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        AgentService.WidgetSettings wanted = new AgentService.WidgetSettings(greeting, color, number(relevance));
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    AgentInstance changed = agents.changeWidgetSettings(instance, wanted);
                    return PageActions.Done.to("/agents/" + id, "Saved the settings of “" + changed.name() + "”.");
                },
                () -> {
                    model.addAttribute("settings", wanted);
                    return instance(id, model);
                });
    }

    private static double number(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
