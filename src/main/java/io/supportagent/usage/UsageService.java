package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.UsageEventId;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.tenancy.BillingProfile;
import io.supportagent.tenancy.TenancyService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The usage module's API: metering live conversations into their organization's billing period. */
@Service
public class UsageService {

    /** Tier changes this far back cover the start of any period that contains a given moment. */
    public static final Duration PROFILE_LOOKBACK = Duration.ofDays(32);

    private static final int EXPORT_CHUNK = 1_000;

    private final ConversationUsages usages;
    private final UsageEvents ledger;
    private final UsageAlerts alerts;
    private final TenancyService tenancy;
    private final Allowances allowances;
    private final ApplicationEventPublisher events;
    private final PlatformJdbc platform;

    UsageService(
            ConversationUsages usages,
            UsageEvents ledger,
            UsageAlerts alerts,
            TenancyService tenancy,
            Allowances allowances,
            ApplicationEventPublisher events,
            PlatformJdbc platform) {
        this.usages = usages;
        this.ledger = ledger;
        this.alerts = alerts;
        this.tenancy = tenancy;
        this.allowances = allowances;
        this.events = events;
        this.platform = platform;
    }

    /**
     * Counts one live conversation, in the caller's transaction, so that the conversation, its count and its event in
     * the usage ledger commit or roll back together. Answers the period's new count.
     *
     * <p>The counter row stays locked until that transaction ends, so concurrent starts of one organization are
     * counted one after the other: the cap check and the threshold crossings below see exact counts. Beyond the
     * cap this throws {@link UsageLimitReached}, which rolls the conversation back. The cap, time zone and allowance
     * come from the node's organization snapshot (a change made on another node applies here within moments). A
     * threshold reached for the
     * first time in the period is recorded and published as {@link UsageThresholdCrossed}, once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int countConversation(CountedConversation conversation) {
        OrganizationId org = conversation.organizationId();
        Instant at = conversation.at();
        BillingProfile profile = tenancy.meteringProfile(org, at.minus(PROFILE_LOOKBACK));
        BillingPeriod period = BillingPeriod.containing(at, profile.zone());
        ConversationUsages.Counted counted = usages.count(conversation, period.startDate());
        Integer cap = profile.organization().usageCap();
        if (cap != null && counted.conversations() > cap) {
            throw new UsageLimitReached(cap, period);
        }
        Allowance allowance = allowances.allowance(profile, period);
        List<Integer> crossed = allowance.newlyCrossed(counted.conversations(), counted.thresholdsCrossed());
        if (!crossed.isEmpty()) {
            usages.markCrossed(org, period.startDate(), crossed);
            for (int threshold : crossed) {
                alerts.insert(
                                org,
                                period.startDate(),
                                threshold,
                                counted.conversations(),
                                allowance.includedConversations(),
                                at)
                        .ifPresent(alert -> events.publishEvent(new UsageThresholdCrossed(alert, period.code())));
            }
        }
        return counted.conversations();
    }

    /** The tenant's count and alerts of the period that starts on {@code periodStart}. */
    @Transactional(readOnly = true)
    public PeriodUsage usage(OrganizationId org, LocalDate periodStart) {
        var found = usages.find(org, periodStart);
        return new PeriodUsage(
                periodStart,
                found.map(ConversationUsage::conversations).orElse(0),
                alerts.ofPeriod(org, periodStart),
                found.map(ConversationUsage::migratedConversations).orElse(0));
    }

    /**
     * The tenant's counted periods that start before {@code before}, newest first, at most {@code limit}, each with its
     * alerts.
     */
    @Transactional(readOnly = true)
    public List<PeriodUsage> history(OrganizationId org, LocalDate before, int limit) {
        List<ConversationUsage> page = usages.history(org, before, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<LocalDate, List<UsageAlert>> byPeriod =
                alerts
                        .ofPeriods(
                                org,
                                page.getLast().periodStart(),
                                page.getFirst().periodStart())
                        .stream()
                        .collect(Collectors.groupingBy(UsageAlert::periodStart));
        return page.stream()
                .map(u -> new PeriodUsage(
                        u.periodStart(),
                        u.conversations(),
                        byPeriod.getOrDefault(u.periodStart(), List.of()),
                        u.migratedConversations()))
                .toList();
    }

    /**
     * The tenant's usage ledger, newest first: one event per counted conversation, of the period that starts in
     * {@code period} or of all periods, after the event {@code startingAfter}. Only live conversations are counted,
     * so a test key's ledger is empty, as its usage is zero.
     */
    @Transactional(readOnly = true)
    public List<UsageEvent> events(YearMonth period, int limit, UsageEventId startingAfter) {
        Tenant tenant = TenantContext.require();
        if (!tenant.livemode()) {
            return List.of();
        }
        return ledger.page(tenant.organizationId(), period == null ? null : period.atDay(1), limit, startingAfter);
    }

    /**
     * Hands every event of one period to {@code sink}, oldest first, read in chunks within one snapshot: an export
     * of any size in little memory, consistent with itself.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void exportEvents(YearMonth period, Consumer<UsageEvent> sink) {
        Tenant tenant = TenantContext.require();
        if (!tenant.livemode()) {
            return;
        }
        UsageEvent last = null;
        while (true) {
            List<UsageEvent> chunk = ledger.ofPeriodFrom(
                    tenant.organizationId(),
                    period.atDay(1),
                    last == null ? null : last.countedAt(),
                    last == null ? null : last.id(),
                    EXPORT_CHUNK);
            chunk.forEach(sink);
            if (chunk.size() < EXPORT_CHUNK) {
                return;
            }
            last = chunk.getLast();
        }
    }

    /** Operator work: every organization's count for the month starting on {@code periodStart}, by organization. */
    public Map<UUID, Integer> countsOfPeriod(LocalDate periodStart) {
        return usages.allOfPeriod(platform.jdbc(), periodStart);
    }
}
