package io.supportagent.dashboard;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.NotFound;
import io.supportagent.webhooks.WebhookDelivery;
import io.supportagent.webhooks.WebhookEndpoint;
import io.supportagent.webhooks.WebhookEventType;
import io.supportagent.webhooks.WebhookService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook endpoints of the page's mode: create (the signing secret shown once) with the events it receives (all, also
 * those added later, or the ones chosen, as Stripe's dashboard asks), change those events, roll the signing secret (the old one signing on for a chosen while, the new one shown
 * once), send a test event, disable or enable, delete
 * (typing the word), and each endpoint's delivery log (status, attempts, the endpoint's last HTTP status, next retry) with a
 * Resend that makes one more attempt of the same event. The rules are the webhooks module's.
 */
@DashboardPage
class WebhooksPage {

    static final int PAGE = 50;
    static final List<String> STATUSES = List.of("pending", "delivered", "failed");

    /** The event types a delivery log can hold: those endpoints choose, and the test event. */
    static final List<String> LOGGED_EVENTS = java.util.stream.Stream.concat(
                    WebhookService.EVENT_TYPES.stream(), java.util.stream.Stream.of(WebhookService.TEST_EVENT))
            .toList();

    private final WebhookService webhooks;

    WebhooksPage(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/webhooks")
    @MemberAccess.Configure
    String list(Model model) {
        List<WebhookEndpoint> endpoints = webhooks.list(100, null);
        Map<UUID, Double> rates = new LinkedHashMap<>();
        endpoints.forEach(e -> rates.put(e.id(), webhooks.successRateLastDay(e.id())));
        model.addAttribute("endpoints", endpoints);
        model.addAttribute("disabled", webhooks.disabledEndpoints());
        model.addAttribute("rates", rates);
        model.addAttribute("eventTypes", WebhookEventType.ALL);
        return "dashboard/webhooks";
    }

    /**
     * The form's choice: {@code events=all} is every event, also those added later ({@code ["*"]}); {@code
     * events=chosen} is the ticked {@code event} boxes, at least one; without a choice, the ticked boxes if any.
     */
    static List<String> chosen(String events, List<String> event) {
        boolean ticked = event != null && !event.isEmpty();
        if ("all".equals(events) || (!"chosen".equals(events) && !ticked)) {
            return List.of("*");
        }
        if (!ticked) {
            throw new InvalidRequest(
                    "Choose at least one event, or all events.", Map.of("event", "choose at least one"));
        }
        return event;
    }

    @PostMapping("/webhooks")
    @MemberAccess.Configure
    String create(
            @RequestParam(required = false) String url,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String events,
            @RequestParam(required = false) List<String> event,
            Model model,
            HttpServletResponse response) {
        try {
            WebhookEndpoint created = webhooks.create(
                    url,
                    description == null || description.isBlank() ? null : description.strip(),
                    chosen(events, event));
            response.setStatus(201);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
            model.addAttribute("toast", "Added the endpoint " + created.url() + ".");
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
        }
        return list(model);
    }

    @GetMapping("/webhooks/{id}")
    @MemberAccess.Configure
    String endpoint(
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String event,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            Model model) {
        UUID endpoint = PageActions.uuid(id, "webhook endpoint");
        WebhookEndpoint current = webhooks.endpoint(endpoint);
        String wanted = status != null && STATUSES.contains(status) ? status : null;
        String type = event != null && LOGGED_EVENTS.contains(event) ? event : null;
        UUID after = startingAfter == null || startingAfter.isBlank()
                ? null
                : PageActions.uuid(startingAfter, "webhook delivery");
        List<WebhookDelivery> page = webhooks.deliveries(endpoint, wanted, type, PAGE + 1, after);
        model.addAttribute("endpoint", current);
        model.addAttribute("disabledAt", webhooks.disabledEndpoints().get(endpoint));
        model.addAttribute("rate", webhooks.successRateLastDay(endpoint));
        model.addAttribute("deliveries", page.stream().limit(PAGE).toList());
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("status", wanted);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("event", type);
        model.addAttribute("loggedEvents", LOGGED_EVENTS);
        model.addAttribute("eventTypes", WebhookEventType.ALL);
        return "dashboard/webhook";
    }

    /** One delivery: its payload, status and every attempt, newest first, with Resend. */
    @GetMapping("/webhooks/{id}/deliveries/{delivery}")
    @MemberAccess.Configure
    String delivery(@PathVariable String id, @PathVariable String delivery, Model model) {
        UUID endpoint = PageActions.uuid(id, "webhook endpoint");
        UUID wanted = PageActions.uuid(delivery, "webhook delivery");
        model.addAttribute("endpoint", webhooks.endpoint(endpoint));
        model.addAttribute("delivery", webhooks.delivery(endpoint, wanted));
        model.addAttribute("attempts", webhooks.attempts(endpoint, wanted));
        return "dashboard/webhook-delivery";
    }

    @PostMapping("/webhooks/{id}/roll-secret")
    @MemberAccess.Configure
    String rollSecret(
            @PathVariable String id,
            @RequestParam(required = false) String overlap,
            Model model,
            HttpServletResponse response) {
        UUID endpoint = PageActions.uuid(id, "webhook endpoint");
        try {
            Duration keep = RollOverlap.of(overlap, "secret");
            WebhookEndpoint rolled = webhooks.rollSecret(endpoint, keep);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("rolled", rolled);
            model.addAttribute(
                    "toast",
                    keep.isZero()
                            ? "Rolled the secret: only the new one signs from now on."
                            : "Rolled the secret: the old one signs too until it expires.");
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
        }
        return endpoint(id, null, null, null, model);
    }

    @PostMapping("/webhooks/{id}/test")
    @MemberAccess.Configure
    String sendTest(
            Caller.Member member,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return onEndpoint(new Form(member, id, model, response, redirect), endpoint -> {
            webhooks.sendTest(endpoint);
            return PageActions.Done.to(
                    "/webhooks/" + endpoint, "Queued a test event: it shows in the log within seconds.");
        });
    }

    @PostMapping("/webhooks/{id}/events")
    @MemberAccess.Configure
    String events(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String events,
            @RequestParam(required = false) List<String> event,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return onEndpoint(new Form(member, id, model, response, redirect), endpoint -> {
            WebhookEndpoint changed = webhooks.update(endpoint, null, chosen(events, event));
            return PageActions.Done.to(
                    "/webhooks/" + endpoint,
                    changed.enabledEvents() == null
                            ? "The endpoint receives every event."
                            : "The endpoint receives " + String.join(", ", changed.enabledEvents()) + ".");
        });
    }

    @PostMapping("/webhooks/{id}/enabled")
    @MemberAccess.Configure
    String enabled(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String enabled,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return onEndpoint(new Form(member, id, model, response, redirect), endpoint -> {
            boolean on = "true".equals(enabled);
            webhooks.setEnabled(endpoint, on);
            return PageActions.Done.to(
                    "/webhooks/" + endpoint,
                    on ? "Enabled: new events are delivered again." : "Disabled: no new event is delivered.");
        });
    }

    @PostMapping("/webhooks/{id}/delete")
    @MemberAccess.Configure
    String delete(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String confirm,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return onEndpoint(new Form(member, id, model, response, redirect), endpoint -> {
            WebhookEndpoint current = webhooks.endpoint(endpoint);
            if (confirm == null || !confirm.strip().equalsIgnoreCase("delete")) {
                throw new InvalidRequest("Type delete to confirm.", Map.of("confirm", "must be the word delete"));
            }
            webhooks.delete(endpoint);
            return PageActions.Done.to("/webhooks", "Deleted the endpoint " + current.url() + " and its delivery log.");
        });
    }

    @PostMapping("/webhooks/{id}/deliveries/{delivery}/resend")
    @MemberAccess.Configure
    String resend(
            Caller.Member member,
            @PathVariable String id,
            @PathVariable String delivery,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID attempt = PageActions.uuid(delivery, "webhook delivery");
        return onEndpoint(new Form(member, id, model, response, redirect), endpoint -> {
            webhooks.resend(endpoint, attempt);
            return PageActions.Done.to("/webhooks/" + endpoint, "Queued: the event is sent again within seconds.");
        });
    }

    /** What a form posted about one endpoint brings along. */
    private record Form(
            Caller.Member member, String id, Model model, HttpServletResponse response, RedirectAttributes redirect) {}

    /**
     * Runs a change of one endpoint (404 for an id that is none of the tenant's): done, back to where it says with its
     * toast; refused, the endpoint's page again with the reason.
     */
    private String onEndpoint(Form form, java.util.function.Function<UUID, PageActions.Done> change) {
        UUID endpoint = PageActions.uuid(form.id(), "webhook endpoint");
        return PageActions.run(
                form.member(),
                form.model(),
                form.response(),
                form.redirect(),
                () -> change.apply(endpoint),
                () -> endpoint(form.id(), null, null, null, form.model()));
    }
}
