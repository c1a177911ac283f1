package io.github.seattleinstaller.builder.testing;

import io.github.seattleinstaller.builder.keys.OperatorKey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** RSA-2048 key pairs for tests, generated once per test run (generation takes a while). */
public final class TestKeys {
    private static final KeyPair OPERATOR = generate();
    private static final KeyPair OTHER = generate();
    private static final OperatorKey OPERATOR_KEY = new OperatorKey(OPERATOR, "test key TestKeys.operator()");
    private static final OperatorKey OTHER_KEY = new OperatorKey(OTHER, "test key TestKeys.other()");

    private TestKeys() {
    }

    public static KeyPair operator() {
        return OPERATOR;
    }

    /** A second, unrelated operator. */
    public static KeyPair other() {
        return OTHER;
    }

    /** {@link #operator()} as the builder's validated key type. */
    public static OperatorKey operatorKey() {
        return OPERATOR_KEY;
    }

    /** {@link #other()} as the builder's validated key type. */
    public static OperatorKey otherKey() {
        return OTHER_KEY;
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
