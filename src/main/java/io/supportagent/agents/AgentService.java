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
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

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

    /**
     * Operator work inside the caller's transaction: the {@code customer_service} v1.0.0 definition's id, published
     * through {@code tx} (the platform role's client bound to that transaction) when missing, so that it commits or
     * rolls back with the rest of the legacy migration.
     */
    public AgentDefinitionId customerServiceV1(JdbcClient tx) {
        tx.sql("""
                        INSERT INTO agent_definitions (type, version, name, description, system_prompt, tools, default_config)
                        VALUES ('customer_service', '1.0.0', 'Customer service', :description, :prompt,
                                CAST(:tools AS jsonb), CAST(:config AS jsonb))
                        ON CONFLICT (type, version) DO NOTHING""")
                .param(
                        "description",
                        "Answers shoppers from the store's knowledge and orders, and hands off to a person.")
                .param("prompt", DefaultAgent.SYSTEM_PROMPT)
                .param("tools", json.writeValueAsString(DefaultAgent.TOOLS))
                .param("config", DefaultAgent.DEFAULT_CONFIG)
                .update();
        return new AgentDefinitionId(
                tx.sql("SELECT id FROM agent_definitions WHERE type = 'customer_service' AND version = '1.0.0'")
                        .query(UUID.class)
                        .single());
    }
}
