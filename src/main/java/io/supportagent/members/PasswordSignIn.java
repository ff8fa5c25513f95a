package io.supportagent.members;

import io.supportagent.platform.web.ClientAddress;
import io.supportagent.ratelimit.FailureBudgets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Verifies the sign-in form's email and password. Every attempt is paid for first from two failure budgets, the
 * email's and the client address's ({@link FailureBudgets}, shared by the nodes through Redis when configured), and
 * paid back when the password was right: spent budgets refuse further attempts with {@link SignInThrottled}, which
 * the page says. Unknown emails have budgets and cost a password check like known ones, so neither the answer nor
 * its timing tells whether an account exists. The email's budget starts afresh when its password changes (a reset),
 * so someone guessing cannot keep the account's owner out after they reset it. A person with two-factor sign-in on is
 * not signed in by a right password: they get a {@link SecondFactorPending}, which opens only the code's page.
 */
@Component
class PasswordSignIn implements AuthenticationProvider {

    private final Accounts accounts;
    private final Passwords passwords;
    private final FailureBudgets budgets;
    private final MembersSettings settings;
    private final AuthenticatorApps apps;
    private final Clock clock;

    PasswordSignIn(
            Accounts accounts,
            Passwords passwords,
            FailureBudgets budgets,
            MembersSettings settings,
            AuthenticatorApps apps,
            Clock clock) {
        this.accounts = accounts;
        this.apps = apps;
        this.passwords = passwords;
        this.budgets = budgets;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        String email = Emails.normalize(presented.getName());
        String password = presented.getCredentials() == null
                ? ""
                : presented.getCredentials().toString();
        Optional<Account> account = email == null ? Optional.empty() : accounts.byEmail(email);
        String emailBudget = "sign-in-email:" + (email == null ? "invalid" : email) + ":"
                + account.map(a -> a.passwordChangedAt() == null
                                ? ""
                                : Long.toString(a.passwordChangedAt().toEpochMilli()))
                        .orElse("");
        String address = address(presented);
        String addressBudget = address == null ? null : "sign-in-address:" + ClientAddress.group(address);
        int perEmail = settings.failedSignInsPerAccount();
        int perAddress = settings.failedSignInsPerAddress();
        Duration window = settings.failedSignInsWindow();

        FailureBudgets.Payment byAddress =
                addressBudget == null ? null : budgets.pay(addressBudget, perAddress, window);
        if (byAddress != null && !byAddress.paid()) {
            throw new SignInThrottled(byAddress.retryAfter());
        }
        FailureBudgets.Payment byEmail = budgets.pay(emailBudget, perEmail, window);
        if (!byEmail.paid()) {
            if (addressBudget != null) {
                budgets.refund(addressBudget, perAddress, window);
            }
            throw new SignInThrottled(byEmail.retryAfter());
        }
        boolean right =
                passwords.matches(password, account.map(Account::passwordHash).orElse(null));
        if (!right) {
            throw new BadCredentialsException("Email or password is wrong.");
        }
        // Right: no guess, so it costs nothing.
        budgets.refund(emailBudget, perEmail, window);
        if (addressBudget != null) {
            budgets.refund(addressBudget, perAddress, window);
        }
        Account signedIn = account.orElseThrow();
        if (apps.of(signedIn.id()).map(AuthenticatorApps.App::enabled).orElse(false)) {
            // Not signed in yet: the code of their authenticator app comes next (TwoFactorSignInPage).
            return new SecondFactorPending(signedIn.id(), signedIn.email(), signedIn.name(), clock.instant());
        }
        accounts.signedIn(signedIn.id(), clock.instant());
        return new SignedIn(signedIn.id(), signedIn.email(), signedIn.name(), List.of(passwordFactor(clock)));
    }

    static FactorGrantedAuthority passwordFactor(Clock clock) {
        return FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(clock.instant())
                .build();
    }

    private static String address(Authentication presented) {
        return presented.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
