package io.supportagent.dashboard.console;

import io.supportagent.agents.AgentDefinition;
import io.supportagent.agents.AgentService;
import io.supportagent.agents.PublishDefinition;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OperatorStaffOnly;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Agent definitions: every published version with how many instances run it, publishing a new version (its prompt,
 * tools and default config, checked by the same service call as {@code POST /platform/v1/agent-definitions}), and one
 * version with the instances across organizations that run it.
 */
@ConsolePage
@OperatorStaffOnly
class DefinitionsConsole {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DefinitionsConsole.class);

    static final int PAGE = 100;
    static final int INSTANCES = 200;

    private final AgentService agents;
    private final ObjectMapper json;

    DefinitionsConsole(AgentService agents, ObjectMapper json) {
        this.agents = agents;
        this.json = json;
    }

    @GetMapping("/agent-definitions")
    String list(Model model) {
        List<AgentDefinition> definitions = agents.definitions(null, PAGE, null);
        model.addAttribute("definitions", definitions);
        model.addAttribute("counts", agents.instanceCountsByDefinition());
        model.addAttribute("tools", List.of("search_knowledge", "lookup_order", "handoff_to_human"));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        return "console/definitions";
    }

    @PostMapping("/agent-definitions")
    String publish(
            Caller.OperatorStaff staff,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String version,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(name = "system_prompt", required = false) String systemPrompt,
            @RequestParam(required = false) List<String> tools,
            @RequestParam(name = "default_config", required = false) String defaultConfig,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            AgentDefinition published = agents.publishVersion(new PublishDefinition(
                    FormValues.text(type),
                    FormValues.text(version),
                    FormValues.text(name),
                    FormValues.text(description),
                    FormValues.text(systemPrompt),
                    tools == null ? List.of() : tools,
                    config(defaultConfig)));
            redirect.addFlashAttribute("toast", "Published " + published.type() + " " + published.version() + ".");
            log.info(
                    "Operator staff {} published agent definition {} {} ({})",
                    staff.email(),
                    published.type(),
                    published.version(),
                    published.id());
            return "redirect:" + ConsolePage.BASE + "/agent-definitions/" + published.id();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", Refusals.message(problem));
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("type", type);
            form.put("version", version);
            form.put("name", name);
            form.put("description", description);
            form.put("system_prompt", systemPrompt);
            form.put("tools", tools == null ? List.of() : new ArrayList<>(tools));
            form.put("default_config", defaultConfig);
            model.addAttribute("form", form);
            return list(model);
        }
    }

    @GetMapping("/agent-definitions/{id}")
    String definition(@PathVariable String id, Model model) {
        AgentDefinitionId definition = new AgentDefinitionId(uuid(id));
        model.addAttribute("definition", agents.definition(definition));
        model.addAttribute("instances", agents.instancesRunning(definition, INSTANCES));
        model.addAttribute("limit", INSTANCES);
        return "console/definition";
    }

    /** The default config as typed: blank is none; anything else must be JSON (the service checks it is an object). */
    private JsonNode config(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidRequest(
                    "The default config is not valid JSON.", Map.of("default_config", "must be a JSON object"));
        }
    }

    private static UUID uuid(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new NotFound("agent definition", text);
    }
}
