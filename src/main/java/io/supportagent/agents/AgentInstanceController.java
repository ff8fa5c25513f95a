package io.supportagent.agents;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
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
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
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
            @JsonRawValue String config,
            String status,
            String publicKey,
            Instant createdAt,
            Instant updatedAt) {

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
                    i.updatedAt());
        }
    }

    @PostMapping("/v1/agent-instances")
    @ResponseStatus(HttpStatus.CREATED)
    InstanceView deploy(@Valid @RequestBody DeployInstance body) {
        StoreId store = StoreId.parse(body.storeId());
        AgentDefinitionId definition = AgentDefinitionId.parse(body.agentDefinitionId());
        String config = ConfigJson.of(body.config(), "config", json);
        return InstanceView.of(agents.deploy(store, definition, body.name().strip(), config));
    }

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

    @GetMapping("/v1/agent-instances/{id}")
    InstanceView get(@PathVariable String id) {
        return InstanceView.of(agents.instance(AgentInstanceId.parse(id)));
    }

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

    @PostMapping("/v1/agent-instances/{id}/roll-key")
    InstanceView rollKey(@PathVariable String id) {
        return InstanceView.of(agents.rollWidgetKey(AgentInstanceId.parse(id)));
    }
}
