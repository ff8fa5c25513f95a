package io.supportagent.dashboard.console;

import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.billing.BillingService;
import io.supportagent.members.AuditEvent;
import io.supportagent.members.AuditFilter;
import io.supportagent.members.AuditTrail;
import io.supportagent.members.OperatorStaffService;
import io.supportagent.members.OrganizationView;
import io.supportagent.members.OrganizationViewService;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OperatorStaffOnly;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.tenancy.CreateOrganization;
import io.supportagent.tenancy.CustomPricing;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.OrganizationChanges;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Organizations: list and search; create one with its first owner's invitation (the link shown once); one
 * organization's tier, name, usage cap, billing time zone, custom pricing, suspension, and its recent audit log. Every
 * change goes through the same service calls as the platform API's ({@code POST} and {@code PATCH
 * /platform/v1/organizations}), so the rules are the same and each change lands in the organization's audit log with
 * the staff member as its actor.
 */
@ConsolePage
@OperatorStaffOnly
class OrganizationsConsole {

    static final int PAGE = 25;

    private final TenancyService tenancy;
    private final ApiKeyService keys;
    private final AuditTrail audit;
    private final BillingService billing;
    private final OrganizationViewService views;
    private final OperatorStaffService staff;

    OrganizationsConsole(
            TenancyService tenancy,
            ApiKeyService keys,
            AuditTrail audit,
            BillingService billing,
            OrganizationViewService views,
            OperatorStaffService staff) {
        this.tenancy = tenancy;
        this.keys = keys;
        this.audit = audit;
        this.billing = billing;
        this.views = views;
        this.staff = staff;
    }

    @GetMapping({"", "/"})
    String home() {
        return "redirect:" + ConsolePage.BASE + "/organizations";
    }

    @GetMapping("/organizations")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            Model model) {
        OrganizationId after = FormValues.text(startingAfter) == null ? null : FormValues.organization(startingAfter);
        String query = FormValues.text(q);
        List<Organization> page = tenancy.searchOrganizationsPage(query, PAGE, after);
        List<Organization> shown = page.stream().limit(PAGE).toList();
        model.addAttribute("organizations", shown);
        model.addAttribute("thisMonth", billing.currentCounts(shown));
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("q", query);
        model.addAttribute("tiers", tierCodes());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        return "console/organizations";
    }

    @PostMapping("/organizations")
    String create(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String tier,
            @RequestParam(name = "owner_email", required = false) String ownerEmail,
            @RequestParam(name = "usage_cap", required = false) String usageCap,
            @RequestParam(name = "billing_timezone", required = false) String billingTimezone,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            CreateOrganization command = new CreateOrganization(
                    name == null ? "" : name,
                    tier(tier),
                    null,
                    FormValues.whole(usageCap, "usage_cap"),
                    FormValues.text(billingTimezone),
                    FormValues.text(ownerEmail));
            ApiKeyService.Onboarded onboarded = keys.createOrganization(command, command.ownerEmail());
            Organization org = onboarded.organization();
            redirect.addFlashAttribute("invitationUrl", onboarded.ownerInvitationUrl());
            redirect.addFlashAttribute("invitedEmail", command.ownerEmail());
            redirect.addFlashAttribute(
                    "toast", "Created " + org.name() + " on " + org.tier().code() + ".");
            return "redirect:" + ConsolePage.BASE + "/organizations/" + org.id();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("createError", Refusals.message(problem));
            model.addAttribute(
                    "form",
                    Map.of(
                            "name", value(name),
                            "tier", value(tier),
                            "owner_email", value(ownerEmail),
                            "usage_cap", value(usageCap),
                            "billing_timezone", value(billingTimezone)));
            return list(null, null, model);
        }
    }

    @GetMapping("/organizations/{id}")
    String organization(@PathVariable String id, Model model) {
        OrganizationId org = FormValues.organization(id);
        Organization found = tenancy.findOrganization(org).orElseThrow(() -> new NotFound("organization", org));
        model.addAttribute("org", found);
        model.addAttribute("pricing", TenancyService.customPricing(found).orElse(null));
        model.addAttribute("tiers", tierCodes());
        // The organization's own usage and audit log, as its owners read them (its tenant, row-level security):
        // operator changes show with who made them.
        Tenant live = Tenant.live(org);
        model.addAttribute("usage", TenantContext.callAs(live, billing::currentUsage));
        model.addAttribute("upcoming", TenantContext.callAs(live, billing::upcoming));
        List<AuditEvent> events = TenantContext.callAs(live, () -> audit.events(AuditFilter.NONE, 10, null));
        model.addAttribute("events", events.stream().limit(10).toList());
        model.addAttribute("views", views.recent(org, 10));
        model.addAttribute("viewDurations", OrganizationViewService.DURATIONS);
        model.addAttribute("viewDefaultMinutes", OrganizationViewService.DEFAULT_MINUTES);
        model.addAttribute("viewMaxReason", OrganizationViewService.MAX_REASON);
        model.addAttribute(
                "mayViewAsOrganization",
                CallerAuthentication.current()
                        .filter(Caller.OperatorStaff.class::isInstance)
                        .map(c -> staff.mayViewAsOrganization(((Caller.OperatorStaff) c).accountId()))
                        .orElse(false));
        if (!model.containsAttribute("viewForm")) {
            model.addAttribute("viewForm", Map.of());
        }
        return "console/organization";
    }

    /**
     * Starts a read-only view of the organization's dashboard, with a reason and a time limit, and opens it; the
     * session id changes, as at sign-in. A refusal (no reason, a bad duration, viewing off for this staff member)
     * renders the organization with the reason.
     */
    @PostMapping("/organizations/{id}/view-as")
    String viewAs(
            @PathVariable String id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String minutes,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        OrganizationId org = FormValues.organization(id);
        try {
            OrganizationView view = views.start(org, reason, minutes, request.getSession());
            request.changeSessionId();
            return "redirect:/app/" + view.organizationId() + "/live";
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("viewError", Refusals.message(problem));
            model.addAttribute("viewForm", Map.of("reason", value(reason), "minutes", value(minutes)));
            return organization(org.toString(), model);
        }
    }

    /** Ends the read-only view this session holds (the banner's End button) and comes back to its organization. */
    @PostMapping("/view-as/end")
    String endView(HttpServletRequest request, RedirectAttributes redirect) {
        return views.endInSession(request.getSession(), "ended")
                .map(view -> {
                    redirect.addFlashAttribute(
                            "toast",
                            "You stopped viewing "
                                    + tenancy.organizationSnapshot(view.organizationId())
                                            .map(Organization::name)
                                            .orElse("the organization")
                                    + " at " + OrganizationViewService.time(view.endedAt()) + ".");
                    return "redirect:" + ConsolePage.BASE + "/organizations/" + view.organizationId();
                })
                .orElse("redirect:" + ConsolePage.BASE + "/organizations");
    }

    @PostMapping("/organizations/{id}/settings")
    String settings(
            @PathVariable String id,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String tier,
            @RequestParam(name = "usage_cap", required = false) String usageCap,
            @RequestParam(name = "billing_timezone", required = false) String billingTimezone,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        OrganizationId org = FormValues.organization(id);
        return change(org, model, response, redirect, () -> {
            Integer cap = FormValues.whole(usageCap, "usage_cap");
            Organization updated = tenancy.updateOrganization(
                    org,
                    new OrganizationChanges(
                            name, // the service refuses a blank one
                            tier == null ? null : tier(tier),
                            null,
                            null,
                            false,
                            cap,
                            cap == null,
                            FormValues.text(billingTimezone)));
            return "Saved " + updated.name() + ": " + updated.tier().code() + ", usage cap "
                    + (updated.usageCap() == null ? "none" : updated.usageCap()) + ", billing time zone "
                    + updated.billingTimezone() + ".";
        });
    }

    @PostMapping("/organizations/{id}/pricing")
    String pricing(
            @PathVariable String id,
            @RequestParam(name = "base_fee_cents", required = false) String baseFeeCents,
            @RequestParam(name = "included_conversations", required = false) String includedConversations,
            @RequestParam(name = "overage_unit_price", required = false) String overageUnitPrice,
            @RequestParam(name = "rate_limit_per_second", required = false) String rateLimitPerSecond,
            @RequestParam(name = "rate_limit_burst", required = false) String rateLimitBurst,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        OrganizationId org = FormValues.organization(id);
        return change(org, model, response, redirect, () -> {
            CustomPricing pricing = new CustomPricing(
                    FormValues.wholeLong(baseFeeCents, "base_fee_cents"),
                    FormValues.whole(includedConversations, "included_conversations"),
                    FormValues.decimal(overageUnitPrice, "overage_unit_price"),
                    FormValues.whole(rateLimitPerSecond, "rate_limit_per_second"),
                    FormValues.whole(rateLimitBurst, "rate_limit_burst"));
            boolean none = pricing.baseFeeCents() == null
                    && pricing.includedConversations() == null
                    && pricing.overageUnitPrice() == null
                    && pricing.rateLimitPerSecond() == null
                    && pricing.rateLimitBurst() == null;
            tenancy.updateOrganization(
                    org, new OrganizationChanges(null, null, null, none ? null : pricing, none, null, false, null));
            return none ? "Custom pricing removed: the tier's plan applies." : "Custom pricing saved.";
        });
    }

    @PostMapping("/organizations/{id}/suspend")
    String suspend(
            @PathVariable String id,
            @RequestParam(required = false) String confirm,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        OrganizationId org = FormValues.organization(id);
        return change(org, model, response, redirect, () -> {
            Organization current = tenancy.findOrganization(org).orElseThrow(() -> new NotFound("organization", org));
            if (confirm == null || !confirm.strip().equals(current.name())) {
                throw new InvalidRequest(
                        "Type the organization's name, " + current.name() + ", to suspend it.",
                        Map.of("confirm", "must be the organization's name"));
            }
            tenancy.updateOrganization(org, status("suspended"));
            return current.name() + " is suspended: its API keys and widgets are refused on every node.";
        });
    }

    @PostMapping("/organizations/{id}/resume")
    String resume(@PathVariable String id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        OrganizationId org = FormValues.organization(id);
        return change(org, model, response, redirect, () -> {
            Organization resumed = tenancy.updateOrganization(org, status("active"));
            return resumed.name() + " is active again.";
        });
    }

    /** Runs a change: success goes back to the organization with a toast; a refusal renders it with the reason. */
    private String change(
            OrganizationId org,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<String> change) {
        try {
            redirect.addFlashAttribute("toast", change.get());
            return "redirect:" + ConsolePage.BASE + "/organizations/" + org;
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", Refusals.message(problem));
            return organization(org.toString(), model);
        }
    }

    private static OrganizationChanges status(String status) {
        return new OrganizationChanges(null, null, status, null, false, null, false, null);
    }

    private static Tier tier(String code) {
        try {
            return Tier.of(code == null ? "" : code);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(
                    "Choose a tier: basic, pro or enterprise.",
                    Map.of("tier", "must be one of basic, pro, enterprise"));
        }
    }

    private static List<String> tierCodes() {
        return Arrays.stream(Tier.values()).map(Tier::code).toList();
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
