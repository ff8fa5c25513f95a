package io.supportagent.members;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of an organization's audit log: who ({@code actorType} {@code member}, {@code api_key}, {@code operator}
 * or {@code system}, with an id and a label as they were then) did what ({@code action} such as
 * {@code api_key.created}) to which object, when, from which address.
 *
 * @param livemode the mode the action was taken in; null when it concerns both modes
 * @param details a JSON object, such as a changed field's {@code from} and {@code to}
 */
public record AuditEvent(
        UUID id,
        OrganizationId organizationId,
        Boolean livemode,
        String actorType,
        String actorId,
        String actorLabel,
        String action,
        String resourceType,
        String resourceId,
        String summary,
        String details,
        String clientAddress,
        Instant createdAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The same event as done by another actor (a person before they were signed in, an operator's staff member). */
    AuditEvent byActor(String type, String id, String label) {
        return new AuditEvent(
                this.id,
                organizationId,
                livemode,
                type,
                id,
                label,
                action,
                resourceType,
                resourceId,
                summary,
                details,
                clientAddress,
                createdAt);
    }

    /** A field the action changed, with its value before and after, as text ({@code none} for no value). */
    public record FieldChange(String field, String from, String to) {}

    /**
     * The fields the action changed, read from {@code details} where it holds {@code {"field": {"from": …, "to":
     * …}}}; empty for any other details (or none).
     */
    public List<FieldChange> changes() {
        if (details == null) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(details);
        } catch (JacksonException e) {
            return List.of();
        }
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode change = field.getValue();
            if (change.isObject() && change.has("from") && change.has("to")) {
                changes.add(new FieldChange(field.getKey(), text(change.get("from")), text(change.get("to"))));
            }
        }
        return changes;
    }

    /** A top-level value of {@code details} as text ({@code {"version": "1.1.0"}}), if it has one. */
    public java.util.Optional<String> detail(String name) {
        if (details == null) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(details).get(name);
            return value != null && value.isValueNode() && !value.isNull()
                    ? java.util.Optional.of(value.asString())
                    : java.util.Optional.empty();
        } catch (JacksonException e) {
            return java.util.Optional.empty();
        }
    }

    /** A value as people read it: a list as its items joined by commas, nothing as "none". */
    private static String text(JsonNode value) {
        if (value.isNull() || (value.isArray() && value.isEmpty())) {
            return "none";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asString() : item.toString()));
            return String.join(", ", items);
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
