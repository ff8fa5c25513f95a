package io.supportagent.legacy;

/** The migration stopped; the database was put back as it was (or, if that failed too, the message says so). */
class MigrationFailed extends RuntimeException {

    MigrationFailed(String message) {
        super(message);
    }

    MigrationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
