package io.github.seattleinstaller.builder.keys;

import java.util.Objects;

/**
 * The operator key could not be loaded. The message is meant for the user as it is: it names the file or
 * environment variable at fault and what to do, and never contains key material or a Java class name.
 * {@link #input()} tells a caller such as a Maven mojo which of its settings to point at.
 */
public class KeyLoadingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The setting a problem is about. */
    public enum Input {
        /** The key file: missing, unreadable, not a usable key. */
        KEY_FILE,
        /** The environment variable holding the key's PEM text. */
        KEY_VARIABLE,
        /** The environment variable holding the passphrase: unset, empty, or wrong. */
        PASSPHRASE_VARIABLE,
        /** The public key file given to check the private key against. */
        PUBLIC_KEY_FILE,
        /** The choice between the key file and the key variable: neither or both were given. */
        KEY_SOURCE
    }

    private final Input input;

    public KeyLoadingException(Input input, String message) {
        super(message);
        this.input = Objects.requireNonNull(input, "input");
    }

    public Input input() {
        return input;
    }
}
