package io.supportagent.agents;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.OperatorOnly;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.CleanText;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Agent definitions: the operator publishes versions ({@code /platform/v1/agent-definitions}); organizations list
 * them ({@code /v1/agent-definitions}) to deploy one.
 */
@RestController
@Tag(name = ApiTags.AGENTS)
class AgentDefinitionController {

    private final AgentService agents;
    private final ObjectMapper json;

    AgentDefinitionController(AgentService agents, ObjectMapper json) {
        this.agents = agents;
        this.json = json;
    }

    record DefinitionView(
            String id,
            String object,
            String type,
            String version,
            String name,
            String description,
            String systemPrompt,
            List<String> tools,

            @Schema(implementation = java.util.Map.class, description = "The configuration every instance starts from.")
            @JsonRawValue
            String defaultConfig,

            Instant createdAt) {

        static DefinitionView of(AgentDefinition d) {
            return new DefinitionView(
                    d.id().toString(),
                    "agent_definition",
                    d.type(),
                    d.version(),
                    d.name(),
                    d.description(),
                    d.systemPrompt(),
                    d.tools(),
                    d.defaultConfig(),
                    d.createdAt());
        }
    }

    @OperatorOnly
    @Operation(
            operationId = "publishAgentDefinition",
            summary = "Publish an agent definition version (operator)",
            description = "Publishes a new version of an agent type: its system prompt, tools and default"
                    + " configuration. Published versions are immutable: the same type and version again answers"
                    + " 409 `agent_definition_exists`. Every installation has `customer_service` 1.0.0.")
    @RequestExample("""
            {"type": "customer_service", "version": "1.1.0", "name": "Customer service",
             "description": "Answers from the store's knowledge and orders; hands off to a person.",
             "system_prompt": "You are the customer-support assistant of an online store. Answer only from the store's knowledge and order data.",
             "tools": ["search_knowledge", "lookup_order", "handoff_to_human"],
             "default_config": {"greeting": "Hi! How can we help you today?", "primary_color": "#2563eb"}}""")
    @ProblemResponse(status = 409, codes = "agent_definition_exists")
    @PostMapping("/platform/v1/agent-definitions")
    @ResponseStatus(HttpStatus.CREATED)
    DefinitionView publish(@Valid @RequestBody PublishDefinition body) {
        return DefinitionView.of(agents.publishVersion(body));
    }

    @OperatorOnly
    @Operation(
            operationId = "listAgentDefinitionsForOperator",
            summary = "List agent definitions (operator)",
            description = "Every published version, newest first, optionally of one type.")
    @GetMapping("/platform/v1/agent-definitions")
    ListPage<DefinitionView> listForOperator(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        return page(type, limit, startingAfter, "/platform/v1/agent-definitions");
    }

    @Operation(
            operationId = "listAgentDefinitions",
            summary = "List agent definitions",
            description = "The published versions an organization can deploy on its stores, newest first,"
                    + " optionally of one `type` (such as `customer_service`).")
    @GetMapping("/v1/agent-definitions")
    ListPage<DefinitionView> list(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        return page(type, limit, startingAfter, "/v1/agent-definitions");
    }

    private ListPage<DefinitionView> page(String type, Integer limit, String startingAfter, String url) {
        int size = Pagination.limit(limit);
        AgentDefinitionId after = Pagination.id("starting_after", startingAfter, AgentDefinitionId::new);
        String clean = type == null || type.isEmpty() || CleanText.problem(type) != null ? null : type;
        return ListPage.of(
                agents.definitions(clean, size + 1, after).stream()
                        .map(DefinitionView::of)
                        .toList(),
                size,
                url);
    }

    /** A config value as JSON text: it must be an object, and its texts storable. Null stays null. */
    String configJson(JsonNode config, String field) {
        return ConfigJson.of(config, field, json);
    }
}
