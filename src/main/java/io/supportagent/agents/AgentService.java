package io.supportagent.agents;

import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The agents module's API: publishing definitions (operator) and deploying them on stores (tenant). */
@Service
public class AgentService {

    private final AgentDefinitions definitions;
    private final AgentInstances instances;
    private final ObjectMapper json;

    AgentService(AgentDefinitions definitions, AgentInstances instances, ObjectMapper json) {
        this.definitions = definitions;
        this.instances = instances;
        this.json = json;
    }

    /** Operator work: publishes a new, immutable definition version. */
    public AgentDefinition publish(
            String type,
            String version,
            String name,
            String description,
            String systemPrompt,
            List<String> tools,
            String defaultConfigJson) {
        return definitions.insert(
                type,
                version,
                name,
                description,
                systemPrompt,
                json.writeValueAsString(tools),
                defaultConfigJson == null ? "{}" : defaultConfigJson);
    }

    /** The {@code customer_service} v1.0.0 definition, published now if it is not yet. */
    public AgentDefinition customerServiceV1() {
        return definition("customer_service", "1.0.0")
                .orElseGet(() -> publish(
                        "customer_service",
                        "1.0.0",
                        "Customer service",
                        "Answers shoppers from the store's knowledge and orders, and hands off to a person.",
                        DefaultAgent.SYSTEM_PROMPT,
                        DefaultAgent.TOOLS,
                        DefaultAgent.DEFAULT_CONFIG));
    }

    @Transactional(readOnly = true)
    public Optional<AgentDefinition> definition(String type, String version) {
        return definitions.find(type, version);
    }

    @Transactional(readOnly = true)
    public AgentDefinition definition(AgentDefinitionId id) {
        return definitions.find(id).orElseThrow(() -> new NotFound("agent definition", id));
    }

    @Transactional(readOnly = true)
    public List<AgentDefinition> definitions() {
        return definitions.list();
    }

    /** Deploys a definition version on one of the tenant's stores, with a new public widget key. */
    @Transactional
    public AgentInstance deploy(StoreId store, AgentDefinitionId definition, String name, String configJson) {
        OrganizationId org = TenantContext.require().organizationId();
        return instances.insert(
                org,
                store,
                definition,
                name,
                configJson == null ? "{}" : configJson,
                KeyFormat.generate(KeyFormat.Type.WIDGET));
    }

    @Transactional(readOnly = true)
    public AgentInstance instance(AgentInstanceId id) {
        OrganizationId org = TenantContext.require().organizationId();
        return instances.find(org, id).orElseThrow(() -> new NotFound("agent instance", id));
    }

    @Transactional(readOnly = true)
    public List<AgentInstance> instancesOfStore(StoreId store) {
        return instances.listByStore(TenantContext.require().organizationId(), store);
    }

    /** The instance a widget key opens, across tenants; the caller sets the tenant from the answer. */
    public Optional<AgentInstance> resolveWidgetKey(String publicKey) {
        return KeyFormat.parse(publicKey)
                .filter(k -> k.type() == KeyFormat.Type.WIDGET)
                .flatMap(k -> instances.findByPublicKey(k.full()));
    }

    /** The instance with its definition version and its config merged over the definition's defaults. */
    @Transactional(readOnly = true)
    public AgentProfile profile(AgentInstanceId id) {
        AgentInstance instance = instance(id);
        AgentDefinition definition = definition(instance.agentDefinitionId());
        JsonNode merged = merge(json.readTree(definition.defaultConfig()), json.readTree(instance.config()));
        return new AgentProfile(instance, definition, merged);
    }

    static JsonNode merge(JsonNode defaults, JsonNode overrides) {
        if (!(defaults instanceof ObjectNode base) || !(overrides instanceof ObjectNode over)) {
            return overrides == null || overrides.isNull() ? defaults : overrides;
        }
        ObjectNode out = base.deepCopy();
        for (var entry : over.properties()) {
            JsonNode current = out.get(entry.getKey());
            out.set(entry.getKey(), current == null ? entry.getValue() : merge(current, entry.getValue()));
        }
        return out;
    }
}
