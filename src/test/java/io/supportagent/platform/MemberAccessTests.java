package io.supportagent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;

/** The method-security annotations check exactly the authorities that members' roles grant. */
class MemberAccessTests {

    @Test
    void everyAnnotationChecksAnAuthorityThatSomeRoleGrants() {
        List<String> granted = Arrays.stream(MemberRole.values())
                .flatMap(role -> new Caller.Member(AccountId.random(), OrganizationId.random(), true, role)
                        .authorities().stream())
                .distinct()
                .toList();
        for (Class<?> annotation : MemberAccess.class.getDeclaredClasses()) {
            String expression = annotation.getAnnotation(PreAuthorize.class).value();
            String checked = expression.replaceAll(".*'([^']+)'.*", "$1");
            String authority = expression.startsWith("hasRole") ? "ROLE_" + checked : checked;
            assertThat(granted)
                    .as(annotation.getSimpleName() + ": " + expression)
                    .contains(authority);
        }
    }

    @Test
    void rolesGrantWhatTheDashboardPromises() {
        assertThat(MemberRole.AGENT.permissions()).containsExactly(MemberRole.Permission.SUPPORT);
        assertThat(MemberRole.BILLING.permissions()).containsExactly(MemberRole.Permission.BILLING);
        assertThat(MemberRole.ADMIN.permissions()).containsExactlyInAnyOrder(MemberRole.Permission.values());
        assertThat(new Caller.Member(AccountId.random(), OrganizationId.random(), false, MemberRole.BILLING)
                        .authorities())
                .containsExactly("ROLE_MEMBER", "member:billing");
        assertThat(new Caller.Member(AccountId.random(), OrganizationId.random(), false, MemberRole.BILLING).tenant())
                .satisfies(t -> assertThat(t.livemode()).isFalse());
    }
}
