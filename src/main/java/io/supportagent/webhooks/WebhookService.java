package io.supportagent.webhooks;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The webhooks module's API: the tenant's endpoints, and events written to the outbox for them. */
@Service
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookService(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookSettings settings, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new endpoint for the tenant in context; the answer holds its signing secret, which is never shown again. */
    @Transactional
    public WebhookEndpoint create(String url, String description) {
        Tenant tenant = TenantContext.require();
        String checked = checkUrl(url);
        if (description != null && description.length() > 500) {
            throw new InvalidRequest(
                    "description is longer than 500 characters.", Map.of("description", "at most 500 characters"));
        }
        if (endpoints.count(tenant.organizationId(), tenant.livemode()) >= settings.maxEndpoints()) {
            throw new InvalidRequest("An organization can have at most " + settings.maxEndpoints()
                    + " webhook endpoints per mode; delete one first.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return endpoints.insert(
                tenant.organizationId(),
                tenant.livemode(),
                checked,
                description,
                "whsec_" + HexFormat.of().formatHex(secret));
    }

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list() {
        Tenant tenant = TenantContext.require();
        return endpoints.list(tenant.organizationId(), tenant.livemode());
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
        if (!endpoints.delete(tenant.organizationId(), tenant.livemode(), id)) {
            throw new NotFound("webhook endpoint", id);
        }
    }

    /**
     * Writes an event to the outbox for every endpoint of the organization in that mode, in the caller's
     * transaction; the worker delivers it after the commit. Answers the event's id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(OrganizationId org, boolean livemode, String type, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId.toString());
        event.put("object", "event");
        event.put("type", type);
        event.put("created", clock.instant().toString());
        event.put("livemode", livemode);
        event.put("data", data);
        deliveries.enqueue(org, livemode, eventId, type, JSON.writeValueAsString(event), clock.instant());
        return eventId;
    }

    /**
     * Only {@code http} and {@code https} URLs with a host. Private-network targets are allowed: the platform is
     * self-hosted, and an operator who exposes it to untrusted tenants should restrict egress at the network.
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
