package io.supportagent.dashboard.console;

import io.supportagent.platform.OperatorStaffOnly;
import io.supportagent.webhooks.EndpointHealth;
import io.supportagent.webhooks.WebhookHealth;
import java.time.Duration;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Webhook delivery health across organizations: endpoints whose deliveries fail, with their recent failure counts and
 * the latest error, first; the healthy ones after them. Over the last 24 hours, or 7 days.
 */
@ConsolePage
@OperatorStaffOnly
class WebhooksConsole {

    static final int LIMIT = 200;

    private final WebhookHealth health;

    WebhooksConsole(WebhookHealth health) {
        this.health = health;
    }

    @GetMapping("/webhooks")
    String health(@RequestParam(required = false) String window, Model model) {
        boolean week = "7d".equals(window);
        List<EndpointHealth> endpoints = health.endpoints(week ? Duration.ofDays(7) : Duration.ofHours(24), LIMIT);
        model.addAttribute("window", week ? "7d" : "24h");
        model.addAttribute(
                "failing", endpoints.stream().filter(e -> e.failing() > 0).toList());
        model.addAttribute(
                "healthy", endpoints.stream().filter(e -> e.failing() == 0).toList());
        model.addAttribute("limit", LIMIT);
        return "console/webhooks";
    }
}
