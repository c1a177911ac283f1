package io.github.seattleinstaller.builder.keys;

/**
 * Key files could not be generated. The message is meant for the user as it is: it names the files or the
 * setting at fault, and says whether anything was left on disk (never: a failed run removes what it wrote);
 * {@link #input()} says which of the generator's inputs was at fault, for a caller to name it as its user gave it.
 */
public class KeyGenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was at fault. */
    public enum Input {
        /** The key size in bits. */
        KEY_SIZE,
        /** The base name of the key files. */
        KEY_NAME,
        /** The passphrase (empty). */
        PASSPHRASE,
        /** The directory: key files already there, or it cannot be created or written. */
        KEY_DIRECTORY,
        /** None of the inputs: this Java runtime lacks a cipher the encryption needs. */
        JAVA_RUNTIME
    }

    private final Input input;

    public KeyGenerationException(Input input, String message) {
        super(message);
        this.input = input;
    }

    public KeyGenerationException(Input input, String message, Throwable cause) {
        super(message, cause);
        this.input = input;
    }

    public Input input() {
        return input;
    }
}
