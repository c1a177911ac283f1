package io.github.seattleinstaller.runtime.keys;

import io.github.seattleinstaller.runtime.input.InputProblem;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An RSA private key in Seattle's text form {@code "<d> <p> <q>"} (n = p*q).
 *
 * <p>The text form has no public exponent. It is recovered as the inverse of d modulo
 * lcm(p-1, q-1), which is the original e for every key whose e is smaller than that (all real keys,
 * e = 65537 among them).
 */
public record SeattlePrivateKey(BigInteger d, BigInteger p, BigInteger q) {
    public static final String TEXT_RULE = "a private key is three decimal integers 'd p q'";

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

    public SeattlePrivateKey {
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
    }

    public static SeattlePrivateKey parse(String text) throws KeyFormatException {
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 3 || fields[0].isEmpty()) {
            throw new KeyFormatException(TEXT_RULE,
                    "expected 3 numbers, found " + SeattlePublicKey.describeCount(text, fields));
        }
        for (String field : fields) {
            if (!DECIMAL.matcher(field).matches()) {
                throw new KeyFormatException(TEXT_RULE,
                        "'" + InputProblem.abbreviate(field) + "' is not a decimal integer");
            }
        }
        SeattlePrivateKey key = new SeattlePrivateKey(
                new BigInteger(fields[0]), new BigInteger(fields[1]), new BigInteger(fields[2]));
        try {
            key.publicExponent();
        } catch (ArithmeticException notInvertible) {
            throw new KeyFormatException(TEXT_RULE, "d, p and q do not form an RSA key");
        }
        return key;
    }

    public static SeattlePrivateKey from(RSAPrivateCrtKey key) {
        return new SeattlePrivateKey(key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ());
    }

    public BigInteger modulus() {
        return p.multiply(q);
    }

    /** The public exponent, recovered from d as described above. */
    public BigInteger publicExponent() {
        BigInteger pMinusOne = p.subtract(BigInteger.ONE);
        BigInteger qMinusOne = q.subtract(BigInteger.ONE);
        BigInteger lambda = pMinusOne.multiply(qMinusOne).divide(pMinusOne.gcd(qMinusOne));
        return d.modInverse(lambda);
    }

    /** The matching public key. */
    public SeattlePublicKey publicKey() {
        return new SeattlePublicKey(publicExponent(), modulus());
    }

    /** The Seattle text form, {@code "d p q"}, with no trailing newline. */
    public String toText() {
        return d + " " + p + " " + q;
    }

    public RSAPrivateCrtKey toJavaKey() {
        BigInteger e = publicExponent();
        RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(modulus(), e, d, p, q,
                d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p));
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK rejected an RSA private key", impossible);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SeattlePrivateKey[RSA-" + modulus().bitLength() + "]";
    }
}
