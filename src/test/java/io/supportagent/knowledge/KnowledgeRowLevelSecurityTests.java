package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.TenantContext;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The new tenant tables at the SQL level, as the request role: queries without WHERE see only the tenant's rows. */
@IntegrationTest
@Import(AgentFixtures.class)
class KnowledgeRowLevelSecurityTests {

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private long count(String table) {
        return new TransactionTemplate(transactions)
                .execute(s -> jdbc.sql("SELECT count(*) FROM " + table)
                        .query(Long.class)
                        .single());
    }

    @Test
    void eachTenantSeesOnlyItsOwnArticlesOrdersAndTokensAndNoContextSeesNothing() {
        var a = fixtures.shop("alice@example.com");
        var b = fixtures.shop("bob@example.com");
        fixtures.secondStore(b, "x");

        long aArticles = TenantContext.callAs(a.org().live(), () -> count("knowledge_articles"));
        long bArticles = TenantContext.callAs(b.org().live(), () -> count("knowledge_articles"));
        long aOrders = TenantContext.callAs(a.org().live(), () -> count("store_orders"));
        long aPassages = TenantContext.callAs(a.org().live(), () -> count("knowledge_passages"));
        long bPassages = TenantContext.callAs(b.org().live(), () -> count("knowledge_passages"));

        assertThat(aArticles).isEqualTo(2);
        assertThat(bArticles).isEqualTo(3);
        assertThat(aOrders).isEqualTo(1);
        assertThat(aPassages).isEqualTo(2);
        assertThat(bPassages).isEqualTo(3);
        assertThat(count("knowledge_passages")).isZero();
        assertThat(count("knowledge_articles")).isZero();
        assertThat(count("store_orders")).isZero();
        assertThat(count("widget_conversation_tokens")).isZero();
    }

    @Test
    void aTenantCannotWritePassagesForAnotherOrganizationNorPointAtItsArticles() {
        var a = fixtures.shop("alice@example.com");
        var b = fixtures.shop("bob@example.com");
        java.util.UUID bArticle = TenantContext.callAs(
                b.org().live(),
                () -> new TransactionTemplate(transactions)
                        .execute(s -> jdbc.sql("SELECT id FROM knowledge_articles LIMIT 1")
                                .query(java.util.UUID.class)
                                .single()));

        assertThatThrownBy(() -> TenantContext.runAs(
                        a.org().live(),
                        () -> new TransactionTemplate(transactions)
                                .executeWithoutResult(s -> jdbc.sql("""
                                        INSERT INTO knowledge_passages (organization_id, store_id, article_id, ordinal, content)
                                        VALUES (:org, :store, :article, 9, 'x')""")
                                        .param(
                                                "org",
                                                b.org().organization().id().value())
                                        .param("store", b.store().id().value())
                                        .param("article", bArticle)
                                        .update())))
                .rootCause()
                .hasMessageContaining("row-level security");
        // Its own organization with the other's article: the composite foreign key finds no such article.
        assertThatThrownBy(() -> TenantContext.runAs(
                        a.org().live(),
                        () -> new TransactionTemplate(transactions)
                                .executeWithoutResult(s -> jdbc.sql("""
                                        INSERT INTO knowledge_passages (organization_id, store_id, article_id, ordinal, content)
                                        VALUES (:org, :store, :article, 9, 'x')""")
                                        .param(
                                                "org",
                                                a.org().organization().id().value())
                                        .param("store", a.store().id().value())
                                        .param("article", bArticle)
                                        .update())))
                .rootCause()
                .hasMessageContaining("foreign key");
    }

    @Test
    void aTenantCannotWriteRowsForAnotherOrganization() {
        var a = fixtures.shop("alice@example.com");
        var b = fixtures.shop("bob@example.com");

        assertThatThrownBy(() -> TenantContext.runAs(
                        a.org().live(),
                        () -> new TransactionTemplate(transactions)
                                .executeWithoutResult(s -> jdbc.sql("""
                                        INSERT INTO knowledge_articles (organization_id, store_id, title, body)
                                        VALUES (:org, :store, 'x', 'y')""")
                                        .param(
                                                "org",
                                                b.org().organization().id().value())
                                        .param("store", b.store().id().value())
                                        .update())))
                .rootCause()
                .hasMessageContaining("row-level security");
    }
}
