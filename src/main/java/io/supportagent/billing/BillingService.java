package io.supportagent.billing;

import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.tenancy.BillingProfile;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.TierChange;
import io.supportagent.usage.BillingPeriod;
import io.supportagent.usage.PeriodUsage;
import io.supportagent.usage.UsageService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The billing module's API: priced usage, invoices (finalized and upcoming) and closing a period. */
@Service
public class BillingService {

    private final PriceBook prices;
    private final UsageService usage;
    private final TenancyService tenancy;
    private final Invoices invoices;
    private final PlatformJdbc platform;
    private final Clock clock;
    private final InvoiceSeller seller;

    BillingService(
            PriceBook prices,
            UsageService usage,
            TenancyService tenancy,
            Invoices invoices,
            PlatformJdbc platform,
            Clock clock,
            InvoiceSeller seller) {
        this.seller = seller;
        this.prices = prices;
        this.usage = usage;
        this.tenancy = tenancy;
        this.invoices = invoices;
        this.platform = platform;
        this.clock = clock;
    }

    /** The tenant's running period so far. Test mode counts nothing, so a test key sees zero usage. */
    @Transactional(readOnly = true)
    public UsageReport currentUsage() {
        Tenant tenant = TenantContext.require();
        RunningPeriod running = runningPeriod(tenant);
        return report(running.profile(), running.period(), running.counted(), tenant.livemode());
    }

    /** The tenant's billing period that contains now, with what it counted so far. */
    private record RunningPeriod(BillingProfile profile, BillingPeriod period, PeriodUsage counted) {}

    private RunningPeriod runningPeriod(Tenant tenant) {
        Instant now = clock.instant();
        BillingProfile profile =
                tenancy.billingProfile(tenant.organizationId(), now.minus(UsageService.PROFILE_LOOKBACK));
        BillingPeriod period = BillingPeriod.containing(now, profile.zone());
        PeriodUsage counted = tenant.livemode()
                ? usage.usage(tenant.organizationId(), period.startDate())
                : PeriodUsage.none(period.startDate());
        return new RunningPeriod(profile, period, counted);
    }

    /**
     * Operator work: each organization's live conversations counted in its current billing month (in its own time
     * zone), for the operator's list of organizations: one read per distinct month start, not one per organization.
     */
    public Map<OrganizationId, Integer> currentCounts(List<Organization> organizations) {
        Instant now = clock.instant();
        Map<LocalDate, Map<UUID, Integer>> byStart = new HashMap<>();
        Map<OrganizationId, Integer> counts = new LinkedHashMap<>();
        for (Organization org : organizations) {
            LocalDate start = BillingPeriod.containing(now, ZoneId.of(org.billingTimezone()))
                    .startDate();
            counts.put(
                    org.id(),
                    byStart.computeIfAbsent(start, usage::countsOfPeriod)
                            .getOrDefault(org.id().value(), 0));
        }
        return counts;
    }

    /**
     * The tenant's past periods with usage, newest first: at most {@code limit}, all before {@code before} when given
     * (the cursor: a month, whether or not it had usage). Closed periods as their invoices priced them. Test mode
     * counts nothing, so a test key has no history.
     */
    @Transactional(readOnly = true)
    public List<UsageReport> usageHistory(int limit, YearMonth before) {
        Tenant tenant = TenantContext.require();
        if (!tenant.livemode()) {
            return List.of();
        }
        Instant now = clock.instant();
        BillingProfile profile = tenancy.billingProfile(tenant.organizationId(), Instant.EPOCH);
        LocalDate end = BillingPeriod.containing(now, profile.zone()).startDate();
        if (before != null && before.atDay(1).isBefore(end)) {
            end = before.atDay(1);
        }
        List<PeriodUsage> page = usage.history(tenant.organizationId(), end, limit);
        Map<String, Invoice> closed = invoices
                .ofPeriods(
                        tenant.organizationId(),
                        page.stream()
                                .map(p -> YearMonth.from(p.periodStart()).toString())
                                .toList())
                .stream()
                .collect(Collectors.toMap(Invoice::period, Function.identity()));
        List<UsageReport> reports = new ArrayList<>();
        for (PeriodUsage past : page) {
            BillingPeriod period = new BillingPeriod(YearMonth.from(past.periodStart()), profile.zone());
            Invoice invoice = closed.get(period.code());
            if (invoice == null) {
                reports.add(report(profile, period, past, true));
            } else {
                long overageCents = invoice.lines().stream()
                        .filter(l -> l.kind().equals("overage"))
                        .mapToLong(InvoiceLine::amountCents)
                        .sum();
                reports.add(new UsageReport(
                        period,
                        true,
                        past.conversations(),
                        invoice.includedConversations(),
                        prices.settings().alertThresholds(),
                        past.alerts(),
                        invoice.overageConversations(),
                        overageCents,
                        invoice.currency(),
                        profile.organization().usageCap(),
                        past.migratedConversations()));
            }
        }
        return reports;
    }

    private UsageReport report(BillingProfile profile, BillingPeriod period, PeriodUsage counted, boolean livemode) {
        PeriodPlan plan = prices.plan(profile.organization(), profile.tierChanges(), period);
        BillingCalculator.Calculation calculation = BillingCalculator.calculate(plan, counted.conversations());
        return new UsageReport(
                period,
                livemode,
                counted.conversations(),
                calculation.includedConversations(),
                prices.settings().alertThresholds(),
                counted.alerts(),
                calculation.overageConversations(),
                calculation.overageCents(),
                prices.settings().currency(),
                profile.organization().usageCap(),
                counted.migratedConversations());
    }

    /** The running period's invoice so far: computed now, never stored. */
    @Transactional(readOnly = true)
    public Invoice upcoming() {
        RunningPeriod running = runningPeriod(TenantContext.require());
        Organization organization = running.profile().organization();
        PeriodPlan plan = prices.plan(organization, running.profile().tierChanges(), running.period());
        return invoice(null, organization, plan, running.counted().conversations(), "upcoming", null);
    }

    /**
     * The tenant's finalized invoices, newest period first: at most {@code limit}, after the invoice
     * {@code startingAfter}. None in test mode: test usage is never billed.
     */
    @Transactional(readOnly = true)
    public List<Invoice> invoices(int limit, UUID startingAfter) {
        Tenant tenant = TenantContext.require();
        return tenant.livemode() ? invoices.list(tenant.organizationId(), limit, startingAfter) : List.of();
    }

    @Transactional(readOnly = true)
    public Invoice invoice(YearMonth period) {
        Tenant tenant = TenantContext.require();
        if (!tenant.livemode()) {
            throw new NotFound("invoice for period", period);
        }
        return invoices.find(tenant.organizationId(), period.toString())
                .orElseThrow(() -> new NotFound("invoice for period", period));
    }

    /**
     * Operator work: closes a month. Every organization that existed before the month ended in its billing time zone
     * gets its invoice, finalized; invoices of an earlier run stay exactly as they are, so running it again changes
     * nothing. Refused (409 period_not_ended) while the month has not ended in UTC. Set-based: a handful of statements whatever the
     * number of organizations.
     */
    public BillingRun run(YearMonth month) {
        Instant now = clock.instant();
        Instant utcEnd =
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (now.isBefore(utcEnd)) {
            // A well-formed month that time has not closed yet: the request is valid, the moment is not (409).
            throw new io.supportagent.platform.Conflict(
                    "period_not_ended",
                    "The period " + month + " has not ended yet; a period can be closed once it is over.");
        }
        String code = month.toString();
        return platform.inTransaction(tx -> {
            // Two runs of one period at once would compute the same invoices; let them take turns.
            tx.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
                    .param("key", "billing-run:" + code)
                    .query(Integer.class)
                    .single();
            Set<UUID> done = invoices.invoicedOrganizations(tx, code);
            Instant utcStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Map<UUID, List<TierChange>> changes = tenancy.tierChangesSince(utcStart.minus(Duration.ofDays(2))).stream()
                    .collect(Collectors.groupingBy(c -> c.organizationId().value()));
            Map<UUID, Integer> counts = usage.countsOfPeriod(month.atDay(1));
            List<Invoice> created = new ArrayList<>();
            int pending = 0;
            for (Organization org : tenancy.organizationsCreatedBefore(utcEnd.plus(Duration.ofDays(1)))) {
                if (done.contains(org.id().value())) {
                    continue;
                }
                BillingPeriod period = new BillingPeriod(month, ZoneId.of(org.billingTimezone()));
                if (!org.createdAt().isBefore(period.end())) {
                    continue;
                }
                if (now.isBefore(period.end())) {
                    pending++;
                    continue;
                }
                PeriodPlan plan = prices.plan(org, changes.getOrDefault(org.id().value(), List.of()), period);
                if (plan.billable()) {
                    created.add(invoice(
                            UUID.randomUUID(),
                            org,
                            plan,
                            counts.getOrDefault(org.id().value(), 0),
                            "finalized",
                            now));
                }
            }
            int inserted = invoices.insertAll(tx, created);
            return new BillingRun(code, inserted, done.size(), pending);
        });
    }

    /**
     * Operator work: a closed period's invoices, by organization id, after the invoice {@code startingAfter} (its id,
     * or its organization's id).
     */
    public List<Invoice> invoicesOfPeriod(YearMonth month, int limit, UUID startingAfter) {
        return invoices.listOfPeriod(platform.jdbc(), month.toString(), limit, startingAfter);
    }

    /** Who issues the invoices, for a printed invoice. */
    public InvoiceSeller seller() {
        return seller;
    }

    private Invoice invoice(UUID id, Organization org, PeriodPlan plan, int conversations, String status, Instant at) {
        BillingCalculator.Calculation calculation = BillingCalculator.calculate(plan, conversations);
        BillingPeriod period = plan.period();
        return new Invoice(
                id,
                null, // numbered by the insert that finalizes it
                org.id(),
                period.code(),
                period.start(),
                period.end(),
                period.zone().getId(),
                plan.billable() ? plan.last().tier().code() : org.tier().code(),
                prices.settings().currency(),
                conversations,
                calculation.includedConversations(),
                calculation.overageConversations(),
                calculation.totalCents(),
                status,
                at,
                calculation.lines());
    }
}
