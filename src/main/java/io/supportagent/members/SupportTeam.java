package io.supportagent.members;

import io.supportagent.conversations.SupportPeople;
import io.supportagent.conversations.Teammate;
import io.supportagent.platform.AccountId;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's people who take conversations in the inbox: members whose role opens it. */
@Service
public class SupportTeam implements SupportPeople {

    private final Memberships memberships;

    SupportTeam(Memberships memberships) {
        this.memberships = memberships;
    }

    /** Everyone who may be given a conversation, for the inbox's "assign to". */
    @MemberAccess.Support
    @Transactional(readOnly = true)
    public List<Teammate> teammates() {
        return memberships.list(TenantContext.require().organizationId()).stream()
                .filter(m -> m.role().allows(MemberRole.Permission.SUPPORT))
                .map(SupportTeam::teammate)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Teammate> supportPerson(AccountId account) {
        return memberships
                .find(TenantContext.require().organizationId(), account)
                .filter(m -> m.role().allows(MemberRole.Permission.SUPPORT))
                .map(SupportTeam::teammate);
    }

    private static Teammate teammate(Member m) {
        return new Teammate(m.accountId(), m.name() == null || m.name().isBlank() ? m.email() : m.name());
    }
}
