package io.supportagent.webhooks;

import io.supportagent.platform.NotFound;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/webhook-endpoints}: where the organization receives events such as {@code usage.threshold_crossed}. */
@RestController
@Tag(name = ApiTags.WEBHOOKS)
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * What {@link WebhookService#checkUrl} and the target check take, as the API description says it: http(s), a
     * host name with a dot (names without one mean the platform's own network) and an optional port, path, query.
     */
    static final String URL = "^[Hh][Tt][Tt][Pp][Ss]?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
            + "[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~!$&'()*+,;=:@/?-]*)?$";

    record CreateEndpointCommand(
            @io.swagger.v3.oas.annotations.media.Schema(
                    pattern = URL,
                    maxLength = 2048,
                    example = "https://hooks.example.com/support-agent",
                    description = "Where events are posted: an http(s) URL on the public internet.")
            @NotBlank
            String url,

            @jakarta.validation.constraints.Size(max = 500) String description,

            @io.swagger.v3.oas.annotations.media.ArraySchema(
                    schema =
                            @io.swagger.v3.oas.annotations.media.Schema(
                                    allowableValues = {
                                        "*",
                                        "usage.threshold_crossed",
                                        "conversation.handed_off",
                                        "conversation.assigned",
                                        "conversation.unassigned",
                                        "conversation.handed_back",
                                        "conversation.resolved",
                                        "message.created"
                                    }))
            @jakarta.validation.constraints.Size(max = 20)
            List<String> enabledEvents) {}

    record UpdateEndpointCommand(
            @jakarta.validation.constraints.Size(max = 500) String description,

            @io.swagger.v3.oas.annotations.media.ArraySchema(
                    schema =
                            @io.swagger.v3.oas.annotations.media.Schema(
                                    allowableValues = {
                                        "*",
                                        "usage.threshold_crossed",
                                        "conversation.handed_off",
                                        "conversation.assigned",
                                        "conversation.unassigned",
                                        "conversation.handed_back",
                                        "conversation.resolved",
                                        "message.created"
                                    }))
            @jakarta.validation.constraints.Size(max = 20)
            List<String> enabledEvents) {}

    record EndpointView(
            String id,
            String object,
            String url,
            String description,
            boolean livemode,
            List<String> enabledEvents,
            String secret,
            Instant createdAt,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "Until when the secret before the last roll signs deliveries too"
                            + " (a second v1); null when none does.")
            Instant previousSecretExpiresAt) {

        static EndpointView of(WebhookEndpoint e, boolean withSecret) {
            return new EndpointView(
                    e.id().toString(),
                    "webhook_endpoint",
                    e.url(),
                    e.description(),
                    e.livemode(),
                    e.enabledEvents() == null ? List.of("*") : e.enabledEvents(),
                    withSecret ? e.secret() : null,
                    e.createdAt(),
                    e.previousSecretExpiresAt());
        }
    }

    static final long DEFAULT_PREVIOUS_SECRET_SECONDS = 86_400;

    record RollSecretCommand(
            @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(604_800)
            Long expiresInSeconds) {}

    @Operation(
            operationId = "rollWebhookEndpointSecret",
            summary = "Roll an endpoint's signing secret",
            description = "Answers the endpoint with a new `secret` (shown this once). The old secret signs every"
                    + " delivery too (a second `v1` in `Support-Agent-Signature`) for `expires_in_seconds` more"
                    + " (default a day, at most 7 days, 0: it stops now), so that the receiver can switch without"
                    + " refusing a delivery; `previous_secret_expires_at` says until when. A secret kept from an"
                    + " earlier roll stops.")
    @RequestExample("""
            {"expires_in_seconds": 3600}""")
    @ProblemResponse(status = 404, codes = "not_found")
    @PostMapping("/v1/webhook-endpoints/{id}/roll-secret")
    EndpointView rollSecret(
            @PathVariable String id,
            @RequestBody(required = false) @jakarta.validation.Valid RollSecretCommand command) {
        long seconds = command == null || command.expiresInSeconds() == null
                ? DEFAULT_PREVIOUS_SECRET_SECONDS
                : command.expiresInSeconds();
        return EndpointView.of(webhooks.rollSecret(parse(id), java.time.Duration.ofSeconds(seconds)), true);
    }

    record TestEventView(String id, String object, String type, String webhookEndpointId) {}

    @Operation(
            operationId = "sendWebhookTestEvent",
            summary = "Send a test event",
            description = "Queues a `webhook_endpoint.test` event for this endpoint alone, whatever events it"
                    + " chose, signed like every event; it appears in the endpoint's delivery log within seconds."
                    + " A disabled endpoint is sent nothing: 409 `webhook_endpoint_disabled`.")
    @ProblemResponse(status = 404, codes = "not_found")
    @ProblemResponse(status = 409, codes = "webhook_endpoint_disabled")
    @PostMapping("/v1/webhook-endpoints/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestEventView sendTest(@PathVariable String id) {
        UUID endpoint = parse(id);
        UUID event = webhooks.sendTest(endpoint);
        return new TestEventView(event.toString(), "event", WebhookService.TEST_EVENT, endpoint.toString());
    }

    @Operation(
            operationId = "createWebhookEndpoint",
            summary = "Add a webhook endpoint",
            description = "Events of the key's mode are posted to this public https URL, signed with the"
                    + " endpoint's `secret` (shown this once), and retried until delivered. `enabled_events` chooses"
                    + " which: `usage.threshold_crossed`, `conversation.handed_off`, `conversation.assigned`,"
                    + " `conversation.unassigned` (the claim expired, or handed back), `conversation.handed_back` (to"
                    + " the AI), `conversation.resolved`, `message.created` (messages the shopper sees; never the team's"
                    + " internal notes); absent, empty or `[\"*\"]` means all of them, also those added later. An"
                    + " unknown event type answers 400.")
    @RequestExample("""
            {"url": "https://hooks.trail-outfitters.com/support-agent", "description": "Helpdesk sync",
             "enabled_events": ["conversation.handed_off", "conversation.resolved", "message.created"]}""")
    @PostMapping("/v1/webhook-endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    EndpointView create(@RequestBody @jakarta.validation.Valid CreateEndpointCommand command) {
        return EndpointView.of(webhooks.create(command.url(), command.description(), command.enabledEvents()), true);
    }

    @Operation(
            operationId = "updateWebhookEndpoint",
            summary = "Update a webhook endpoint",
            description = "Changes the description or the events the endpoint receives (`[\"*\"]`: all of them);"
                    + " what is left out stays. Answers the endpoint without its secret.")
    @RequestExample("""
            {"enabled_events": ["conversation.handed_off", "conversation.assigned"]}""")
    @ProblemResponse(status = 404, codes = "not_found")
    @PostMapping("/v1/webhook-endpoints/{id}")
    EndpointView update(@PathVariable String id, @RequestBody @jakarta.validation.Valid UpdateEndpointCommand command) {
        return EndpointView.of(webhooks.update(parse(id), command.description(), command.enabledEvents()), false);
    }

    @Operation(
            operationId = "listWebhookEndpoints",
            summary = "List webhook endpoints",
            description = "The endpoints of the key's mode, newest first, without their secrets.")
    @GetMapping("/v1/webhook-endpoints")
    ListPage<EndpointView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        return ListPage.of(
                webhooks.list(size + 1, after).stream()
                        .map(e -> EndpointView.of(e, false))
                        .toList(),
                size,
                "/v1/webhook-endpoints");
    }

    @Operation(
            operationId = "getWebhookEndpoint",
            summary = "Get a webhook endpoint",
            description = "One endpoint, without its secret.")
    @GetMapping("/v1/webhook-endpoints/{id}")
    EndpointView get(@PathVariable String id) {
        return EndpointView.of(webhooks.endpoint(parse(id)), false);
    }

    record Deleted(String id, String object, boolean deleted) {}

    @Operation(
            operationId = "deleteWebhookEndpoint",
            summary = "Delete a webhook endpoint",
            description = "No more events go to it.")
    @DeleteMapping("/v1/webhook-endpoints/{id}")
    Deleted delete(@PathVariable String id) {
        UUID endpoint = parse(id);
        webhooks.delete(endpoint);
        return new Deleted(endpoint.toString(), "webhook_endpoint", true);
    }

    private static UUID parse(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new NotFound("webhook endpoint", text);
    }
}
