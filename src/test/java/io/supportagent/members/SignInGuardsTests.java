package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The guards around signing in: CSRF on every form (sign-in included), the per-address failure budget, and the OIDC
 * mapping, which accepts only a verified email of an existing account (or an invitation).
 */
@DashboardTest
class SignInGuardsTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    PasswordSignIn passwords;

    @Autowired
    OidcSignIn oidc;

    @Autowired
    MemberService members;

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession forged = DashboardSession.anonymous(port);
        forged.get("/login");

        var signIn = forged.postWithoutToken("/login", Map.of("email", owner.email(), "password", owner.password()));
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(forged.get("/app").status()).as("not signed in").isEqualTo(302);

        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String team = "/app/" + org.organization().id() + "/live/team";
        browser.get(team);
        String email = "forged-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        var invite = browser.postWithoutToken(team + "/invitations", Map.of("email", email, "role", "owner"));
        var wrongToken = browser.postWithoutToken(
                team + "/invitations", Map.of("email", email, "role", "owner", "_csrf", "not-the-token"));
        var signOut = browser.postWithoutToken("/logout", Map.of());

        assertThat(List.of(invite.status(), wrongToken.status(), signOut.status()))
                .containsOnly(403);
        assertThat(browser.get(team).body()).doesNotContain(email);
    }

    @Test
    void tooManyWrongPasswordsFromOneAddressPauseSigningInFromIt() {
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        int refused = 0;
        SignInThrottled throttled = null;
        for (int i = 0; i < 60 && throttled == null; i++) {
            try {
                passwords.authenticate(attempt("someone-" + i + "@people.example", "wrong password", address));
            } catch (BadCredentialsException wrong) {
                refused++;
            } catch (SignInThrottled paused) {
                throttled = paused;
            }
        }

        // 50 a window; the budget refills (one attempt per 18 s) while a slow machine runs this.
        assertThat(refused).isBetween(50, 53);
        assertThat(throttled).isNotNull();
        assertThat(throttled.retryAfter()).isPositive();
        // Other addresses sign in as usual.
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        assertThat(passwords.authenticate(attempt(owner.email(), owner.password(), "198.51.100.251")))
                .isInstanceOf(SignedIn.class);
    }

    @Test
    void oidcMapsOnlyAVerifiedEmailOfAnExistingAccount() {
        var org = fixtures.organization(Tier.BASIC);
        var agent = people.join(org.organization().id(), MemberRole.AGENT);

        assertThat(oidc.person(user(agent.email().toUpperCase(), true)).getEmail())
                .isEqualTo(agent.email().toUpperCase());
        assertThatThrownBy(() -> oidc.person(user(agent.email(), false)))
                .isInstanceOfSatisfying(
                        OidcSignIn.Refused.class, r -> assertThat(r.reason()).isEqualTo("oidc_unverified_email"));
        assertThatThrownBy(() -> oidc.person(user("stranger-" + agent.email(), true)))
                .isInstanceOfSatisfying(
                        OidcSignIn.Refused.class, r -> assertThat(r.reason()).isEqualTo("oidc_no_account"));
    }

    private static UsernamePasswordAuthenticationToken attempt(String email, String password, String address) {
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }

    private static DefaultOidcUser user(String email, boolean verified) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .subject("sub-" + email)
                .claim("email", email)
                .claim("email_verified", verified)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
    }
}
