package io.supportagent.members;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.web.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * The audit log's API: the module that owns an action records it here, in the action's own transaction, so that the
 * log holds exactly what happened. Who did it is the request's verified caller (a member, an API key, the operator),
 * or the system when there is none; the client address is the request's.
 */
@Service
public class AuditTrail {

    /** What happened, as the owning module says it. {@code details} become a JSON object (null: none). */
    public record Entry(String action, String resourceType, String resourceId, String summary, Map<String, ?> details) {

        public static Entry of(String action, String resourceType, Object resourceId, String summary) {
            return new Entry(action, resourceType, resourceId == null ? null : resourceId.toString(), summary, null);
        }

        public Entry with(String key, Object value) {
            Map<String, Object> more = new LinkedHashMap<>();
            if (details != null) {
                more.putAll(details);
            }
            more.put(key, value);
            return new Entry(action, resourceType, resourceId, summary, more);
        }
    }

    private final AuditEvents events;
    private final JdbcClient jdbc;
    private final PlatformJdbc platform;
    private final ObjectMapper json;
    private final Clock clock;

    AuditTrail(AuditEvents events, JdbcClient jdbc, PlatformJdbc platform, ObjectMapper json, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.platform = platform;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records an action on the tenant in context, in the caller's transaction on the request pool. {@code livemode}
     * is the mode the action belongs to, or null when it concerns both (members, shared configuration).
     */
    @Transactional
    public void record(Entry entry, Boolean livemode) {
        Tenant tenant = TenantContext.require();
        events.insert(jdbc, event(tenant.organizationId(), livemode, entry));
    }

    /** Records the mode-less action of the tenant in context (members, stores, agent instances, articles). */
    @Transactional
    public void record(Entry entry) {
        record(entry, null);
    }

    /**
     * Records what a person did before they were signed in (joining through an invitation link), in the caller's
     * transaction for the tenant in context: the person is the actor.
     */
    @Transactional
    void recordByPerson(Entry entry, io.supportagent.platform.AccountId account, String email) {
        Tenant tenant = TenantContext.require();
        events.insert(jdbc, event(tenant.organizationId(), null, entry).byActor("member", account.toString(), email));
    }

    /**
     * Records operator work on an organization as the platform role; inside {@code PlatformJdbc.inTransaction} it
     * joins that transaction.
     */
    public void recordAsOperator(OrganizationId org, Entry entry) {
        events.insert(platform.jdbc(), event(org, null, entry));
    }

    /**
     * Records what a member of the operator's staff did on an organization outside the console's own requests (their
     * read-only view of its dashboard), as the platform role, naming them as the console's changes do.
     */
    void recordAsStaff(OrganizationId org, io.supportagent.platform.AccountId account, String email, Entry entry) {
        events.insert(
                platform.jdbc(),
                event(org, null, entry).byActor("operator", account.toString(), "Operator staff " + email));
    }

    /**
     * The tenant's events newest first, one page ({@code limit + 1} read, to know whether more follow). A test-mode
     * caller sees only test-mode events.
     */
    @Transactional(readOnly = true)
    public List<AuditEvent> events(AuditFilter filter, int limit, UUID startingAfter) {
        Tenant tenant = TenantContext.require();
        Boolean onlyMode = tenant.livemode() || isMember() ? null : Boolean.FALSE;
        return events.page(tenant.organizationId(), onlyMode, filter, Pagination.limit(limit) + 1, startingAfter);
    }

    private static boolean isMember() {
        return CallerAuthentication.current().orElse(null) instanceof Caller.Member;
    }

    private AuditEvent event(OrganizationId org, Boolean livemode, Entry entry) {
        Actor actor = actor();
        return new AuditEvent(
                UUID.randomUUID(),
                org,
                livemode,
                actor.type(),
                actor.id(),
                actor.label(),
                entry.action(),
                entry.resourceType(),
                entry.resourceId(),
                cut(entry.summary(), 1000),
                entry.details() == null ? "{}" : json.writeValueAsString(entry.details()),
                clientAddress().orElse(null),
                clock.instant());
    }

    private record Actor(String type, String id, String label) {}

    private static Actor actor() {
        Caller caller = CallerAuthentication.current().orElse(null);
        if (caller instanceof Caller.Member member && member.readOnly()) {
            // Never expected (a read-only view changes nothing), but should anything record, it names the operator.
            return new Actor(
                    "operator",
                    member.accountId().toString(),
                    "Operator staff " + member.operatorView().operatorEmail());
        }
        if (caller instanceof Caller.Member member) {
            String label = SignedIn.current().map(SignedIn::email).orElse("member " + member.accountId());
            return new Actor("member", member.accountId().toString(), label);
        }
        if (caller instanceof Caller.SecretKey key) {
            return new Actor(
                    "api_key", key.keyId().toString(), (key.livemode() ? "Live" : "Test") + " API key " + key.keyId());
        }
        if (caller instanceof Caller.Operator) {
            return new Actor("operator", null, "Platform operator");
        }
        if (caller instanceof Caller.OperatorStaff staff) {
            return new Actor("operator", staff.accountId().toString(), "Operator staff " + staff.email());
        }
        return signedInPerson();
    }

    /** A person acting outside an organization's pages (accepting an invitation), else the system. */
    private static Actor signedInPerson() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof SignedIn person) {
            return new Actor("member", person.accountId().toString(), person.email());
        }
        return new Actor("system", null, "System");
    }

    private static Optional<String> clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return Optional.ofNullable(request.getRemoteAddr());
        }
        return Optional.empty();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
