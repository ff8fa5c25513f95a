package io.supportagent.members;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /login/two-factor}: the second step of signing in for a person with two-factor sign-in on, after the right
 * password ({@link SecondFactorPending}): the code of their authenticator app, or one of their recovery codes. Only a
 * right code makes the session a signed-in one ({@link SignedIn}, under a new session id); a wrong, used or malformed
 * one is refused on the page (400), too many wrong ones pause codes (429), and a step left waiting longer than a few
 * minutes starts over at the password.
 *
 * <p>Sign-in through an OIDC provider asks for no code here: the provider decides how its people prove who they are
 * (its own multi-factor policy, which an organization using single sign-on sets there), and asking again would make
 * every sign-in two prompts for people whose provider already asked.
 */
@Controller
class TwoFactorSignInPage {

    static final String PATH = "/login/two-factor";

    private final TwoFactor twoFactor;
    private final Accounts accounts;
    private final DashboardSignIn signIn;
    private final TwoFactorSettings settings;
    private final Clock clock;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    TwoFactorSignInPage(
            TwoFactor twoFactor, Accounts accounts, DashboardSignIn signIn, TwoFactorSettings settings, Clock clock) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.signIn = signIn;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String form(
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<SecondFactorPending> pending = pending(request, response);
        if (pending.isEmpty()) {
            return "redirect:" + DashboardSignIn.SIGN_IN_PAGE;
        }
        return render(model, pending.get(), next);
    }

    @PostMapping(PATH)
    String verify(
            @RequestParam(required = false) String code,
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException, ServletException {
        Optional<SecondFactorPending> pending = pending(request, response);
        if (pending.isEmpty()) {
            return "redirect:" + DashboardSignIn.SIGN_IN_PAGE + "?error=two_factor_expired";
        }
        SecondFactorPending person = pending.get();
        TwoFactor.Proof proof;
        try {
            proof = twoFactor.verifySignIn(person.accountId(), code, request.getRemoteAddr());
        } catch (ApiProblem refused) {
            response.setStatus(refused.status().value());
            refused.headers().forEach(response::setHeader);
            model.addAttribute("error", refused.getMessage());
            return render(model, person, next);
        }
        accounts.signedIn(person.accountId(), clock.instant());
        SignedIn signedIn = new SignedIn(
                person.accountId(),
                person.email(),
                person.displayName(),
                List.of(
                        FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                                .issuedAt(person.since())
                                .build(),
                        FactorGrantedAuthority.withFactor(
                                        proof == TwoFactor.Proof.AUTHENTICATOR ? SignedIn.TOTP_FACTOR : "RECOVERY_CODE")
                                .issuedAt(clock.instant())
                                .build()));
        // A new session id for the signed-in session, as the password step had: an id seen half-way opens nothing.
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        signIn.signedIn(request, response, signedIn);
        return null;
    }

    private String render(Model model, SecondFactorPending person, String next) {
        model.addAttribute("email", person.email());
        model.addAttribute("continue", DashboardSignIn.safeContinue(next) ? next : null);
        return "members/two-factor-sign-in";
    }

    /** The person half-way through signing in, while their step is fresh; a stale one is forgotten. */
    private Optional<SecondFactorPending> pending(HttpServletRequest request, HttpServletResponse response) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof SecondFactorPending pending)) {
            return Optional.empty();
        }
        if (pending.since().plus(settings.pendingSignIn()).isBefore(clock.instant())) {
            SecurityContext empty = SecurityContextHolder.createEmptyContext();
            SecurityContextHolder.setContext(empty);
            contexts.saveContext(empty, request, response);
            return Optional.empty();
        }
        return Optional.of(pending);
    }
}
