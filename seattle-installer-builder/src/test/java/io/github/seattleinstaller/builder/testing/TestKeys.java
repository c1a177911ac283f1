package io.github.seattleinstaller.builder.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** RSA-2048 key pairs for tests, generated once per test run (generation takes a while). */
public final class TestKeys {
    private static final KeyPair OPERATOR = generate();
    private static final KeyPair OTHER = generate();

    private TestKeys() {
    }

    public static KeyPair operator() {
        return OPERATOR;
    }

    /** A second, unrelated operator. */
    public static KeyPair other() {
        return OTHER;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
