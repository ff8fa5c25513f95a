package io.supportagent.platform.db;

/** The configured database cannot be reached or prepared; start-up stops with this one message. */
public class DatabaseUnavailable extends RuntimeException {

    public DatabaseUnavailable(String message) {
        super(message);
    }

    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
