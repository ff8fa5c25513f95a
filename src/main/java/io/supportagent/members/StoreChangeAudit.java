package io.supportagent.members;

import io.supportagent.tenancy.StoreChanged;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the creation, changes and deletion of the tenant's stores in its audit log, with each changed field's value
 * before and after (the allowed websites decide where the store's widget may run). Joins the changing transaction.
 */
@Component
class StoreChangeAudit {

    private final AuditTrail audit;

    StoreChangeAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void on(StoreChanged change) {
        String name = change.store().name();
        String summary = switch (change.action()) {
            case "created" -> "Created the store " + name;
            case "deleted" -> "Deleted the store " + name + " with its agents and conversations";
            default ->
                "Changed the store " + name + ": "
                        + change.changes().keySet().stream()
                                .map(field -> field.replace('_', ' '))
                                .collect(Collectors.joining(", "));
        };
        audit.record(new AuditTrail.Entry(
                "store." + change.action(),
                "store",
                change.store().id().toString(),
                summary,
                change.changes().isEmpty() ? null : OrganizationChangeAudit.details(change.changes())));
    }
}
