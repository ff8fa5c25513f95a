package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The usage module's API: metering live conversations into their organization's billing period. */
@Service
public class UsageService {

    private final ConversationUsages usages;

    UsageService(ConversationUsages usages) {
        this.usages = usages;
    }

    /**
     * Counts one live conversation, in the caller's transaction, so that the conversation and its count commit or
     * roll back together. Answers the period's new count.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int countConversation(OrganizationId org, Instant at) {
        LocalDate periodStart = at.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
        return usages.increment(org, periodStart);
    }
}
