package io.supportagent.dashboard;

import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.apikeys.IssuedKey;
import io.supportagent.apikeys.OrganizationApiKey;
import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The secret keys of the page's mode (a live page lists and makes live keys, a test page test keys): create (the
 * secret shown once, with a copy button), roll with a chosen overlap, revoke after typing the key's name. The rules
 * (who sees which key, what a roll does to the old key) are the apikeys module's; all of it is audited there.
 */
@DashboardPage
class ApiKeysPage {

    static final int PAGE = 100;

    private final ApiKeyService keys;
    private final Clock clock;

    ApiKeysPage(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping("/api-keys")
    @MemberAccess.Configure
    String list(Model model) {
        List<OrganizationApiKey> page = keys.listOfOwnMode(PAGE, null);
        model.addAttribute("keys", page);
        model.addAttribute("now", clock.instant());
        return "dashboard/api-keys";
    }

    @PostMapping("/api-keys")
    @MemberAccess.Configure
    String create(
            Caller.Member member,
            @RequestParam(required = false) String name,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            if (name == null || name.isBlank() || name.strip().length() > 100) {
                throw new InvalidRequest(
                        "Name the key (at most 100 characters), e.g. after the system that will use it.",
                        Map.of("name", "must be 1 to 100 characters"));
            }
            IssuedKey issued = keys.create(name.strip(), null);
            return revealed(
                    model, response, issued, "Created the key “" + issued.key().name() + "”.");
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return list(model);
        }
    }

    @PostMapping("/api-keys/{id}/roll")
    @MemberAccess.Configure
    String roll(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String overlap,
            Model model,
            HttpServletResponse response) {
        ApiKeyId key = ApiKeyId.parse(id);
        try {
            Duration keep = RollOverlap.of(overlap, "key");
            ofPageMode(keys.get(key), member);
            ApiKeyService.Rolled rolled = keys.roll(key, keep);
            return revealed(
                    model,
                    response,
                    rolled.issued(),
                    keep.isZero()
                            ? "Rolled the key; the old one stopped working."
                            : "Rolled the key; the old one works until "
                                    + rolled.previous().expiresAt() + ".");
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return list(model);
        }
    }

    @PostMapping("/api-keys/{id}/revoke")
    @MemberAccess.Configure
    String revoke(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(required = false) String confirm,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        ApiKeyId key = ApiKeyId.parse(id);
        return PageActions.run(
                member,
                model,
                response,
                redirect,
                () -> {
                    OrganizationApiKey current = keys.get(key);
                    ofPageMode(current, member);
                    if (confirm == null || !confirm.strip().equals(current.name())) {
                        throw new InvalidRequest(
                                "Type the key's name, " + current.name() + ", to revoke it.",
                                Map.of("confirm", "must be the key's name"));
                    }
                    keys.revoke(key);
                    return PageActions.Done.to(
                            "/api-keys", "Revoked “" + current.name() + "”; requests with it are refused from now on.");
                },
                () -> list(model));
    }

    /** A page changes only its own mode's keys: the other mode's are on the other mode's page. */
    private static void ofPageMode(OrganizationApiKey key, Caller.Member member) {
        if (key.livemode() != member.livemode()) {
            throw new NotFound("API key", key.id());
        }
    }

    /** The key's secret, on this answer only (never in the session or a URL), above the list. */
    private String revealed(Model model, HttpServletResponse response, IssuedKey issued, String toast) {
        response.setStatus(201);
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("issued", issued);
        model.addAttribute("toast", toast);
        return list(model);
    }
}
