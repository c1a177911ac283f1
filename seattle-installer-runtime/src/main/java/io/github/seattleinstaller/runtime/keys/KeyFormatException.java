package io.github.seattleinstaller.runtime.keys;

/**
 * Key text that does not follow Seattle's key format. The message states what was found; {@link #rule()}
 * states the rule, so that callers reading a line of a larger file can report both with the line number.
 */
public class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String rule;

    public KeyFormatException(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    public String detail() {
        return getMessage();
    }
}
