package io.supportagent.conversations;

import io.supportagent.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/analytics}: how support went, in all, per store and per agent definition version. */
@RestController
@Tag(name = ApiTags.CONVERSATIONS)
class AnalyticsController {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final ConversationService conversations;
    private final java.time.Clock clock;

    AnalyticsController(ConversationService conversations, java.time.Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    record MetricsView(
            long conversations,
            long resolvedByAi,
            Double aiResolutionRate,
            long handedOff,
            Double handoffRate,
            Double medianFirstHumanReplySeconds,
            Double csatAverage,
            long csatResponses) {

        static MetricsView of(SupportMetrics m) {
            return new MetricsView(
                    m.conversations(),
                    m.resolvedByAi(),
                    m.aiResolutionRate(),
                    m.handedOff(),
                    m.handoffRate(),
                    m.medianFirstHumanReplySeconds(),
                    m.csatAverage(),
                    m.ratings());
        }
    }

    record StoreView(String storeId, MetricsView metrics) {}

    record VersionView(String agentDefinitionId, String agentType, String version, MetricsView metrics) {}

    record AnalyticsView(
            String object,
            boolean livemode,
            Instant createdGte,
            Instant createdLt,
            MetricsView total,
            List<StoreView> byStore,
            List<VersionView> byAgentVersion) {}

    @Operation(
            operationId = "getAnalytics",
            summary = "Get support analytics",
            description = "For the conversations of the key's mode started in `[created[gte], created[lt])` (default:"
                    + " the last 30 days): how many there were, how many the AI resolved alone (resolved, never"
                    + " handed off) and its rate, how many were handed off and the rate, the median seconds from"
                    + " hand-off to a person's first reply, and the average rating (1–5) shoppers gave, with how"
                    + " many rated. In all, per store, and per agent definition version (the version the instance"
                    + " ran when the conversation started), so that an upgrade's effect shows. Rates are 0..1;"
                    + " figures without data are null.")
    @GetMapping("/v1/analytics")
    AnalyticsView analytics(
            @RequestParam(name = "created[gte]", required = false) String createdGte,
            @RequestParam(name = "created[lt]", required = false) String createdLt) {
        Instant lt = ConversationController.instantParameter("created[lt]", createdLt);
        Instant gte = ConversationController.instantParameter("created[gte]", createdGte);
        Instant to = lt != null
                ? lt
                : clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant from = gte != null ? gte : to.minus(DEFAULT_PERIOD);
        SupportAnalytics a = conversations.analytics(from, to);
        return new AnalyticsView(
                "analytics",
                io.supportagent.platform.TenantContext.require().livemode(),
                a.from(),
                a.to(),
                MetricsView.of(a.total()),
                a.stores().stream()
                        .map(s -> new StoreView(s.storeId().toString(), MetricsView.of(s.metrics())))
                        .toList(),
                a.versions().stream()
                        .map(v -> new VersionView(
                                v.definitionId() == null
                                        ? null
                                        : v.definitionId().value().toString(),
                                v.type(),
                                v.version(),
                                MetricsView.of(v.metrics())))
                        .toList());
    }
}
