package io.supportagent.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Optional sign-in through an OpenID Connect provider, on only when the environment configures one with Spring Boot's
 * own properties (for a provider named {@code sso}: {@code SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SSO_ISSUER_URI},
 * {@code SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENT_ID}, {@code ..._CLIENT_SECRET},
 * {@code ..._SCOPE=openid,email,profile}). The provider's verified email is mapped to a person: the account with that
 * email, or, when the person came from an invitation link's "Continue with single sign-on", a new account for the
 * invitation's email. An email the provider has not verified, or one with neither account nor invitation, is refused.
 */
@Component
class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    /** The session attribute holding the invitation token of a person who chose single sign-on to accept it. */
    static final String INVITATION = OidcSignIn.class.getName() + ".invitation";

    /** The OIDC sign-in was refused; {@link #reason()} is what the sign-in page says. */
    static final class Refused extends OAuth2AuthenticationException {
        private final String reason;

        Refused(String reason, String description) {
            super(new OAuth2Error(reason, description, null), description);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private final ClientRegistrationRepository registrations;
    private final Accounts accounts;
    private final MemberService members;
    private final Clock clock;

    OidcSignIn(
            ObjectProvider<ClientRegistrationRepository> registrations,
            Accounts accounts,
            MemberService members,
            Clock clock) {
        this.registrations = registrations.getIfAvailable();
        this.accounts = accounts;
        this.members = members;
        this.clock = clock;
    }

    /** The configured providers (id and label), for the sign-in page's buttons; none when OIDC is off. */
    List<Provider> providers() {
        if (!(registrations instanceof InMemoryClientRegistrationRepository all)) {
            return List.of();
        }
        List<Provider> providers = new java.util.ArrayList<>();
        for (ClientRegistration registration : all) {
            providers.add(new Provider(registration.getRegistrationId(), registration.getClientName()));
        }
        return providers;
    }

    record Provider(String id, String label) {}

    void configure(HttpSecurity http) throws Exception {
        if (registrations == null) {
            return;
        }
        OidcUserService verified = new OidcUserService();
        http.oauth2Login(o -> o.loginPage(DashboardSignIn.SIGN_IN_PAGE)
                .userInfoEndpoint(u -> u.oidcUserService(request -> person(verified.loadUser(request))))
                .successHandler((request, response, authentication) -> {
                    OidcUser user = (OidcUser) authentication.getPrincipal();
                    Account account =
                            accounts.byEmail(Emails.normalize(user.getEmail())).orElseThrow();
                    accounts.signedIn(account.id(), clock.instant());
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    // The provider's sign-in counts as the factors it required (its own MFA policy): no code is asked
                    // here; see TwoFactorSignInPage.
                    context.setAuthentication(new SignedIn(
                            account.id(),
                            account.email(),
                            account.name(),
                            List.of(FactorGrantedAuthority.withAuthority(
                                            FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
                                    .issuedAt(clock.instant())
                                    .build())));
                    SecurityContextHolder.setContext(context);
                    new HttpSessionSecurityContextRepository().saveContext(context, request, response);
                    response.sendRedirect(request.getContextPath() + "/app");
                })
                .failureHandler((request, response, refused) -> {
                    String reason = refused instanceof Refused r ? r.reason() : "oidc_failed";
                    log.info("OIDC sign-in refused: {}", reason);
                    response.sendRedirect(request.getContextPath() + DashboardSignIn.SIGN_IN_PAGE + "?error=" + reason);
                }));
    }

    /** The provider's user, once mapped to an account (made from a pending invitation if need be). */
    OidcUser person(OidcUser user) {
        if (!Boolean.TRUE.equals(user.getEmailVerified())) {
            throw new Refused("oidc_unverified_email", "The provider has not verified this email address.");
        }
        String email = Emails.normalize(user.getEmail());
        if (email == null) {
            throw new Refused("oidc_unverified_email", "The provider gave no usable email address.");
        }
        if (accounts.byEmail(email).isPresent()) {
            return user;
        }
        Optional<String> token = pendingInvitation();
        if (token.isPresent()) {
            Optional<MemberService.OpenInvitation> invitation = members.openInvitation(token.get());
            if (invitation.isPresent() && invitation.get().email().equals(email)) {
                String name = user.getFullName() != null ? user.getFullName() : email;
                members.acceptWithoutPassword(token.get(), name);
                return user;
            }
        }
        throw new Refused("oidc_no_account", "No account or invitation for this email address.");
    }

    private static Optional<String> pendingInvitation() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(INVITATION) instanceof String token) {
                session.removeAttribute(INVITATION);
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
