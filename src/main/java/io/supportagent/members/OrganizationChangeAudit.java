package io.supportagent.members;

import io.supportagent.tenancy.OrganizationUpdated;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the operator's changes to an organization (suspended, resumed, pricing, usage cap, billing time zone, name)
 * in that organization's audit log, so that its owners see what the platform changed and who did it (the token, or
 * operator staff by email). Tenancy announces the change inside the operator's transaction, which this joins.
 */
@Component
class OrganizationChangeAudit {

    private final AuditTrail audit;

    OrganizationChangeAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void on(OrganizationUpdated update) {
        Map<String, OrganizationUpdated.Change> changes = update.changes();
        String action = "organization.updated";
        String summary;
        OrganizationUpdated.Change status = changes.get("status");
        if (status != null && changes.size() == 1) {
            action = "suspended".equals(status.to()) ? "organization.suspended" : "organization.resumed";
            summary = "suspended".equals(status.to())
                    ? "Suspended the organization: its API keys and widgets are refused"
                    : "Resumed the organization";
        } else {
            summary = "Changed "
                    + changes.entrySet().stream()
                            .map(e -> e.getKey().replace('_', ' ') + " from "
                                    + shown(e.getValue().from()) + " to "
                                    + shown(e.getValue().to()))
                            .collect(Collectors.joining("; "));
        }
        audit.recordAsOperator(
                update.organizationId(),
                new AuditTrail.Entry(
                        action, "organization", update.organizationId().toString(), summary, details(changes)));
    }

    /** An audit event's details for changed fields: {@code {"field": {"from": …, "to": …}}}. */
    static Map<String, Object> details(Map<String, OrganizationUpdated.Change> changes) {
        Map<String, Object> details = new LinkedHashMap<>();
        changes.forEach((field, change) -> {
            Map<String, Object> fromTo = new LinkedHashMap<>();
            fromTo.put("from", change.from());
            fromTo.put("to", change.to());
            details.put(field, fromTo);
        });
        return details;
    }

    private static String shown(Object value) {
        return value == null ? "none" : value.toString();
    }
}
