package io.supportagent.widget;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The hashed secret of each widget conversation, in the tenant's rows. */
@Repository
class ConversationTokens {

    private final JdbcClient jdbc;

    ConversationTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(OrganizationId org, ConversationId conversation, byte[] hash) {
        jdbc.sql("""
                        INSERT INTO widget_conversation_tokens (organization_id, conversation_id, token_hash)
                        VALUES (:org, :conversation, :hash)""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("hash", hash)
                .update();
    }

    /** A new token for the conversation; the one before opens nothing any more. */
    void replace(OrganizationId org, ConversationId conversation, byte[] hash) {
        jdbc.sql("""
                        UPDATE widget_conversation_tokens SET token_hash = :hash
                         WHERE organization_id = :org AND conversation_id = :conversation""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("hash", hash)
                .update();
    }

    Optional<byte[]> hash(OrganizationId org, ConversationId conversation) {
        return jdbc.sql("""
                        SELECT token_hash FROM widget_conversation_tokens
                         WHERE organization_id = :org AND conversation_id = :conversation""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .query(byte[].class)
                .optional();
    }
}
