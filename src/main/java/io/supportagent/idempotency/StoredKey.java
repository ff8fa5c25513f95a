package io.supportagent.idempotency;

/** A key as stored: who holds it (fingerprint), and the first answer once there is one. */
record StoredKey(String fingerprint, String state, Integer status, String headersJson, byte[] body) {

    boolean completed() {
        return "completed".equals(state);
    }
}
