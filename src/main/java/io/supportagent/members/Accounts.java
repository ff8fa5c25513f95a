package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts: a global table (no tenant), read and written through the request pool. */
@Repository
class Accounts {

    private static final String COLUMNS =
            "id, email, name, password_hash, password_changed_at, created_at, last_sign_in_at";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE email = :email")
                .param("email", email)
                .query(Accounts::map)
                .optional();
    }

    Optional<Account> byId(AccountId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .param("id", id.value())
                .query(Accounts::map)
                .optional();
    }

    List<Account> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ANY (:ids)")
                .param("ids", ids.toArray(UUID[]::new))
                .query(Accounts::map)
                .list();
    }

    /** A new account; {@code passwordHash} may be null (OIDC only, or not chosen yet). */
    Account insert(String email, String name, String passwordHash, Instant now) {
        return jdbc.sql("""
                        INSERT INTO accounts (email, name, password_hash, password_changed_at, created_at)
                        VALUES (:email, :name, :hash, CAST(:changed AS timestamptz), :now)
                        RETURNING """ + " " + COLUMNS)
                .param("email", email)
                .param("name", name)
                .param("hash", Params.text(passwordHash))
                .param("changed", Params.timestamp(passwordHash == null ? null : now))
                .param("now", Timestamp.from(now))
                .query(Accounts::map)
                .single();
    }

    void changePassword(AccountId id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE accounts SET password_hash = :hash, password_changed_at = :now WHERE id = :id")
                .param("id", id.value())
                .param("hash", passwordHash)
                .param("now", Timestamp.from(now))
                .update();
    }

    void signedIn(AccountId id, Instant now) {
        jdbc.sql("UPDATE accounts SET last_sign_in_at = :now WHERE id = :id")
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                new AccountId(Rows.uuid(rs, "id")),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                Rows.instant(rs, "password_changed_at"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "last_sign_in_at"));
    }
}
