package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What each member has been shown of the tenant's conversations (the inbox's unread state, one row per member). */
@Repository
class ConversationReads {

    private final JdbcClient jdbc;

    ConversationReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code account} was shown the conversation up to the shopper message of {@code through}: never goes back (a
     * page rendered from an older read may be marked second).
     */
    void markRead(OrganizationId org, ConversationId conversation, AccountId account, Instant through) {
        jdbc.sql("""
                        INSERT INTO conversation_reads (organization_id, conversation_id, account_id, read_through)
                        VALUES (:org, :conversation, :account, CAST(:through AS timestamptz))
                        ON CONFLICT (organization_id, conversation_id, account_id)
                        DO UPDATE SET read_through = greatest(conversation_reads.read_through, excluded.read_through)""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("account", account.value())
                .param("through", Params.timestamp(through))
                .update();
    }
}
