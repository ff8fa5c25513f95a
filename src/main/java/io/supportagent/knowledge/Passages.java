package io.supportagent.knowledge;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Rows;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The passages of a store's articles with their embeddings ({@code knowledge_passages}), and what the search index
 * loads. Every query filters by organization and store on top of RLS.
 */
@Repository
class Passages {

    /** A passage as written: its text and, unless the model cannot run here, its embedding. */
    record NewPassage(String content, String model, float[] embedding, float[] sentenceEmbeddings) {}

    /** A passage as stored; {@code sentenceEmbeddings} holds one vector per sentence, one after the other. */
    record StoredPassage(
            UUID articleId, int ordinal, String content, String model, float[] embedding, float[] sentenceEmbeddings) {}

    record Version(UUID articleId, Instant updatedAt) {}

    private final JdbcClient jdbc;

    Passages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replace(OrganizationId org, StoreId store, UUID article, List<NewPassage> passages) {
        jdbc.sql(
                        "DELETE FROM knowledge_passages WHERE organization_id = :org AND store_id = :store AND article_id = :a")
                .param("org", org.value())
                .param("store", store.value())
                .param("a", article)
                .update();
        for (int i = 0; i < passages.size(); i++) {
            NewPassage p = passages.get(i);
            jdbc.sql("""
                            INSERT INTO knowledge_passages (organization_id, store_id, article_id, ordinal, content, model, embedding,
                                                            sentence_embeddings)
                            VALUES (:org, :store, :article, :ordinal, :content, :model, :embedding, :sentences)""")
                    .param("org", org.value())
                    .param("store", store.value())
                    .param("article", article)
                    .param("ordinal", i)
                    .param("content", p.content())
                    .param("model", p.embedding() == null ? null : p.model(), java.sql.Types.VARCHAR)
                    .param("embedding", p.embedding() == null ? null : bytes(p.embedding()), java.sql.Types.BINARY)
                    .param(
                            "sentences",
                            p.embedding() == null ? null : bytes(p.sentenceEmbeddings()),
                            java.sql.Types.BINARY)
                    .update();
        }
    }

    /**
     * Every article of the store the agent answers from, with its last change or re-index: what an index compares
     * with what it holds (an article switched off for AI leaves the index as a deleted one does, and comes back when
     * switched on; a re-indexed one is read again with its new vectors).
     */
    List<Version> versions(OrganizationId org, StoreId store) {
        return jdbc.sql("""
                        SELECT id, greatest(updated_at, indexed_at) AS updated_at FROM knowledge_articles
                         WHERE organization_id = :org AND store_id = :store AND ai_enabled""")
                .param("org", org.value())
                .param("store", store.value())
                .query((rs, row) -> new Version(Rows.uuid(rs, "id"), Rows.instant(rs, "updated_at")))
                .list();
    }

    List<Article> articles(OrganizationId org, StoreId store, Collection<UUID> ids) {
        return jdbc.sql("SELECT " + Articles.COLUMNS + """
                         FROM knowledge_articles
                        WHERE organization_id = :org AND store_id = :store AND id = ANY(CAST(:ids AS uuid[]))""")
                .param("org", org.value())
                .param("store", store.value())
                .param("ids", uuidArray(ids))
                .query(Articles.MAPPER)
                .list();
    }

    Map<UUID, List<StoredPassage>> passages(OrganizationId org, StoreId store, Collection<UUID> ids) {
        Map<UUID, List<StoredPassage>> out = new HashMap<>();
        jdbc.sql("""
                        SELECT article_id, ordinal, content, model, embedding, sentence_embeddings FROM knowledge_passages
                         WHERE organization_id = :org AND store_id = :store AND article_id = ANY(CAST(:ids AS uuid[]))
                         ORDER BY article_id, ordinal""")
                .param("org", org.value())
                .param("store", store.value())
                .param("ids", uuidArray(ids))
                .query((rs, row) -> new StoredPassage(
                        Rows.uuid(rs, "article_id"),
                        rs.getInt("ordinal"),
                        rs.getString("content"),
                        rs.getString("model"),
                        floats(rs.getBytes("embedding")),
                        floats(rs.getBytes("sentence_embeddings"))))
                .list()
                .forEach(p -> out.computeIfAbsent(p.articleId(), k -> new ArrayList<>())
                        .add(p));
        return out;
    }

    /**
     * How each of the store's articles is indexed, from its passages: all with vectors of {@code model}, none with
     * vectors (found by their words only), or some by another model.
     */
    Map<UUID, IndexState> states(OrganizationId org, StoreId store, String model) {
        Map<UUID, IndexState> out = new HashMap<>();
        jdbc.sql("""
                        SELECT a.id,
                               count(p.ordinal) AS passages,
                               count(p.ordinal) FILTER (WHERE p.model = :model AND p.embedding IS NOT NULL) AS current,
                               count(p.ordinal) FILTER (WHERE p.embedding IS NULL) AS words_only
                          FROM knowledge_articles a
                          LEFT JOIN knowledge_passages p
                            ON p.organization_id = a.organization_id AND p.store_id = a.store_id AND p.article_id = a.id
                         WHERE a.organization_id = :org AND a.store_id = :store
                         GROUP BY a.id""")
                .param("org", org.value())
                .param("store", store.value())
                .param("model", model)
                .query((rs, row) -> {
                    int passages = rs.getInt("passages");
                    int current = rs.getInt("current");
                    IndexState state = passages > 0 && current == passages
                            ? IndexState.INDEXED
                            : passages > 0 && rs.getInt("words_only") == passages
                                    ? IndexState.WORDS_ONLY
                                    : IndexState.OUTDATED;
                    out.put(Rows.uuid(rs, "id"), state);
                    return state;
                })
                .list();
        return out;
    }

    /** The ids as a PostgreSQL array literal, sent as text (one statement shape whatever the count). */
    private static String uuidArray(Collection<UUID> ids) {
        StringBuilder out = new StringBuilder("{");
        for (UUID id : ids) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(id);
        }
        return out.append('}').toString();
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getFloat();
        }
        return out;
    }
}
