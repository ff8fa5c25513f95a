package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.OrganizationId;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot path of {@link ApiKeyVerifier#verify(String, String)} for a key verified before: format and checksum,
 * SHA-256 of the key, cache look-up, expiry check. No database and no bcrypt are reachable (both are null/unused).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedVerificationBenchmark {

    @Param({"1", "10000"})
    int cachedKeys;

    ApiKeyVerifier verifier;
    String presented;

    @Setup
    public void setUp() {
        verifier = new ApiKeyVerifier(null, null, Clock.systemUTC(), ApiKeySettings.defaults(4), null);
        for (int i = 0; i < cachedKeys; i++) {
            presented = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
            var parsed = KeyFormat.parse(presented).orElseThrow();
            verifier.remember(
                    presented,
                    new VerifiedKey(ApiKeyId.random(), OrganizationId.random(), true, null),
                    parsed.lookupId(),
                    "$2a$04$unused");
        }
    }

    @Benchmark
    public Object verifyCachedKey() {
        ApiKeyVerifier.Outcome outcome = verifier.verify(presented, "127.0.0.1");
        if (!(outcome instanceof ApiKeyVerifier.Valid)) {
            throw new IllegalStateException("not cached");
        }
        return outcome;
    }

    @Benchmark
    public Object parseOnly() {
        return KeyFormat.parse(presented);
    }

    @Benchmark
    public Object sha256Only() {
        return ApiKeyVerifier.sha256(presented);
    }
}
