package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.db.Rows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password-reset links (a global table, like accounts): only each token's SHA-256 is kept. */
@Repository
class PasswordResets {

    private final JdbcClient jdbc;

    PasswordResets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AccountId account, byte[] tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO account_password_resets (token_hash, account_id, created_at, expires_at)
                        VALUES (:hash, :account, :now, :expires)""")
                .param("hash", tokenHash)
                .param("account", account.value())
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** The account of a link that is unused and unexpired at {@code now}. */
    Optional<AccountId> valid(byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        SELECT account_id FROM account_password_resets
                         WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new AccountId(Rows.uuid(rs, "account_id")))
                .optional();
    }

    /**
     * Uses the link, once: answers its account when it was unused and unexpired. Every other link of that account
     * stops working too, since the password it would reset has just changed.
     */
    Optional<AccountId> use(byte[] tokenHash, Instant now) {
        Optional<AccountId> account = jdbc.sql("""
                        UPDATE account_password_resets SET used_at = :now
                         WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
                        RETURNING account_id""")
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new AccountId(Rows.uuid(rs, "account_id")))
                .optional();
        account.ifPresent(id -> jdbc.sql(
                        "UPDATE account_password_resets SET used_at = :now WHERE account_id = :account AND used_at IS NULL")
                .param("account", id.value())
                .param("now", Timestamp.from(now))
                .update());
        return account;
    }
}
