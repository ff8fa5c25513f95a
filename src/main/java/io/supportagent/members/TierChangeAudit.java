package io.supportagent.members;

import io.supportagent.tenancy.TierChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records tier changes in the organization's audit log. Tenancy cannot call the audit log (members depends on
 * tenancy), so it announces the change as an event, inside the operator's transaction, which this joins.
 */
@Component
class TierChangeAudit {

    private final AuditTrail audit;

    TierChangeAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void on(TierChanged change) {
        audit.recordAsOperator(
                change.organizationId(),
                AuditTrail.Entry.of(
                                "organization.tier_changed",
                                "organization",
                                change.organizationId(),
                                "Changed the tier from " + change.fromTier().code() + " to "
                                        + change.toTier().code())
                        .with(
                                "tier",
                                java.util.Map.of(
                                        "from",
                                        change.fromTier().code(),
                                        "to",
                                        change.toTier().code())));
    }
}
