package io.supportagent.agents;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.StoreId;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /v1/agent-instances}: deploy a definition version on a store (answering its {@code pk_widget_} key),
 * configure, pause, upgrade or roll back the pinned version, and replace the widget key.
 */
@RestController
@Tag(name = ApiTags.AGENTS)
class AgentInstanceController {

    private final AgentService agents;
    private final ObjectMapper json;

    AgentInstanceController(AgentService agents, ObjectMapper json) {
        this.agents = agents;
        this.json = json;
    }

    record DeployInstance(
            @NotNull String storeId,
            @NotNull String agentDefinitionId,
            @NotBlank @Size(max = 200) String name,
            JsonNode config) {}

    record UpdateInstance(
            @Size(min = 1, max = 200) @Pattern(regexp = CleanText.NOT_BLANK, message = "must not be blank")
            String name,

            JsonNode config,

            @Pattern(regexp = "active|paused", message = "must be active or paused")
            String status,

            String agentDefinitionId) {}

    record InstanceView(
            String id,
            String object,
            String storeId,
            String agentDefinitionId,
            String name,

            @Schema(
                    implementation = java.util.Map.class,
                    description = "Overrides of the definition's default configuration.")
            @JsonRawValue
            String config,

            @Schema(allowableValues = {"active", "paused"}) String status,

            @Schema(description = "The pk_widget_ key the store's pages embed the chat with.")
            String publicKey,

            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Until when the widget key before the last roll starts widget conversations too;"
                            + " left out when none does.")
            Instant previousKeyExpiresAt) {

        static InstanceView of(AgentInstance i) {
            return new InstanceView(
                    i.id().toString(),
                    "agent_instance",
                    i.storeId().toString(),
                    i.agentDefinitionId().toString(),
                    i.name(),
                    i.config(),
                    i.status(),
                    i.publicKey(),
                    i.createdAt(),
                    i.updatedAt(),
                    i.previousPublicKeyExpiresAt());
        }
    }

    @Operation(
            operationId = "deployAgentInstance",
            summary = "Deploy an agent on a store",
            description = "Deploys an agent definition version on one of the organization's stores and answers the"
                    + " instance with its public widget key (`pk_widget_…`). The tier limits the number of instances"
                    + " (basic 1, pro 10): beyond, 403 `tier_limit_reached`. An unknown store or definition is 404."
                    + " A live key only.")
    @RequestExample("""
            {"store_id": "0b9e2a52-3c1f-4a55-9a4e-2f1d7f0c8e11", "agent_definition_id": "5d0c7e1a-8b2f-4e3d-9a6c-1f2e3d4c5b6a",
             "name": "Trail assistant", "config": {"greeting": "Hi! Ask me about sizes, shipping or your order."}}""")
    @ProblemResponse(
            status = 403,
            codes = {"tier_limit_reached", "live_mode_required"})
    @ProblemResponse(status = 404, codes = "not_found")
    @PostMapping("/v1/agent-instances")
    @ResponseStatus(HttpStatus.CREATED)
    InstanceView deploy(@Valid @RequestBody DeployInstance body) {
        StoreId store = StoreId.parse(body.storeId());
        AgentDefinitionId definition = AgentDefinitionId.parse(body.agentDefinitionId());
        String config = ConfigJson.of(body.config(), "config", json);
        return InstanceView.of(agents.deploy(store, definition, body.name().strip(), config));
    }

    @Operation(
            operationId = "listAgentInstances",
            summary = "List agent instances",
            description = "The organization's agent instances, newest first, optionally of one store.")
    @GetMapping("/v1/agent-instances")
    ListPage<InstanceView> list(
            @RequestParam(name = "store_id", required = false) String storeId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        StoreId store = Pagination.id("store_id", storeId, StoreId::new);
        AgentInstanceId after = Pagination.id("starting_after", startingAfter, AgentInstanceId::new);
        return ListPage.of(
                agents.instances(store, size + 1, after).stream()
                        .map(InstanceView::of)
                        .toList(),
                size,
                "/v1/agent-instances");
    }

    @Operation(
            operationId = "getAgentInstance",
            summary = "Get an agent instance",
            description = "One of the organization's agent instances, with its widget key.")
    @GetMapping("/v1/agent-instances/{id}")
    InstanceView get(@PathVariable String id) {
        return InstanceView.of(agents.instance(AgentInstanceId.parse(id)));
    }

    @Operation(
            operationId = "updateAgentInstance",
            summary = "Configure, pause, upgrade or roll back an agent instance",
            description = "Changes the fields sent. `status: paused` stops the instance (its widget and new"
                    + " conversations) at once, on every node. A new `agent_definition_id` of the same type upgrades"
                    + " or rolls back the version; running conversations go on with it. A live key only.")
    @RequestExample(value = """
            {"status": "paused"}""", summary = "Pause the agent")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PatchMapping("/v1/agent-instances/{id}")
    InstanceView update(@PathVariable String id, @Valid @RequestBody UpdateInstance body) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        AgentDefinitionId definition =
                body.agentDefinitionId() == null ? null : AgentDefinitionId.parse(body.agentDefinitionId());
        return InstanceView.of(agents.updateInstance(
                instance,
                body.name() == null ? null : body.name().strip(),
                ConfigJson.of(body.config(), "config", json),
                body.status(),
                definition));
    }

    record RollKeyCommand(
            @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(604_800)
            Long expiresInSeconds) {}

    @Operation(
            operationId = "rollAgentInstanceKey",
            summary = "Replace an agent instance's widget key",
            description = "Answers the instance with a new public widget key. The old key starts widget conversations"
                    + " too for `expires_in_seconds` more (default 0: it stops at once; at most 7 days), so that the"
                    + " store can swap its snippet without a dead widget in between; `previous_key_expires_at` says"
                    + " until when. After that the old key is refused like an unknown one (401"
                    + " `invalid_widget_key`). A key kept from an earlier roll stops. A live key only.")
    @RequestExample("""
            {"expires_in_seconds": 86400}""")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PostMapping("/v1/agent-instances/{id}/roll-key")
    InstanceView rollKey(@PathVariable String id, @RequestBody(required = false) @Valid RollKeyCommand command) {
        long seconds = command == null || command.expiresInSeconds() == null ? 0 : command.expiresInSeconds();
        return InstanceView.of(agents.rollWidgetKey(AgentInstanceId.parse(id), java.time.Duration.ofSeconds(seconds)));
    }
}
