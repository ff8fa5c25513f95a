package io.supportagent.dashboard;

import io.supportagent.members.Invitation;
import io.supportagent.members.Member;
import io.supportagent.members.MemberService;
import io.supportagent.platform.AccountId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The team: members with their roles, open and recent invitations; invite, resend or revoke an invitation, change a
 * role, remove a member (typing their email to confirm). The rules (who may touch owners, the last owner) are the
 * members module's; a refused change shows its reason on the page with the refusal's status.
 */
@DashboardPage
class TeamPage {

    private final MemberService members;
    private final Clock clock;

    TeamPage(MemberService members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    @GetMapping("/team")
    @MemberAccess.Team
    String team(Caller.Member member, Model model) {
        List<Member> team = members.members();
        List<Invitation> invitations = members.invitations();
        model.addAttribute("members", team);
        model.addAttribute("invitations", invitations);
        model.addAttribute(
                "owners",
                team.stream().filter(m -> m.role() == MemberRole.OWNER).count());
        model.addAttribute("roles", assignable(member));
        model.addAttribute("twoFactorRequired", members.twoFactorRequired());
        model.addAttribute(
                "withoutTwoFactor", team.stream().filter(m -> !m.twoFactor()).count());
        model.addAttribute("now", clock.instant());
        return "dashboard/team";
    }

    @PostMapping("/team/invitations")
    @MemberAccess.Team
    String invite(
            Caller.Member member,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String role,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(member, model, response, redirect, () -> {
            Invitation invitation = members.invite(email, role(role));
            return "Invitation sent to " + invitation.email() + ".";
        });
    }

    @PostMapping("/team/invitations/{id}/resend")
    @MemberAccess.Team
    String resend(
            Caller.Member member,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invitation = uuid(id, "invitation");
        return act(member, model, response, redirect, () -> {
            Invitation resent = members.resendInvitation(invitation);
            return "A new invitation link went to " + resent.email() + ".";
        });
    }

    @PostMapping("/team/invitations/{id}/revoke")
    @MemberAccess.Team
    String revoke(
            Caller.Member member,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invitation = uuid(id, "invitation");
        return act(member, model, response, redirect, () -> {
            members.revokeInvitation(invitation);
            return "Invitation revoked; its link no longer works.";
        });
    }

    @PostMapping("/team/members/{account}/role")
    @MemberAccess.Team
    String changeRole(
            Caller.Member member,
            @PathVariable String account,
            @RequestParam(required = false) String role,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AccountId target = AccountId.parse(account);
        return act(member, model, response, redirect, () -> {
            Member changed = members.changeRole(target, role(role));
            return changed.email() + " is now " + changed.role().code() + ".";
        });
    }

    @PostMapping("/team/members/{account}/remove")
    @MemberAccess.Team
    String remove(
            Caller.Member member,
            @PathVariable String account,
            @RequestParam(required = false) String confirm,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AccountId target = AccountId.parse(account);
        return act(member, model, response, redirect, () -> {
            Member removed = members.members().stream()
                    .filter(m -> m.accountId().equals(target))
                    .findFirst()
                    .orElseThrow(() -> new NotFound("member", target));
            if (confirm == null || !confirm.strip().equalsIgnoreCase(removed.email())) {
                throw new InvalidRequest(
                        "Type " + removed.email() + " to confirm the removal.", Map.of("confirm", "must be the email"));
            }
            members.remove(target);
            return removed.email() + " was removed from the organization.";
        });
    }

    @PostMapping("/team/two-factor")
    @MemberAccess.Team
    String requireTwoFactor(
            Caller.Member member,
            @RequestParam(required = false) String required,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        boolean require = "true".equals(required);
        return act(member, model, response, redirect, () -> {
            members.requireTwoFactor(require);
            return require
                    ? "Every member now signs in with two factors; those without are asked to set it up."
                    : "Two-factor sign-in is no longer required.";
        });
    }

    /** Runs a change: success goes back to the team page with a toast; a refusal renders it with the reason. */
    private String act(
            Caller.Member member,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<String> change) {
        try {
            redirect.addFlashAttribute("toast", change.get());
            return "redirect:/app/" + member.organizationId() + "/" + (member.livemode() ? "live" : "test") + "/team";
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return team(member, model);
        }
    }

    /** The roles this member may give: an admin cannot make owners. */
    private static List<MemberRole> assignable(Caller.Member member) {
        return member.memberRole() == MemberRole.OWNER
                ? List.of(MemberRole.values())
                : List.of(MemberRole.ADMIN, MemberRole.AGENT, MemberRole.BILLING);
    }

    private static MemberRole role(String code) {
        return MemberRole.of(code)
                .orElseThrow(() -> new InvalidRequest(
                        "Choose a role: owner, admin, agent or billing.",
                        Map.of("role", "must be one of owner, admin, agent, billing")));
    }

    private static UUID uuid(String text, String what) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new NotFound(what, text);
    }
}
