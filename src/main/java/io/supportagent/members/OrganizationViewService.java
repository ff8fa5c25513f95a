package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Operator staff viewing an organization's dashboard as its members see it ("view as organization"): read-only, with
 * a reason its owners read, for a limited time, shown by a banner on every page, and recorded in the organization's
 * audit log when it starts and when it ends. Off unless granted per staff member ({@code create-operator
 * --may-view-as-organization}). A view lives in the operator's session; the dashboard's chain checks it on every
 * request, refuses every change made during it before any handler runs, and ends it at its time limit.
 */
@Service
public class OrganizationViewService {

    /** The longest reason, in characters. */
    public static final int MAX_REASON = 500;

    /** The durations a view may have, in minutes. */
    public static final List<Integer> DURATIONS = List.of(15, 30, 60);

    public static final int DEFAULT_MINUTES = 30;

    /** Where the banner's End button posts: the one change a view allows. */
    public static final String END_PATH = "/platform/view-as/end";

    static final String SESSION_ATTRIBUTE = OrganizationViewService.class.getName() + ".view";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    private final OrganizationViews views;
    private final OperatorStaffRoster roster;
    private final AuditTrail audit;
    private final TenancyService tenancy;
    private final PlatformJdbc platform;
    private final Clock clock;

    OrganizationViewService(
            OrganizationViews views,
            OperatorStaffRoster roster,
            AuditTrail audit,
            TenancyService tenancy,
            PlatformJdbc platform,
            Clock clock) {
        this.views = views;
        this.roster = roster;
        this.audit = audit;
        this.tenancy = tenancy;
        this.platform = platform;
        this.clock = clock;
    }

    /**
     * Starts a view of the organization by the operator staff member of this request, and keeps it in their session.
     * Refused: to anyone but operator staff allowed to view organizations (403), without a reason or with one longer
     * than {@value #MAX_REASON} characters, or for a duration other than 15, 30 or 60 minutes (400), for an unknown
     * organization (404).
     */
    public OrganizationView start(OrganizationId org, String reason, String minutes, HttpSession session) {
        Caller.OperatorStaff staff = CallerAuthentication.current()
                .filter(Caller.OperatorStaff.class::isInstance)
                .map(Caller.OperatorStaff.class::cast)
                .orElseThrow(() -> new Forbidden(
                        "operator_staff_required", "Only operator staff may view an organization's dashboard."));
        if (!roster.mayViewAsOrganization(staff.accountId())) {
            throw new Forbidden(
                    "view_as_organization_off",
                    "Viewing organizations' dashboards is off for your account; it is granted with create-operator"
                            + " --email " + staff.email() + " --may-view-as-organization.");
        }
        String why = reason(reason);
        Duration duration = Duration.ofMinutes(minutes(minutes));
        Organization organization = tenancy.findOrganization(org).orElseThrow(() -> new NotFound("organization", org));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        OrganizationView view = new OrganizationView(
                UUID.randomUUID(), staff.accountId(), staff.email(), org, why, now, now.plus(duration), null, null);
        platform.inTransaction(tx -> {
            views.insert(tx, view);
            audit.recordAsStaff(
                    org,
                    staff.accountId(),
                    staff.email(),
                    AuditTrail.Entry.of(
                                    "operator_view.started",
                                    "organization",
                                    org,
                                    "Operator staff " + staff.email() + " viewed the dashboard as "
                                            + organization.name() + ", read-only, until " + time(view.endsAt())
                                            + ". Reason: " + why)
                            .with("view_id", view.id().toString())
                            .with("operator_email", staff.email())
                            .with("reason", why)
                            .with("started_at", view.startedAt().toString())
                            .with("ends_at", view.endsAt().toString()));
            return null;
        });
        session.setAttribute(SESSION_ATTRIBUTE, new Ref(org, view.id()).toString());
        return view;
    }

    /** The view this session holds, if any (running or not). */
    public Optional<OrganizationView> inSession(HttpSession session) {
        return viewId(session).flatMap(ref -> views.find(ref.org(), ref.id()));
    }

    /**
     * Ends the view this session holds (the operator chose to, or signed out: {@code how}), recording its end in the
     * organization's audit log once; the session forgets it. Answers the view, or empty when the session held none.
     */
    public Optional<OrganizationView> endInSession(HttpSession session, String how) {
        Optional<Ref> ref = viewId(session);
        session.removeAttribute(SESSION_ATTRIBUTE);
        return ref.flatMap(view -> end(view, how));
    }

    /** The view of this session that runs now for the signed-in person, if any (the console's pages show it). */
    public Optional<OrganizationView> runningInSession(HttpSession session) {
        return SignedIn.current().flatMap(person -> running(session, person.accountId()));
    }

    /** The organization's views, newest first (the console shows them). */
    public List<OrganizationView> recent(OrganizationId org, int limit) {
        return views.recent(org, limit);
    }

    /** The view of this session that runs now for this account, if any; else the session forgets it. */
    Optional<OrganizationView> running(HttpSession session, AccountId account) {
        return viewId(session).flatMap(ref -> views.running(ref.org(), ref.id(), account, clock.instant()));
    }

    /** What the session keeps of a view: its organization and id, as {@code organization/id}. */
    record Ref(OrganizationId org, UUID id) {

        @Override
        public String toString() {
            return org + "/" + id;
        }
    }

    static Optional<Ref> viewId(HttpSession session) {
        if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof String text)) {
            return Optional.empty();
        }
        String[] parts = text.split("/", 2);
        try {
            return parts.length == 2
                    ? Optional.of(new Ref(new OrganizationId(UUID.fromString(parts[0])), UUID.fromString(parts[1])))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Ends a view that still runs and records it; the view as it is now either way. */
    Optional<OrganizationView> end(Ref ref, String how) {
        Instant now = clock.instant();
        Optional<OrganizationView> ended = platform.inTransaction(tx -> {
            Optional<OrganizationView> done = views.end(tx, ref.org(), ref.id(), how, now);
            done.ifPresent(view -> audit.recordAsStaff(
                    view.organizationId(),
                    view.accountId(),
                    view.operatorEmail(),
                    AuditTrail.Entry.of(
                                    "operator_view.ended",
                                    "organization",
                                    view.organizationId(),
                                    "Operator staff " + view.operatorEmail() + " stopped viewing the dashboard "
                                            + endedHow(view.endedHow()) + " at " + time(view.endedAt()) + " after "
                                            + minutesBetween(view.startedAt(), view.endedAt()) + ". Reason given: "
                                            + view.reason())
                            .with("view_id", view.id().toString())
                            .with("operator_email", view.operatorEmail())
                            .with("reason", view.reason())
                            .with("started_at", view.startedAt().toString())
                            .with("ended_at", view.endedAt().toString())
                            .with("ended_how", view.endedHow())));
            return done;
        });
        return ended.isPresent() ? ended : views.find(ref.org(), ref.id());
    }

    /** A time as the banner and the audit log say it: {@code 14:05 UTC}. */
    public static String time(Instant at) {
        return TIME.format(at.atZone(ZoneOffset.UTC));
    }

    private static String endedHow(String how) {
        return switch (how) {
            case "expired" -> "at its time limit";
            case "signed_out" -> "(signed out)";
            default -> "(ended by them)";
        };
    }

    private static String minutesBetween(Instant from, Instant to) {
        long minutes = Math.max(0, Duration.between(from, to).toSeconds() + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidRequest(
                    "Give the reason for viewing this organization's dashboard: its owners read it in their audit log.",
                    Map.of("reason", "required"));
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidRequest(
                    "The reason is too long: at most " + MAX_REASON + " characters.",
                    Map.of("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (CONTROL.matcher(why).find()) {
            throw new InvalidRequest("The reason holds control characters.", Map.of("reason", "must be plain text"));
        }
        return why;
    }

    private static int minutes(String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return DEFAULT_MINUTES;
        }
        try {
            int value = Integer.parseInt(minutes.strip());
            if (DURATIONS.contains(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidRequest(
                "Choose how long the view lasts: 15, 30 or 60 minutes.",
                Map.of("minutes", "must be one of 15, 30, 60"));
    }
}
