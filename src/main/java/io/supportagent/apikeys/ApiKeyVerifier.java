package io.supportagent.apikeys;

import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.db.PlatformJdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Verifies a presented secret key: the well-formedness check (prefix, length, checksum) costs no database work; a
 * well-formed key is looked up by its lookup id and checked with bcrypt against the stored hash.
 */
@Component
public class ApiKeyVerifier {

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Clock clock;

    ApiKeyVerifier(ApiKeys keys, PlatformJdbc platform, Clock clock) {
        this.keys = keys;
        this.platform = platform;
        this.clock = clock;
    }

    /** The organization and mode of a valid secret key; empty for anything else. */
    public Optional<VerifiedKey> verify(String presented) {
        Optional<KeyFormat.ParsedKey> parsed =
                KeyFormat.parse(presented).filter(k -> k.type() != KeyFormat.Type.WIDGET);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return keys.findByLookupId(platform.jdbc(), parsed.get().lookupId()).stream()
                .filter(k -> bcrypt.matches(presented, k.keyHash()))
                .filter(k -> k.revokedAt() == null)
                .filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now))
                .findFirst()
                .map(k -> new VerifiedKey(k.id(), k.organizationId(), k.livemode(), k.expiresAt()));
    }
}
