package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures answer 503 (the database away, saturated or too slow) and which stay errors of ours or the data's. */
class DatabaseFailuresTests {

    @Test
    void theDatabaseAwaySaturatedOrTooSlowIsUnavailable() {
        assertThat(DatabaseFailures.unavailable(new CannotCreateTransactionException(
                        "no connection",
                        new SQLTransientConnectionException(
                                "request - Connection is not available, request timed out after 1000ms"))))
                .as("no pooled connection within the wait")
                .isTrue();
        assertThat(DatabaseFailures.unavailable(
                        new CannotGetJdbcConnectionException("refused", new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new DataAccessResourceFailureException(
                        "I/O", new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .as("connection lost mid-statement")
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new DataAccessResourceFailureException(
                        "cancelled", new SQLException("canceling statement due to statement timeout", "57014"))))
                .as("statement timeout")
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new UncategorizedSQLException(
                        "update", "UPDATE stores", new SQLException("could not obtain lock", "55P03"))))
                .as("lock timeout, which Spring does not categorise")
                .isTrue();
        assertThat(DatabaseFailures.unavailable(
                        new DataAccessResourceFailureException("x", new SQLException("too many clients", "53300"))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("terminating connection", "57P01")))
                .as("server shutting down")
                .isTrue();
        assertThat(DatabaseFailures.unavailable(
                        new CannotAcquireLockException("deadlock", new SQLException("", "40P01"))))
                .isTrue();
    }

    @Test
    void aCommitThatLostItsConnectionIsUnavailableEvenWhenTheRollbackAfterItFailedToo() {
        TransactionSystemException rollbackFailed =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        assertThat(DatabaseFailures.unavailable(rollbackFailed)).isTrue();

        TransactionSystemException withCommitFailure =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        withCommitFailure.initApplicationException(new DataAccessResourceFailureException(
                "JDBC commit", new SQLException("An I/O error occurred", "08006")));
        assertThat(DatabaseFailures.unavailable(withCommitFailure)).isTrue();
        assertThat(DatabaseFailures.connectionLost(withCommitFailure)).isTrue();
    }

    @Test
    void foundThroughTheWrappersOfTheServletContainer() {
        assertThat(DatabaseFailures.unavailable(new ServletException(
                        "Request processing failed",
                        new CannotCreateTransactionException("no connection", new SQLTransientConnectionException()))))
                .isTrue();
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(DatabaseFailures.unavailable(
                        new DuplicateKeyException("dup", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(
                        new DataIntegrityViolationException("fk", new SQLException("foreign key", "23503"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(
                        new BadSqlGrammarException("q", "SELECT nope", new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(new DataAccessResourceFailureException(
                        "too long", new SQLException("index row size exceeds maximum", "54000"))))
                .as("a program limit is a request the database will never take")
                .isFalse();
        assertThat(DatabaseFailures.unavailable(new IllegalStateException("No tenant in context")))
                .isFalse();
        assertThat(DatabaseFailures.connectionLost(new SQLException("canceling statement", "57014")))
                .isFalse();
    }
}
