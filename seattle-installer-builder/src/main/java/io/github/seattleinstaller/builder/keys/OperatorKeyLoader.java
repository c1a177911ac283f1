package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.builder.keys.KeyLoadingException.Input;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads the operator's RSA signing key the way CI systems hand out secrets: from a file, or as PEM text in
 * an environment variable; a passphrase only ever from an environment variable, so that it appears in no
 * build file, command line or log.
 *
 * <p>Accepted forms, recognised by content whatever the file is called: PEM {@code RSA PRIVATE KEY}
 * (PKCS#1, also OpenSSL's legacy encryption with {@code Proc-Type}/{@code DEK-Info} headers),
 * {@code PRIVATE KEY} (PKCS#8), {@code ENCRYPTED PRIVATE KEY} (encrypted PKCS#8), and, in a file only,
 * Seattle's private key text {@code "d p q"}. Text before a PEM block and CRLF line ends are fine.
 *
 * <p>Giving both a key file and the key variable is an error rather than a precedence rule: signing with
 * the unintended key would produce installers that the updaters of already installed nodes refuse, and the
 * mistake would only show on donor machines. A variable that is set counts as given, even when empty (as
 * CI systems set a missing secret), so that an empty secret is reported instead of silently ignored.
 *
 * <p>Every key is checked before use: RSA, at least {@link OperatorKey#MINIMUM_BITS} bits, its parts
 * consistent (a test signature verifies), and equal to the given public key file if there is one.
 */
public final class OperatorKeyLoader {
    public static final String DEFAULT_KEY_VARIABLE = "SEATTLE_OPERATOR_KEY";
    public static final String DEFAULT_PASSPHRASE_VARIABLE = "SEATTLE_OPERATOR_KEY_PASSPHRASE";

    /** The forms a key file may have, as stated in messages. */
    public static final String ACCEPTED_FORMS = "a PEM private key ('-----BEGIN PRIVATE KEY-----',"
            + " '-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----')"
            + " or, in a file, a Seattle private key ('d p q' as decimal integers)";

    private static final Pattern DECIMAL_NUMBERS = Pattern.compile("[0-9\\s]+");

    private final Function<String, String> environment;
    private final String keyVariable;
    private final String passphraseVariable;

    /** Reads the process environment, with the default variable names. */
    public OperatorKeyLoader() {
        this(System::getenv, DEFAULT_KEY_VARIABLE, DEFAULT_PASSPHRASE_VARIABLE);
    }

    /**
     * @param environment        looks a variable up, returning {@code null} when it is not set
     *                           ({@code System::getenv}, or a map in tests)
     * @param keyVariable        the variable that may hold the key's PEM text
     * @param passphraseVariable the variable that holds the passphrase of an encrypted key
     */
    public OperatorKeyLoader(Function<String, String> environment, String keyVariable, String passphraseVariable) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.keyVariable = requireName(keyVariable, "keyVariable");
        this.passphraseVariable = requireName(passphraseVariable, "passphraseVariable");
    }

    /**
     * Loads the key from {@code keyFile} or, when that is {@code null}, from the key variable.
     *
     * @param keyFile       the private key file, or {@code null} to use the key variable
     * @param publicKeyFile {@code null}, or a public key file (Seattle text or PEM) the key must match;
     *                      for a Seattle private key without it, the public key is recovered from d, p, q
     * @throws KeyLoadingException naming the file or variable at fault and what to do
     */
    public OperatorKey load(Path keyFile, Path publicKeyFile) throws KeyLoadingException {
        String keyText = environment.apply(keyVariable);
        if (keyFile != null && keyText != null) {
            throw new KeyLoadingException(Input.KEY_SOURCE, "Both the operator key file "
                    + keyFile.toAbsolutePath().normalize() + " and the environment variable " + keyVariable
                    + " are given, so it is unclear which key should sign: remove the key file from the"
                    + " configuration or unset " + keyVariable + ".");
        }
        if (keyFile == null && keyText == null) {
            throw new KeyLoadingException(Input.KEY_SOURCE, "No operator key is given: configure a key file, or set"
                    + " the environment variable " + keyVariable + " to the PEM text of the key.");
        }
        Origin origin;
        RSAPrivateCrtKey privateKey;
        if (keyFile != null) {
            origin = new Origin("file " + keyFile.toAbsolutePath().normalize(), Input.KEY_FILE);
            privateKey = fromFile(keyFile, origin);
        } else {
            origin = new Origin("environment variable " + keyVariable, Input.KEY_VARIABLE);
            privateKey = fromVariable(keyText, origin);
        }
        return checked(privateKey, origin, publicKeyFile);
    }

    private RSAPrivateCrtKey fromFile(Path keyFile, Origin origin) throws KeyLoadingException {
        String text;
        try {
            text = KeyFileText.read(keyFile);
        } catch (KeyFileText.UnreadableKeyFileException e) {
            throw origin.problem("The operator key " + origin + " " + e.getMessage() + ".");
        }
        if (PemText.looksLikePem(text)) {
            return fromPem(text, origin);
        }
        if (DECIMAL_NUMBERS.matcher(text).matches()) {
            return fromSeattleText(text, origin);
        }
        throw origin.problem("The operator key " + origin + " holds no key in an accepted form: expected "
                + ACCEPTED_FORMS + ".");
    }

    private RSAPrivateCrtKey fromVariable(String text, Origin origin) throws KeyLoadingException {
        if (text.isBlank()) {
            throw origin.problem("The " + origin + " is set but empty: set it to the PEM text of the operator"
                    + " key, or unset it and configure a key file.");
        }
        if (!PemText.looksLikePem(text)) {
            throw origin.problem("The " + origin + " does not hold PEM text (there is no '-----BEGIN' line):"
                    + " set it to the whole PEM text of the operator key, as in " + keyVariable
                    + "=\"$(cat operator.pem)\".");
        }
        return fromPem(text, origin);
    }

    private static RSAPrivateCrtKey fromSeattleText(String text, Origin origin) throws KeyLoadingException {
        int numbers = text.strip().split("\\s+").length;
        if (numbers == 2) {
            throw origin.problem("The operator key " + origin + " holds a Seattle public key 'e n': signing needs"
                    + " the private key 'd p q'.");
        }
        if (numbers != 3) {
            throw origin.problem("The operator key " + origin + " holds " + numbers + " numbers, which is no"
                    + " key in an accepted form: expected " + ACCEPTED_FORMS + ".");
        }
        try {
            return SeattlePrivateKey.parse(text).toJavaKey();
        } catch (KeyFormatException | ArithmeticException | IllegalStateException e) {
            throw origin.problem("The operator key " + origin + " is not a usable Seattle private key: its"
                    + " numbers d, p and q do not form an RSA key.");
        }
    }

    private RSAPrivateCrtKey fromPem(String text, Origin origin) throws KeyLoadingException {
        Optional<RSAPrivateCrtKey> plain = PemText.plainRsaPrivateKey(text);
        if (plain.isPresent()) {
            return plain.get();
        }
        return BouncyCastleKeys.privateKey(text, origin, passphraseVariable, () -> passphraseFor(origin));
    }

    private char[] passphraseFor(Origin origin) throws KeyLoadingException {
        String passphrase = environment.apply(passphraseVariable);
        if (passphrase == null) {
            throw new KeyLoadingException(Input.PASSPHRASE_VARIABLE, "The operator key in the " + origin
                    + " is encrypted, but the environment variable " + passphraseVariable + " is not set: set "
                    + passphraseVariable + " to the key's passphrase (passphrases are read only from the"
                    + " environment, never from a build file or the command line).");
        }
        if (passphrase.isEmpty()) {
            throw new KeyLoadingException(Input.PASSPHRASE_VARIABLE, "The operator key in the " + origin
                    + " is encrypted, but the environment variable " + passphraseVariable + " is empty: set it"
                    + " to the key's passphrase.");
        }
        return passphrase.toCharArray();
    }

    /** The size, consistency and public-key checks every key passes, whatever its form. */
    private static OperatorKey checked(RSAPrivateCrtKey privateKey, Origin origin, Path publicKeyFile)
            throws KeyLoadingException {
        int bits = privateKey.getModulus().bitLength();
        if (bits < OperatorKey.MINIMUM_BITS) {
            throw origin.problem("The operator key in the " + origin + " has " + bits + " bits, too few: "
                    + OperatorKey.SIZE_RULE + ". Generate a new key pair (3072 bits is the default).");
        }
        RSAPublicKey publicKey = publicHalf(privateKey);
        if (publicKeyFile != null) {
            SeattlePublicKey expected;
            try {
                expected = PublicKeyReader.readFile(publicKeyFile, "operator public key");
            } catch (InvalidInputException e) {
                InputProblem problem = e.problems().get(0);
                throw new KeyLoadingException(Input.PUBLIC_KEY_FILE, "The operator's public key cannot be used: "
                        + problem.detail() + " (rule: " + problem.rule() + ").");
            }
            SeattlePublicKey actual = SeattlePublicKey.from(publicKey);
            if (!expected.equals(actual)) {
                throw new KeyLoadingException(Input.PUBLIC_KEY_FILE, "The public key in file "
                        + publicKeyFile.toAbsolutePath().normalize() + " (" + expected.fingerprint()
                        + ") does not belong to the operator key in the " + origin + " (" + actual.fingerprint()
                        + "): give the public key file of the same key pair, or none.");
            }
        }
        try {
            return new OperatorKey(new KeyPair(publicKey, privateKey), origin.toString());
        } catch (IllegalArgumentException brokenPair) {
            throw origin.problem("The operator key in the " + origin + " is damaged: its parts do not form a"
                    + " working RSA key (a test signature made with it does not verify).");
        }
    }

    private static RSAPublicKey publicHalf(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK rejected the public half of an RSA key", impossible);
        }
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must name an environment variable");
        }
        return name;
    }

    /** Where a key came from: "file /x/operator.pem" or "environment variable SEATTLE_OPERATOR_KEY". */
    record Origin(String description, Input input) {
        KeyLoadingException problem(String message) {
            return new KeyLoadingException(input, message);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
