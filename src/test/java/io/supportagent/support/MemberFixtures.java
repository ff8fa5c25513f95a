package io.supportagent.support;

import io.supportagent.members.MemberService;
import io.supportagent.platform.AccountId;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** People in organizations, made the way people join: an invitation link, accepted with a name and a password. */
@Component
public class MemberFixtures {

    public static final String PASSWORD = "correct horse battery";

    private final MemberService members;

    MemberFixtures(MemberService members) {
        this.members = members;
    }

    public record Person(AccountId accountId, String email, String password) {}

    /** A new person who joined {@code org} with {@code role}. */
    public Person join(OrganizationId org, MemberRole role) {
        String email = role.code() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        MemberService.Joined joined = members.acceptAsNewAccount(
                token(members.inviteAsOperator(org, email, role)), "Pat " + role.code(), PASSWORD);
        return new Person(joined.accountId(), email, PASSWORD);
    }

    /** The same person joining another organization too. */
    public void alsoJoin(Person person, OrganizationId org, MemberRole role) {
        members.acceptAsSignedIn(token(members.inviteAsOperator(org, person.email(), role)), person.accountId());
    }

    /** The token of an invitation link. */
    public static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }
}
