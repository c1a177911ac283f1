package io.github.seattleinstaller.service.store;

import java.io.IOException;

/**
 * The database does not answer: it is stopped, restarting or out of reach (no connection within the pool's timeout,
 * or the connection broke). Neither the request's fault nor a bug: the same request succeeds once the database is
 * back, which the connection pool notices by itself. Handlers answer it as 503 with {@link #ADVICE} (the XML-RPC API
 * as a fault), and log its message; the details never reach a client.
 */
public final class DatabaseUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What a client is told. */
    public static final String ADVICE = "The installer builder's database does not answer right now: try again in a"
            + " minute.";
    /** The {@code Retry-After} of a 503 for it. */
    public static final int RETRY_AFTER_SECONDS = 30;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
