package io.supportagent.conversations;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MessageId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages of the tenant's conversations, oldest first. */
@Repository
class Messages {

    static final String COLUMNS =
            "id, organization_id, conversation_id, role, content, citations::text AS citations, created_at,"
                    + " author_account_id, author_name, order_numbers";
    static final RowMapper<Message> MAPPER = Messages::map;

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Message insert(OrganizationId org, ConversationId conversation, String role, String content, String citationsJson) {
        return insert(org, conversation, role, content, citationsJson, null);
    }

    Message insert(
            OrganizationId org,
            ConversationId conversation,
            String role,
            String content,
            String citationsJson,
            Teammate author) {
        return jdbc.sql("""
                        INSERT INTO messages (organization_id, conversation_id, role, content, citations, created_at,
                                              author_account_id, author_name)
                        VALUES (:org, :conversation, :role, :content, CAST(:citations AS jsonb), clock_timestamp(),
                                CAST(:author AS uuid), :authorName)
                        RETURNING """ + " " + COLUMNS)
                .param("author", io.supportagent.platform.db.Params.id(author == null ? null : author.accountId()))
                .param("authorName", io.supportagent.platform.db.Params.text(author == null ? null : author.name()))
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("role", role)
                .param("content", content)
                .param("citations", citationsJson == null ? "[]" : citationsJson)
                .query(MAPPER)
                .single();
    }

    /**
     * A person's reply to the shopper; the conversation keeps when the first one came (for the time to first human
     * reply), in the same statement.
     */
    Message insertHumanReply(OrganizationId org, ConversationId conversation, String content, Teammate author) {
        return jdbc.sql("""
                        WITH first AS (
                            UPDATE conversations SET first_human_reply_at = now()
                             WHERE organization_id = :org AND id = :conversation AND first_human_reply_at IS NULL)
                        INSERT INTO messages (organization_id, conversation_id, role, content, citations, created_at,
                                              author_account_id, author_name)
                        VALUES (:org, :conversation, 'human_agent', :content, '[]'::jsonb, clock_timestamp(),
                                CAST(:author AS uuid), :authorName)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("content", content)
                .param("author", io.supportagent.platform.db.Params.id(author == null ? null : author.accountId()))
                .param("authorName", io.supportagent.platform.db.Params.text(author == null ? null : author.name()))
                .query(MAPPER)
                .single();
    }

    /** The conversation's messages without the team's internal notes. */
    List<Message> ofConversation(OrganizationId org, ConversationId conversation) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM messages
                        WHERE organization_id = :org AND conversation_id = :conversation AND role <> 'note'
                        ORDER BY created_at, id""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .query(MAPPER)
                .list();
    }

    /** Every message of the conversation, the team's notes included: for the inbox only. */
    List<Message> transcript(OrganizationId org, ConversationId conversation) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM messages
                        WHERE organization_id = :org AND conversation_id = :conversation
                        ORDER BY created_at, id""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .query(MAPPER)
                .list();
    }

    /** The conversation's latest {@code limit} messages, oldest first. */
    List<Message> latest(OrganizationId org, ConversationId conversation, int limit) {
        return jdbc.sql("SELECT * FROM (SELECT " + COLUMNS + """
                         FROM messages
                        WHERE organization_id = :org AND conversation_id = :conversation AND role <> 'note'
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit) latest
                        ORDER BY created_at, id""")
                .param("org", org.value())
                .param("conversation", conversation.value())
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    private static Message map(ResultSet rs, int row) throws SQLException {
        return new Message(
                new MessageId(Rows.uuid(rs, "id")),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                new ConversationId(Rows.uuid(rs, "conversation_id")),
                rs.getString("role"),
                rs.getString("content"),
                rs.getString("citations"),
                Rows.instant(rs, "created_at"),
                rs.getObject("author_account_id") == null
                        ? null
                        : new Teammate(
                                new io.supportagent.platform.AccountId(Rows.uuid(rs, "author_account_id")),
                                rs.getString("author_name")),
                rs.getArray("order_numbers") == null
                        ? List.of()
                        : List.of((String[]) rs.getArray("order_numbers").getArray()));
    }

    /** Records the orders an AI reply looked up (a rare second statement: only replies about orders). */
    void recordOrders(OrganizationId org, io.supportagent.platform.MessageId message, List<String> numbers) {
        jdbc.sql(
                        "UPDATE messages SET order_numbers = CAST(:numbers AS text[]) WHERE organization_id = :org AND id = :id")
                .param(
                        "numbers",
                        io.supportagent.platform.db.Params.text("{"
                                + String.join(
                                        ",",
                                        numbers.stream()
                                                .map(n -> "\"" + n + "\"")
                                                .toList()) + "}"))
                .param("org", org.value())
                .param("id", message.value())
                .update();
    }
}
