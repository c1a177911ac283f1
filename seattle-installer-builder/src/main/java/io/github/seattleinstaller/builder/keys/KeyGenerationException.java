package io.github.seattleinstaller.builder.keys;

/**
 * Key files could not be generated. The message is meant for the user as it is: it names the files or the
 * setting at fault, and says whether anything was left on disk (never: a failed run removes what it wrote).
 */
public class KeyGenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyGenerationException(String message) {
        super(message);
    }

    public KeyGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
