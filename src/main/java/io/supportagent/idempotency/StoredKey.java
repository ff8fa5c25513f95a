package io.supportagent.idempotency;

import io.supportagent.platform.db.Rows;
import org.springframework.jdbc.core.RowMapper;

/** A key as stored: who holds it (fingerprint), and the first answer once there is one. */
record StoredKey(String fingerprint, String state, Integer status, String headersJson, byte[] body) {

    /** Reads the columns both key tables select: fingerprint, state, response_status/headers/body. */
    static final RowMapper<StoredKey> ROWS = (rs, row) -> new StoredKey(
            rs.getString("fingerprint"),
            rs.getString("state"),
            Rows.integer(rs, "response_status"),
            rs.getString("response_headers"),
            rs.getBytes("response_body"));

    boolean completed() {
        return "completed".equals(state);
    }
}
