package io.supportagent.agents;

import io.supportagent.members.AuditEvent;
import io.supportagent.members.AuditFilter;
import io.supportagent.members.AuditTrail;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.SharedConfiguration;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.TierLimit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The agents module's API: publishing definitions (operator) and deploying them on stores (tenant). */
@Service
public class AgentService {

    /** The definition every installation has published (schema migration {@code 100-customer-service-definition}). */
    public static final String CUSTOMER_SERVICE = "customer_service";

    public static final String CUSTOMER_SERVICE_VERSION = "1.0.0";

    private final AgentDefinitions definitions;
    private final AgentInstances instances;
    private final ObjectMapper json;
    private final TenancyService tenancy;
    private final PlatformJdbc platform;
    private final ChangeNotifications changes;
    private final AuditTrail audit;
    private final jakarta.validation.Validator validator;

    AgentService(
            AgentDefinitions definitions,
            AgentInstances instances,
            ObjectMapper json,
            TenancyService tenancy,
            PlatformJdbc platform,
            ChangeNotifications changes,
            AuditTrail audit,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.changes = changes;
        this.audit = audit;
        this.platform = platform;
        this.definitions = definitions;
        this.instances = instances;
        this.json = json;
        this.tenancy = tenancy;
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

    /**
     * The {@code customer_service} v1.0.0 definition, which every installation has published: the schema migration
     * {@code 100-customer-service-definition} publishes it, on any database.
     */
    public AgentDefinition customerServiceV1() {
        return definition(customerServiceV1(platform.jdbc()));
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

    /**
     * The version a new agent should start on, as the dashboard's deploy form suggests it: the newest published
     * version of the platform's {@value #CUSTOMER_SERVICE} definition (what the operator recommends), else the newest
     * version of any type; empty when none is published.
     */
    public static Optional<AgentDefinition> suggestedForDeploy(Collection<AgentDefinition> versions) {
        Comparator<AgentDefinition> newest = Comparator.comparing(AgentDefinition::createdAt);
        return versions.stream()
                .filter(d -> d.type().equals(CUSTOMER_SERVICE))
                .max(newest)
                .or(() -> versions.stream().max(newest));
    }

    /**
     * Deploys a definition version on one of the tenant's stores, with a new public widget key; a live key only (agent
     * instances are shared by both modes, see {@link SharedConfiguration}).
     */
    @Transactional
    public AgentInstance deploy(StoreId store, AgentDefinitionId definition, String name, String configJson) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        tenancy.store(store); // 404 for a store that is not the tenant's
        AgentDefinition version = definition(definition);
        tenancy.requireCapacity(TierLimit.AGENT_INSTANCES, () -> instances.count(org));
        AgentInstance deployed = instances.insert(
                org,
                store,
                definition,
                name,
                configJson == null ? "{}" : configJson,
                KeyFormat.generate(KeyFormat.Type.WIDGET));
        audit.record(AuditTrail.Entry.of(
                        "agent_instance.deployed",
                        "agent_instance",
                        deployed.id(),
                        "Deployed " + version.type() + " " + version.version() + " as “" + deployed.name() + "”")
                .with("store_id", store.toString())
                .with("version", version.version()));
        return deployed;
    }

    /**
     * An event of an instance's history with the published version it left the instance on (its deployment's, or a
     * version change's new one), when that is not the version it runs now: what "Go back to this" switches to.
     */
    public record HistoryEntry(AuditEvent event, AgentDefinition goBackTo) {}

    /** The instance's history, newest first, from the audit log (see {@link HistoryEntry}). */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(AgentInstanceId id, int limit) {
        AgentDefinition pinned = definition(instance(id).agentDefinitionId());
        java.util.Map<String, AgentDefinition> published = new java.util.HashMap<>();
        for (AgentDefinition d : definitions()) {
            if (d.type().equals(pinned.type())) {
                published.put(d.version(), d);
            }
        }
        return audit.events(AuditFilter.of("agent_instance", id), limit, null).stream()
                .limit(limit)
                .map(e -> new HistoryEntry(
                        e,
                        versionSetBy(e)
                                .map(published::get)
                                .filter(d -> !d.id().equals(pinned.id()))
                                .orElse(null)))
                .toList();
    }

    /** Who deployed the instance, and when, if the audit log has it. */
    @Transactional(readOnly = true)
    public java.util.Optional<AuditEvent> deployment(AgentInstanceId id) {
        return audit
                .events(
                        new AuditFilter(
                                "agent_instance.deployed", "agent_instance", null, null, null, null, id.toString()),
                        1,
                        null)
                .stream()
                .findFirst();
    }

    /** The version an event left an instance on: its deployment's, or a version change's new one. */
    static java.util.Optional<String> versionSetBy(AuditEvent event) {
        return switch (event.action()) {
            case "agent_instance.deployed" -> event.detail("version");
            case "agent_instance.updated" ->
                event.changes().stream()
                        .filter(c -> c.field().equals("version"))
                        .map(AuditEvent.FieldChange::to)
                        .findFirst();
            default -> java.util.Optional.empty();
        };
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
     * Operator work: publishes a definition version. A published {@code (type, version)} is immutable, so publishing
     * one again answers 409 {@code agent_definition_exists}; new behaviour is a new version.
     */
    public AgentDefinition publishVersion(
            String type,
            String version,
            String name,
            String description,
            String systemPrompt,
            List<String> tools,
            String defaultConfigJson) {
        try {
            return publish(type, version, name, description, systemPrompt, tools, defaultConfigJson);
        } catch (DuplicateKeyException e) {
            throw new Conflict(
                    "agent_definition_exists",
                    "Version " + version + " of " + type + " is published already; published versions never change.");
        }
    }

    /**
     * Operator work: checks and publishes a definition version, for the platform API and the operator console alike:
     * the request's constraints, each tool known and named once, the default config a storable JSON object. A
     * published {@code (type, version)} again answers 409 {@code agent_definition_exists}.
     */
    public AgentDefinition publishVersion(PublishDefinition command) {
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (var violation : validator.validate(command)) {
            errors.putIfAbsent(
                    violation
                            .getPropertyPath()
                            .toString()
                            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                            .toLowerCase(java.util.Locale.ROOT),
                    violation.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("The request has invalid fields.", errors);
        }
        // A tool named twice is the same tool: kept once (the API description cannot say uniqueItems, see
        // PublishDefinition, so a list it allows is taken).
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (int i = 0; i < command.tools().size(); i++) {
            String tool = command.tools().get(i);
            if (tool == null || !PublishDefinition.TOOLS.contains(tool)) {
                throw new InvalidRequest(
                        "The request has invalid fields.",
                        java.util.Map.of(
                                "tools[" + i + "]", "must be one of handoff_to_human, lookup_order, search_knowledge"));
            }
            seen.add(tool);
        }
        String config = ConfigJson.of(command.defaultConfig(), "default_config", json);
        return publishVersion(
                command.type(),
                command.version(),
                command.name().strip(),
                command.description() == null ? "" : command.description(),
                command.systemPrompt(),
                List.copyOf(seen),
                config == null ? "{}" : config);
    }

    /** Operator work: how many agent instances run each definition version, across organizations. */
    public java.util.Map<AgentDefinitionId, Integer> instanceCountsByDefinition() {
        java.util.Map<AgentDefinitionId, Integer> counts = new java.util.HashMap<>();
        platform.jdbc()
                .sql("SELECT agent_definition_id, count(*) AS n FROM agent_instances GROUP BY agent_definition_id")
                .query((rs, row) -> counts.put(
                        new AgentDefinitionId(io.supportagent.platform.db.Rows.uuid(rs, "agent_definition_id")),
                        rs.getInt("n")))
                .list();
        return counts;
    }

    /** Operator work: the agent instances that run one definition version, across organizations, newest change first. */
    public List<DeployedVersion> instancesRunning(AgentDefinitionId definition, int limit) {
        return platform.jdbc()
                .sql("""
                        SELECT i.id, i.name, i.status, i.organization_id, o.name AS organization_name, i.store_id,
                               s.name AS store_name, i.agent_definition_id, i.updated_at
                          FROM agent_instances i
                          JOIN organizations o ON o.id = i.organization_id
                          JOIN stores s ON s.organization_id = i.organization_id AND s.id = i.store_id
                         WHERE i.agent_definition_id = :definition
                         ORDER BY i.updated_at DESC, i.id
                         LIMIT :limit""")
                .param("definition", definition.value())
                .param("limit", limit)
                .query((rs, row) -> new DeployedVersion(
                        new AgentInstanceId(io.supportagent.platform.db.Rows.uuid(rs, "id")),
                        rs.getString("name"),
                        rs.getString("status"),
                        new OrganizationId(io.supportagent.platform.db.Rows.uuid(rs, "organization_id")),
                        rs.getString("organization_name"),
                        new StoreId(io.supportagent.platform.db.Rows.uuid(rs, "store_id")),
                        rs.getString("store_name"),
                        new AgentDefinitionId(io.supportagent.platform.db.Rows.uuid(rs, "agent_definition_id")),
                        io.supportagent.platform.db.Rows.instant(rs, "updated_at")))
                .list();
    }

    /** Definitions newest first, optionally of one type. */
    @Transactional(readOnly = true)
    public List<AgentDefinition> definitions(String type, int limit, AgentDefinitionId startingAfter) {
        return definitions.page(type, limit, startingAfter);
    }

    /** The tenant's instances newest first, optionally of one store. */
    @Transactional(readOnly = true)
    public List<AgentInstance> instances(StoreId store, int limit, AgentInstanceId startingAfter) {
        return instances.page(TenantContext.require().organizationId(), store, limit, startingAfter);
    }

    /**
     * Changes the given fields (null: unchanged) of one of the tenant's instances. A new {@code definition} pins
     * another version of the same type (upgrade or roll back); conversations refer to the instance, not the version,
     * so running ones carry on with the new version's behaviour from their next reply. A live key only.
     */
    @Transactional
    public AgentInstance updateInstance(
            AgentInstanceId id, String name, String configJson, String status, AgentDefinitionId definition) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = TenantContext.require().organizationId();
        if (status != null && !status.equals("active") && !status.equals("paused")) {
            throw new InvalidRequest(
                    "Choose active or paused.", java.util.Map.of("status", "must be active or paused"));
        }
        AgentInstance current = instances.find(org, id).orElseThrow(() -> new NotFound("agent instance", id));
        if (definition != null) {
            AgentDefinition target = definition(definition);
            AgentDefinition pinned = definition(current.agentDefinitionId());
            if (!target.type().equals(pinned.type())) {
                throw new InvalidRequest(
                        "An instance can only move between versions of its own type (" + pinned.type() + ").",
                        java.util.Map.of("agent_definition_id", "must be a version of " + pinned.type()));
            }
        }
        AgentInstance updated = instances
                .update(org, id, name, configJson, status, definition)
                .orElseThrow(() -> new NotFound("agent instance", id));
        changes.announce(new Change.AgentInstance(org, id));
        audit.record(instanceChanges(current, updated));
        return updated;
    }

    /** What the dashboard's settings form changes: the widget's greeting and colour, and the answers' threshold. */
    public record WidgetSettings(String greeting, String primaryColor, double minRelevance) {}

    /** The instance's settings as its widget and agent read them (its config over the definition's defaults). */
    @Transactional(readOnly = true)
    public WidgetSettings widgetSettings(AgentInstanceId id) {
        AgentProfile profile = profile(id);
        return new WidgetSettings(
                profile.text("greeting", "Hi! How can we help you today?"),
                profile.text("primary_color", "#2563eb"),
                profile.number("min_relevance", 0.1));
    }

    /**
     * Changes the greeting (1 to 500 characters), the colour ({@code #rrggbb}) and the relevance threshold (0 to 1)
     * in the instance's config, keeping its other settings; a live key only (see {@link #updateInstance}).
     */
    @Transactional
    public AgentInstance changeWidgetSettings(AgentInstanceId id, WidgetSettings settings) {
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        String greeting = settings.greeting() == null ? "" : settings.greeting().strip();
        if (greeting.isEmpty() || greeting.length() > 500) {
            errors.put("greeting", "must be 1 to 500 characters");
        }
        String color =
                settings.primaryColor() == null ? "" : settings.primaryColor().strip();
        if (!color.matches("#[0-9a-fA-F]{6}")) {
            errors.put("primary_color", "must be a colour such as #2563eb");
        }
        double relevance = settings.minRelevance();
        if (!(relevance >= 0 && relevance <= 1)) {
            errors.put("min_relevance", "must be between 0 and 1");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(
                    "Check the settings: "
                            + errors.entrySet().stream()
                                    .map(e -> e.getKey().replace('_', ' ') + " " + e.getValue())
                                    .collect(java.util.stream.Collectors.joining("; "))
                            + ".",
                    errors);
        }
        AgentInstance current = instance(id);
        JsonNode config = json.readTree(current.config());
        ObjectNode changed = config instanceof ObjectNode object ? object.deepCopy() : json.createObjectNode();
        changed.put("greeting", greeting);
        changed.put("primary_color", color.toLowerCase(java.util.Locale.ROOT));
        changed.put("min_relevance", relevance);
        return updateInstance(id, null, json.writeValueAsString(changed), null, null);
    }

    /** The longest the widget key before a roll may go on opening the widget. */
    public static final java.time.Duration MAX_PREVIOUS_WIDGET_KEY = java.time.Duration.ofDays(7);

    /** A new public widget key for the instance; the old one stops working at once. A live key only. */
    @Transactional
    public AgentInstance rollWidgetKey(AgentInstanceId id) {
        return rollWidgetKey(id, java.time.Duration.ZERO);
    }

    /**
     * A new public widget key for the instance; the one it replaces starts widget conversations too for {@code
     * keepPrevious} more (zero: it stops now; at most {@link #MAX_PREVIOUS_WIDGET_KEY}), so that the store can swap
     * its snippet without shoppers meeting a dead widget. A key kept from an earlier roll stops. A live key only.
     * Audited.
     */
    @Transactional
    public AgentInstance rollWidgetKey(AgentInstanceId id, java.time.Duration keepPrevious) {
        SharedConfiguration.requireLiveMode();
        if (keepPrevious.isNegative() || keepPrevious.compareTo(MAX_PREVIOUS_WIDGET_KEY) > 0) {
            throw new io.supportagent.platform.InvalidRequest(
                    "The previous widget key can keep working for 0 seconds to 7 days.",
                    java.util.Map.of("expires_in_seconds", "must be 0 to " + MAX_PREVIOUS_WIDGET_KEY.toSeconds()));
        }
        OrganizationId org = TenantContext.require().organizationId();
        AgentInstance rolled = instances
                .replacePublicKey(org, id, KeyFormat.generate(KeyFormat.Type.WIDGET), keepPrevious)
                .orElseThrow(() -> new NotFound("agent instance", id));
        audit.record(AuditTrail.Entry.of(
                        "agent_instance.widget_key_rolled",
                        "agent_instance",
                        id,
                        "Rolled the widget key of “" + rolled.name() + "”; "
                                + (keepPrevious.isZero()
                                        ? "the old key stopped working"
                                        : "the old key keeps working until " + rolled.previousPublicKeyExpiresAt()))
                .with("previous_key_works_for_seconds", keepPrevious.toSeconds()));
        return rolled;
    }

    /** What an update changed, field by field ({@code from}, {@code to}); the config is named, not copied. */
    private AuditTrail.Entry instanceChanges(AgentInstance before, AgentInstance after) {
        java.util.Map<String, Object> changed = new java.util.LinkedHashMap<>();
        java.util.List<String> words = new java.util.ArrayList<>();
        if (!java.util.Objects.equals(before.name(), after.name())) {
            changed.put("name", java.util.Map.of("from", before.name(), "to", after.name()));
            words.add("renamed it");
        }
        if (!java.util.Objects.equals(before.status(), after.status())) {
            changed.put("status", java.util.Map.of("from", before.status(), "to", after.status()));
            words.add("active".equals(after.status()) ? "resumed it" : "paused it");
        }
        if (!java.util.Objects.equals(before.agentDefinitionId(), after.agentDefinitionId())) {
            String from = definition(before.agentDefinitionId()).version();
            String to = definition(after.agentDefinitionId()).version();
            changed.put("version", java.util.Map.of("from", from, "to", to));
            words.add("moved it from version " + from + " to " + to);
        }
        if (!java.util.Objects.equals(before.config(), after.config())) {
            changed.put("config", "changed");
            words.add("changed its settings");
        }
        String summary = "Updated “" + after.name() + "”" + (words.isEmpty() ? "" : ": " + String.join(", ", words));
        return new AuditTrail.Entry(
                "agent_instance.updated", "agent_instance", after.id().toString(), summary, changed);
    }

    /**
     * The {@code customer_service} v1.0.0 definition's id, read through {@code tx} (for the legacy migration, the
     * platform role's client bound to its transaction). The schema migration publishes it: a database without it has
     * not been migrated.
     */
    public AgentDefinitionId customerServiceV1(JdbcClient tx) {
        return new AgentDefinitionId(tx.sql("""
                        SELECT id FROM agent_definitions
                         WHERE type = :type AND version = :version""")
                .param("type", CUSTOMER_SERVICE)
                .param("version", CUSTOMER_SERVICE_VERSION)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new IllegalStateException("The customer_service definition 1.0.0 is missing: the"
                        + " schema migrations have not been applied (see the migrate command).")));
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
