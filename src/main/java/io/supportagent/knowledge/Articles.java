package io.supportagent.knowledge;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Knowledge articles of the tenant's stores. Every query filters by organization and store on top of RLS. */
@Repository
class Articles {

    static final String COLUMNS = "id, organization_id, store_id, title, body, url, created_at, updated_at";
    static final RowMapper<Article> MAPPER = Articles::map;

    /**
     * Any of the query's words (plainto_tsquery's AND turned into OR), so a shopper's full sentence still matches an
     * article that shares its important words; ts_rank then prefers articles that match more and in the title.
     */
    static final String ANY_WORD = "CAST(replace(CAST(plainto_tsquery('english', :q) AS text), '&', '|') AS tsquery)";

    private final JdbcClient jdbc;

    Articles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Article insert(OrganizationId org, StoreId store, NewArticle article) {
        return jdbc.sql("""
                        INSERT INTO knowledge_articles (organization_id, store_id, title, body, url)
                        VALUES (:org, :store, :title, :body, :url)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("store", store.value())
                .param("title", article.title())
                .param("body", article.body())
                .param("url", Params.text(article.url()))
                .query(MAPPER)
                .single();
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

    List<ArticleMatch> search(OrganizationId org, StoreId store, String query, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + ", ts_rank(search, q, 32) AS relevance"
                        + " FROM knowledge_articles, " + ANY_WORD + " AS q " + """
                         WHERE organization_id = :org AND store_id = :store AND search @@ q
                         ORDER BY relevance DESC, created_at DESC, id DESC
                         LIMIT :limit""")
                .param("org", org.value())
                .param("store", store.value())
                .param("q", query)
                .param("limit", limit)
                .query((rs, row) -> new ArticleMatch(map(rs, row), rs.getDouble("relevance")))
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
                Rows.instant(rs, "updated_at"));
    }
}
