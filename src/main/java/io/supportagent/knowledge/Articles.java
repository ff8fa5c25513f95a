package io.supportagent.knowledge;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Knowledge articles of the tenant's stores. Every query filters by organization and store on top of RLS. */
@Repository
class Articles {

    static final String COLUMNS = "id, organization_id, store_id, title, body, url, created_at, updated_at, ai_enabled";
    static final RowMapper<Article> MAPPER = Articles::map;

    private final JdbcClient jdbc;

    Articles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Article insert(OrganizationId org, StoreId store, NewArticle article) {
        return jdbc.sql("""
                        INSERT INTO knowledge_articles (organization_id, store_id, title, body, url, ai_enabled)
                        VALUES (:org, :store, :title, :body, :url, :ai)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("store", store.value())
                .param("title", article.title())
                .param("body", article.body())
                .param("url", Params.text(article.url()))
                .param("ai", article.aiEnabled())
                .query(MAPPER)
                .single();
    }

    /**
     * Marks the article re-indexed, unless it changed since it was read at {@code readAt} (its own change then wrote
     * passages newer than the re-index's): whether the re-index's passages may replace the stored ones.
     */
    boolean markIndexed(OrganizationId org, StoreId store, UUID id, java.time.Instant readAt) {
        return jdbc.sql("""
                        UPDATE knowledge_articles SET indexed_at = clock_timestamp()
                         WHERE organization_id = :org AND store_id = :store AND id = :id AND updated_at = CAST(:read AS timestamptz)""")
                        .param("org", org.value())
                        .param("store", store.value())
                        .param("id", id)
                        .param("read", Params.timestamp(readAt))
                        .update()
                > 0;
    }

    Optional<Article> update(OrganizationId org, StoreId store, UUID id, NewArticle article) {
        return jdbc.sql("""
                        UPDATE knowledge_articles SET title = :title, body = :body, url = :url, ai_enabled = :ai,
                               updated_at = clock_timestamp()
                         WHERE organization_id = :org AND store_id = :store AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("store", store.value())
                .param("id", id)
                .param("title", article.title())
                .param("body", article.body())
                .param("url", Params.text(article.url()))
                .param("ai", article.aiEnabled())
                .query(MAPPER)
                .optional();
    }

    boolean delete(OrganizationId org, StoreId store, UUID id) {
        return jdbc.sql(
                                "DELETE FROM knowledge_articles WHERE organization_id = :org AND store_id = :store AND id = :id")
                        .param("org", org.value())
                        .param("store", store.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    Optional<Article> find(OrganizationId org, StoreId store, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM knowledge_articles WHERE organization_id = :org AND store_id = :store AND id = :id")
                .param("org", org.value())
                .param("store", store.value())
                .param("id", id)
                .query(MAPPER)
                .optional();
    }

    List<Article> list(OrganizationId org, StoreId store, int limit, UUID startingAfter) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM knowledge_articles
                        WHERE organization_id = :org AND store_id = :store
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM knowledge_articles
                                WHERE organization_id = :org AND store_id = :store AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("store", store.value())
                .param("after", Params.uuid(startingAfter))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    int count(OrganizationId org, StoreId store) {
        return jdbc.sql("SELECT count(*) FROM knowledge_articles WHERE organization_id = :org AND store_id = :store")
                .param("org", org.value())
                .param("store", store.value())
                .query(Integer.class)
                .single();
    }

    private static Article map(ResultSet rs, int row) throws SQLException {
        return new Article(
                Rows.uuid(rs, "id"),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                new StoreId(Rows.uuid(rs, "store_id")),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("url"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                rs.getBoolean("ai_enabled"));
    }
}
