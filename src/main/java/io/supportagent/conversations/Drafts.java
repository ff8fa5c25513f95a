package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Members' unsent drafts in the tenant in context: one per member and conversation. */
@Repository
class Drafts {

    private final JdbcClient jdbc;

    Drafts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Draft> find(OrganizationId org, ConversationId conversation, AccountId account) {
        return jdbc.sql("""
                        SELECT mode, content, updated_at FROM reply_drafts
                         WHERE organization_id = :org AND conversation_id = :conversation AND account_id = :account""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("account", account.value())
                .query((rs, row) ->
                        new Draft(rs.getString("mode"), rs.getString("content"), Rows.instant(rs, "updated_at")))
                .optional();
    }

    void save(OrganizationId org, ConversationId conversation, AccountId account, String mode, String content) {
        jdbc.sql("""
                        INSERT INTO reply_drafts (organization_id, conversation_id, account_id, mode, content)
                        VALUES (:org, :conversation, :account, :mode, :content)
                        ON CONFLICT (organization_id, conversation_id, account_id)
                        DO UPDATE SET mode = excluded.mode, content = excluded.content, updated_at = now()""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("account", account.value())
                .param("mode", mode)
                .param("content", content)
                .update();
    }

    void delete(OrganizationId org, ConversationId conversation, AccountId account) {
        jdbc.sql("""
                        DELETE FROM reply_drafts
                         WHERE organization_id = :org AND conversation_id = :conversation AND account_id = :account""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("account", account.value())
                .update();
    }

    /** Every member's draft of the conversation (it was resolved: nothing more is to be sent in it). */
    void deleteAll(OrganizationId org, ConversationId conversation) {
        jdbc.sql("DELETE FROM reply_drafts WHERE organization_id = :org AND conversation_id = :conversation")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .update();
    }
}
