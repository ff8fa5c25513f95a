package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Stored vectors carry the name of the model that computed them: vectors of another model (a model change between
 * releases) are computed again when the index is built, never compared with this model's question vectors.
 */
class RetrieverModelTests {

    private final Retriever retriever = new Retriever(
            null,
            Mockito.mock(PlatformTransactionManager.class),
            new KnowledgeSettings(true, Duration.ofSeconds(60), 50_000));

    private final Article article = new Article(
            UUID.randomUUID(),
            new OrganizationId(UUID.randomUUID()),
            new StoreId(UUID.randomUUID()),
            "Delivery options",
            "Standard delivery takes 3-5 business days. Express delivery takes one day. We do not deliver on Sundays.",
            "https://shop.example/help/delivery",
            Instant.now(),
            Instant.now());

    @Test
    void passagesStoredByAnotherModelAreEmbeddedAgainByThisOne() {
        List<Passages.NewPassage> fresh = retriever.prepare(article.title(), article.body());
        assertThat(fresh).allSatisfy(p -> assertThat(p.model()).isEqualTo(EmbeddingModel.NAME));

        // The same texts, stored by another model: vectors of its own length, and of this model's length.
        for (int dimensions : new int[] {EmbeddingModel.DIMENSIONS, 768}) {
            List<Passages.StoredPassage> stale = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                Passages.NewPassage p = fresh.get(i);
                int sentences = p.sentenceEmbeddings().length / EmbeddingModel.DIMENSIONS;
                stale.add(new Passages.StoredPassage(
                        article.id(),
                        i,
                        p.content(),
                        "another-model",
                        constant(dimensions, 0.05f),
                        constant(sentences * dimensions, 0.05f)));
            }
            StoreIndex.Entry entry = retriever.entry(article, stale);
            for (int i = 0; i < fresh.size(); i++) {
                assertThat(entry.passages().get(i).vector())
                        .containsExactly(fresh.get(i).embedding());
            }
            assertThat(entry.sentenceVectors()[0])
                    .containsExactly(
                            java.util.Arrays.copyOf(fresh.getFirst().sentenceEmbeddings(), EmbeddingModel.DIMENSIONS));
        }
    }

    @Test
    void passagesStoredByThisModelAreReusedAsStored() {
        List<Passages.NewPassage> fresh = retriever.prepare(article.title(), article.body());
        List<Passages.StoredPassage> stored = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Passages.NewPassage p = fresh.get(i);
            stored.add(new Passages.StoredPassage(
                    article.id(),
                    i,
                    p.content(),
                    EmbeddingModel.NAME,
                    constant(EmbeddingModel.DIMENSIONS, 0.05f),
                    constant(p.sentenceEmbeddings().length, 0.05f)));
        }
        StoreIndex.Entry entry = retriever.entry(article, stored);
        assertThat(entry.passages().getFirst().vector())
                .isSameAs(stored.getFirst().embedding());
    }

    private static float[] constant(int length, float value) {
        float[] out = new float[length];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
