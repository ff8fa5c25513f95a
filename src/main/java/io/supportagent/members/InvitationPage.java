package io.supportagent.members;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /invitations/accept?token=…}: the page an invitation link opens. A person without an account chooses their
 * name and password (or single sign-on) and then signs in; a person with one signs in and accepts.
 */
@Controller
class InvitationPage {

    private final MemberService members;
    private final OidcSignIn oidc;

    InvitationPage(MemberService members, OidcSignIn oidc) {
        this.members = members;
        this.oidc = oidc;
    }

    @GetMapping("/invitations/accept")
    String show(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        return render(token, model, response);
    }

    @PostMapping("/invitations/accept")
    String accept(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String password,
            @RequestParam(name = "password_confirmation", required = false) String confirmation,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<SignedIn> person = SignedIn.current();
        try {
            if (person.isPresent()) {
                MemberService.Joined joined =
                        members.acceptAsSignedIn(token, person.get().accountId());
                redirect.addFlashAttribute(
                        "toast", "Welcome! You joined " + members.organizationName(joined.organizationId()) + ".");
                return "redirect:/app/" + joined.organizationId() + "/live";
            }
            if (password != null && !Objects.equals(password, confirmation)) {
                model.addAttribute("formError", "The two passwords differ.");
                model.addAttribute("name", name);
                response.setStatus(400);
                return render(token, model, response);
            }
            MemberService.Joined joined = members.acceptAsNewAccount(token, name, password);
            redirect.addFlashAttribute("email", joined.email());
            redirect.addFlashAttribute("notice", "joined");
            return "redirect:/login";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("formError", problem.getMessage());
            model.addAttribute("name", name);
            return render(token, model, response);
        }
    }

    /** "Continue with single sign-on": remembers the invitation for the OIDC round trip, then starts it. */
    @PostMapping("/invitations/accept/sso")
    String singleSignOn(
            @RequestParam(required = false) String token, @RequestParam String provider, HttpSession session) {
        if (members.openInvitation(token).isEmpty()
                || oidc.providers().stream().noneMatch(p -> p.id().equals(provider))) {
            return "redirect:/invitations/accept?token=" + encode(token);
        }
        session.setAttribute(OidcSignIn.INVITATION, token);
        return "redirect:/oauth2/authorization/" + provider;
    }

    private String render(String token, Model model, HttpServletResponse response) {
        Optional<MemberService.OpenInvitation> invitation =
                token == null ? Optional.empty() : members.openInvitation(token);
        if (invitation.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("state", "unknown");
            return "members/invitation";
        }
        MemberService.OpenInvitation open = invitation.get();
        model.addAttribute("invitation", open);
        model.addAttribute("token", token);
        model.addAttribute("providers", oidc.providers());
        Optional<SignedIn> person = SignedIn.current();
        String state;
        if (open.status() != Invitation.Status.PENDING) {
            state = open.status().name().toLowerCase(java.util.Locale.ROOT);
            if (response.getStatus() < 400) {
                response.setStatus(410);
            }
        } else if (person.isPresent()) {
            state = person.get().email().equals(open.email()) ? "accept" : "other-person";
            model.addAttribute("person", person.get());
        } else if (open.accountExists()) {
            state = "sign-in";
            model.addAttribute("signInUrl", "/login?continue=" + encode("/invitations/accept?token=" + token));
        } else {
            state = "new-account";
        }
        model.addAttribute("state", state);
        return "members/invitation";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
