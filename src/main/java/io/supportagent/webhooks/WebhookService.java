package io.supportagent.webhooks;

import io.supportagent.members.AuditTrail;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OneTimeSecrets;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The webhooks module's API: the tenant's endpoints, and events written to the outbox for them. */
@Service
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookLog log;
    private final AuditTrail audit;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ChangeNotifications changes;

    WebhookService(
            WebhookEndpoints endpoints,
            WebhookDeliveries deliveries,
            WebhookLog log,
            AuditTrail audit,
            WebhookSettings settings,
            WebhookTargets targets,
            PlatformTransactionManager transactionManager,
            Clock clock,
            ChangeNotifications changes) {
        this.changes = changes;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.log = log;
        this.audit = audit;
        this.settings = settings;
        this.targets = targets;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * A new endpoint for the tenant in context; the answer holds its signing secret, which is never shown again. The
     * URL's host must be on the public internet (see {@link WebhookTargets}); it is looked up before the transaction
     * starts, so that a slow DNS server holds no database connection.
     */
    public WebhookEndpoint create(String url, String description) {
        return create(url, description, null);
    }

    /** Every event type an endpoint can receive. */
    public static final List<String> EVENT_TYPES =
            WebhookEventType.ALL.stream().map(WebhookEventType::type).toList();

    /**
     * As {@link #create(String, String)}, receiving only {@code enabledEvents} (null, empty or {@code ["*"]}: all,
     * also those added later). An unknown type answers 400.
     */
    public WebhookEndpoint create(String url, String description, List<String> enabledEvents) {
        Tenant tenant = TenantContext.require();
        List<String> events = events(enabledEvents);
        String checked = checkUrl(url);
        if (description != null && description.codePointCount(0, description.length()) > 500) {
            throw new InvalidRequest(
                    "description is longer than 500 characters.", Map.of("description", "at most 500 characters"));
        }
        checkTarget(URI.create(checked).getHost());
        return transactions.execute(status -> {
            if (endpoints.count(tenant.organizationId(), tenant.livemode()) >= settings.maxEndpoints()) {
                throw new InvalidRequest("An organization can have at most " + settings.maxEndpoints()
                        + " webhook endpoints per mode; delete one first.");
            }
            changes.announce(new Change.WebhookEndpoints(tenant.organizationId()));
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            WebhookEndpoint created = endpoints.insert(
                    tenant.organizationId(),
                    tenant.livemode(),
                    checked,
                    description,
                    OneTimeSecrets.WEBHOOK_SECRET + HexFormat.of().formatHex(secret),
                    events);
            audit.record(
                    AuditTrail.Entry.of(
                                    "webhook_endpoint.created",
                                    "webhook_endpoint",
                                    created.id(),
                                    "Added the webhook endpoint " + created.url())
                            .with("enabled_events", events == null ? List.of("*") : events),
                    tenant.livemode());
            return created;
        });
    }

    /** Changes an endpoint's description or events ({@code null}: unchanged; {@code ["*"]}: all). */
    @Transactional
    public WebhookEndpoint update(UUID id, String description, List<String> enabledEvents) {
        Tenant tenant = TenantContext.require();
        if (description != null && description.codePointCount(0, description.length()) > 500) {
            throw new InvalidRequest(
                    "description is longer than 500 characters.", Map.of("description", "at most 500 characters"));
        }
        boolean all = enabledEvents != null && events(enabledEvents) == null;
        changes.announce(new Change.WebhookEndpoints(tenant.organizationId()));
        WebhookEndpoint updated = endpoints
                .update(
                        tenant.organizationId(),
                        tenant.livemode(),
                        id,
                        description,
                        all ? null : events(enabledEvents),
                        all)
                .orElseThrow(() -> new NotFound("webhook endpoint", id));
        AuditTrail.Entry entry = AuditTrail.Entry.of(
                "webhook_endpoint.updated", "webhook_endpoint", id, "Changed the webhook endpoint " + updated.url());
        if (enabledEvents != null) {
            entry = entry.with(
                    "enabled_events", updated.enabledEvents() == null ? List.of("*") : updated.enabledEvents());
        }
        audit.record(description == null ? entry : entry.with("description", description), tenant.livemode());
        return updated;
    }

    /**
     * The chosen event types, checked; null for all of them. {@code "*"} among others still means all of them: the
     * API description allows any of its values in the list, and all of them includes the others.
     */
    private static List<String> events(List<String> enabledEvents) {
        if (enabledEvents == null || enabledEvents.isEmpty()) {
            return null;
        }
        for (String type : enabledEvents) {
            if (type == null || !(type.equals("*") || EVENT_TYPES.contains(type))) {
                throw new InvalidRequest(
                        "enabled_events has an unknown event type.",
                        Map.of("enabled_events", "each one of " + String.join(", ", EVENT_TYPES) + ", or [\"*\"]"));
            }
        }
        if (enabledEvents.contains("*")) {
            return null;
        }
        return List.copyOf(new java.util.LinkedHashSet<>(enabledEvents));
    }

    private void checkTarget(String host) {
        try {
            targets.check(host);
        } catch (PrivateTargetRefused e) {
            // The answer does not say what the host resolved to: that would map the platform's network for anyone.
            throw new InvalidRequest(
                    "url must point to the public internet; private network addresses are not allowed.",
                    Map.of(
                            "url",
                            "private network addresses (loopback, private, link-local, localhost) are not allowed"));
        } catch (UnknownHostException e) {
            // Accepted: the name may not exist yet, and every delivery checks the addresses it resolves to then.
        }
    }

    /** The tenant's endpoints of the key's mode, newest first: at most {@code limit}, after {@code startingAfter}. */
    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list(int limit, UUID startingAfter) {
        Tenant tenant = TenantContext.require();
        return endpoints.list(tenant.organizationId(), tenant.livemode(), limit, startingAfter);
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint endpoint(UUID id) {
        Tenant tenant = TenantContext.require();
        return endpoints
                .find(tenant.organizationId(), tenant.livemode(), id)
                .orElseThrow(() -> new NotFound("webhook endpoint", id));
    }

    @Transactional
    public void delete(UUID id) {
        Tenant tenant = TenantContext.require();
        WebhookEndpoint target = endpoint(id);
        changes.announce(new Change.WebhookEndpoints(tenant.organizationId()));
        if (!endpoints.delete(tenant.organizationId(), tenant.livemode(), id)) {
            throw new NotFound("webhook endpoint", id);
        }
        audit.record(
                AuditTrail.Entry.of(
                        "webhook_endpoint.deleted",
                        "webhook_endpoint",
                        id,
                        "Deleted the webhook endpoint " + target.url()),
                tenant.livemode());
    }

    /** An endpoint's deliveries, newest first, optionally of one status; 404 for an endpoint not the tenant's. */
    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(UUID endpoint, String status, int limit, UUID startingAfter) {
        return deliveries(endpoint, status, null, limit, startingAfter);
    }

    /** As {@link #deliveries(UUID, String, int, UUID)}, optionally of one event type too. */
    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(
            UUID endpoint, String status, String eventType, int limit, UUID startingAfter) {
        Tenant tenant = TenantContext.require();
        endpoint(endpoint);
        return log.deliveries(tenant.organizationId(), endpoint, status, eventType, limit, startingAfter);
    }

    /** One delivery of an endpoint; 404 for an endpoint or a delivery not the tenant's (in its mode). */
    @Transactional(readOnly = true)
    public WebhookDelivery delivery(UUID endpoint, UUID delivery) {
        Tenant tenant = TenantContext.require();
        endpoint(endpoint);
        return log.delivery(tenant.organizationId(), endpoint, delivery)
                .orElseThrow(() -> new NotFound("webhook delivery", delivery));
    }

    /**
     * A delivery's attempts, newest first: each one's time, HTTP status or error, duration and the start of the
     * answer. 404 as {@link #delivery}.
     */
    @Transactional(readOnly = true)
    public List<WebhookDeliveryAttempt> attempts(UUID endpoint, UUID delivery) {
        Tenant tenant = TenantContext.require();
        delivery(endpoint, delivery);
        return log.attempts(tenant.organizationId(), delivery);
    }

    /**
     * Sends a delivery again: it becomes pending, due now, and the worker makes one more attempt of the same event
     * (same id and payload), added to the delivery's attempts beside the earlier ones. Audited. 404 for a delivery not of this tenant's endpoint.
     */
    @Transactional
    public void resend(UUID endpoint, UUID delivery) {
        Tenant tenant = TenantContext.require();
        WebhookEndpoint target = endpoint(endpoint);
        if (!log.resend(tenant.organizationId(), endpoint, delivery, clock.instant())) {
            throw new NotFound("webhook delivery", delivery);
        }
        audit.record(
                AuditTrail.Entry.of(
                                "webhook_delivery.resent",
                                "webhook_endpoint",
                                endpoint,
                                "Sent a webhook delivery to " + target.url() + " again")
                        .with("delivery_id", delivery.toString()),
                tenant.livemode());
    }

    /** Disables an endpoint (no new deliveries) or enables it again. Audited. */
    @Transactional
    public void setEnabled(UUID endpoint, boolean enabled) {
        Tenant tenant = TenantContext.require();
        WebhookEndpoint target = endpoint(endpoint);
        log.setDisabled(tenant.organizationId(), tenant.livemode(), endpoint, enabled ? null : clock.instant());
        audit.record(
                AuditTrail.Entry.of(
                        enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled",
                        "webhook_endpoint",
                        endpoint,
                        (enabled ? "Enabled" : "Disabled") + " the webhook endpoint " + target.url()),
                tenant.livemode());
    }

    /** When each disabled endpoint of the tenant's mode was disabled. */
    @Transactional(readOnly = true)
    public Map<UUID, Instant> disabledEndpoints() {
        Tenant tenant = TenantContext.require();
        return log.disabled(tenant.organizationId(), tenant.livemode());
    }

    /** The share of an endpoint's deliveries of the last 24 hours that were delivered (0..1), or null without any. */
    @Transactional(readOnly = true)
    public Double successRateLastDay(UUID endpoint) {
        Tenant tenant = TenantContext.require();
        return log.outcomesSince(
                        tenant.organizationId(), endpoint, clock.instant().minus(Duration.ofDays(1)))
                .map(counts -> counts[0] / counts[1])
                .orElse(null);
    }

    /**
     * Writes an event to the outbox for every endpoint of the organization in that mode, in the caller's
     * transaction; the worker delivers it after the commit. Answers the event's id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(OrganizationId org, boolean livemode, String type, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        deliveries.enqueue(org, livemode, eventId, type, event(eventId, type, livemode, data), clock.instant());
        return eventId;
    }

    private String event(UUID eventId, String type, boolean livemode, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId.toString());
        event.put("object", "event");
        event.put("type", type);
        event.put("created", clock.instant().toString());
        event.put("livemode", livemode);
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }

    /** The type of the event {@link #sendTest} sends: no endpoint subscribes to it, it is sent on request only. */
    public static final String TEST_EVENT = "webhook_endpoint.test";

    /**
     * Queues a {@value #TEST_EVENT} event for this endpoint alone, whatever events it chose, so that its owner can
     * check the receiver and its signature check before real events arrive; 409 {@code webhook_endpoint_disabled}
     * for a disabled endpoint (it is sent nothing). Audited. Answers the event's id.
     */
    @Transactional
    public UUID sendTest(UUID endpoint) {
        Tenant tenant = TenantContext.require();
        WebhookEndpoint target = endpoint(endpoint);
        UUID eventId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", target.id().toString());
        view.put("url", target.url());
        data.put("webhook_endpoint", view);
        data.put("message", "A test event: the endpoint receives and can verify deliveries.");
        int queued = deliveries.enqueueTo(
                tenant.organizationId(),
                tenant.livemode(),
                endpoint,
                eventId,
                TEST_EVENT,
                event(eventId, TEST_EVENT, tenant.livemode(), data),
                clock.instant());
        if (queued == 0) {
            throw new Conflict(
                    "webhook_endpoint_disabled", "The endpoint is disabled: enable it to send it a test event.");
        }
        audit.record(
                AuditTrail.Entry.of(
                        "webhook_endpoint.tested",
                        "webhook_endpoint",
                        endpoint,
                        "Sent a test event to the webhook endpoint " + target.url()),
                tenant.livemode());
        return eventId;
    }

    /** The longest the secret before a roll may go on signing. */
    public static final Duration MAX_PREVIOUS_SECRET = Duration.ofDays(7);

    /**
     * A new signing secret for the endpoint (in the answer, shown this once); the one it replaces signs every
     * delivery too for {@code keepPrevious} more (zero: it stops now; at most {@link #MAX_PREVIOUS_SECRET}), so that
     * the receiver can switch without refusing a delivery. Audited.
     */
    @Transactional
    public WebhookEndpoint rollSecret(UUID endpoint, Duration keepPrevious) {
        Tenant tenant = TenantContext.require();
        if (keepPrevious.isNegative() || keepPrevious.compareTo(MAX_PREVIOUS_SECRET) > 0) {
            throw new InvalidRequest(
                    "The previous secret can sign for 0 seconds to 7 days more.",
                    Map.of("expires_in_seconds", "must be 0 to " + MAX_PREVIOUS_SECRET.toSeconds()));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        WebhookEndpoint rolled = endpoints
                .rollSecret(
                        tenant.organizationId(),
                        tenant.livemode(),
                        endpoint,
                        OneTimeSecrets.WEBHOOK_SECRET + HexFormat.of().formatHex(secret),
                        keepPrevious)
                .orElseThrow(() -> new NotFound("webhook endpoint", endpoint));
        audit.record(
                AuditTrail.Entry.of(
                                "webhook_endpoint.secret_rolled",
                                "webhook_endpoint",
                                endpoint,
                                "Rolled the signing secret of the webhook endpoint " + rolled.url())
                        .with("previous_secret_signs_for_seconds", keepPrevious.toSeconds()),
                tenant.livemode());
        return rolled;
    }

    /**
     * Only {@code http} and {@code https} URLs with a host and no user info. Where the host points is checked
     * separately ({@link WebhookTargets}), since that takes a DNS lookup.
     */
    static String checkUrl(String url) {
        InvalidRequest invalid = new InvalidRequest(
                "url must be an absolute http or https URL.", Map.of("url", "must be an absolute http(s) URL"));
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw invalid;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw invalid;
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw invalid;
        }
    }
}
