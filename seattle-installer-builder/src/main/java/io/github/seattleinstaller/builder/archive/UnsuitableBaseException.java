package io.github.seattleinstaller.builder.archive;

/**
 * A verified installer that cannot be customized without recompressing it: it was not laid out by this
 * builder. The message says what is missing.
 */
public class UnsuitableBaseException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsuitableBaseException(String reason) {
        super(reason);
    }
}
