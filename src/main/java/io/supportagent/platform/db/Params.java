package io.supportagent.platform.db;

import io.supportagent.platform.TypedId;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Typed values for statement parameters that may be null (list filters, cursors, optional fields). A null of unknown
 * type makes pgjdbc describe the statement, and from then on, on that pooled connection, it sends every execution of
 * a statement whose rows hold text behind an extra Sync round trip (its guard against results of unbounded size). A
 * typed parameter keeps the statement undescribed: one round trip per statement.
 */
public final class Params {

    private Params() {}

    /** A typed id's uuid, sent as text: the SQL casts it ({@code CAST(:after AS uuid)}). */
    public static SqlParameterValue id(TypedId id) {
        return uuid(id == null ? null : id.value());
    }

    /** A uuid, sent as text: the SQL casts it ({@code CAST(:after AS uuid)}). */
    public static SqlParameterValue uuid(UUID value) {
        return text(value == null ? null : value.toString());
    }

    public static SqlParameterValue bool(Boolean value) {
        return new SqlParameterValue(Types.BOOLEAN, value);
    }

    public static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    /**
     * A moment, sent as ISO-8601 text for {@code CAST(:at AS timestamptz)}: pgjdbc sends its own timestamp types
     * with no type, to let the server choose between {@code timestamp} and {@code timestamptz}.
     */
    public static SqlParameterValue timestamp(Instant value) {
        return text(value == null ? null : value.toString());
    }
}
