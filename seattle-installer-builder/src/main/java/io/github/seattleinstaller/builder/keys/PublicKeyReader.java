package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the RSA public key of a donor (a vessel's owner or user) in any form a person is likely to have
 * it: Seattle's {@code "e n"} text, a PEM block, or a file holding either.
 *
 * <p>How a value is told apart, in this order:
 * <ol>
 * <li>it contains {@code -----BEGIN }: PEM text (lines before the block, such as comments, are allowed);</li>
 * <li>it holds nothing but decimal digits and whitespace: Seattle key text {@code "e n"};</li>
 * <li>anything else: the path of a file, resolved against the base directory. A file whose name is only
 *     digits must therefore be written with a directory, as in {@code ./65537}.</li>
 * </ol>
 * A file's content is told apart the same way (PEM or Seattle text), whatever its extension.
 *
 * <p>Private keys are refused even though the public key could be derived from them: a donor's private
 * key has no business in an installer's configuration, and accepting it would hide that mistake.
 * No minimum size is imposed, since donors of the original Seattle testbed hold 1024-bit keys.
 */
public final class PublicKeyReader {
    public static final String RULE = "a public key is Seattle key text 'e n' (two decimal integers), a PEM"
            + " '-----BEGIN PUBLIC KEY-----' or '-----BEGIN RSA PUBLIC KEY-----' block, or the path of a file"
            + " holding one of these (such as alice.publickey, alice.pem or alice.pub.pem)";
    /** The rule where keys are taken only as text, never as files ({@link #readText}). */
    public static final String TEXT_RULE = "a public key is Seattle key text 'e n' (two decimal integers) or a PEM"
            + " '-----BEGIN PUBLIC KEY-----' or '-----BEGIN RSA PUBLIC KEY-----' block; key files are not accepted here";

    private static final Pattern SEATTLE_TEXT = Pattern.compile("[0-9\\s]+");

    /** Values longer than this, or spanning lines, are not echoed in messages: they are not file names. */
    private static final int LONGEST_ECHOED_VALUE = 260;

    private final Path baseDirectory;

    /** @param baseDirectory what relative paths are resolved against (a Maven project's base directory) */
    public PublicKeyReader(Path baseDirectory) {
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
    }

    /**
     * Reads a key given inline or as a path (see the class comment for how they are told apart).
     *
     * @param source what the value is, for messages: "owner of vessel 1 of donor alice"
     * @throws InvalidInputException with one problem naming {@code source}, what was wrong and {@link #RULE}
     */
    public SeattlePublicKey read(String keyOrPath, String source) throws InvalidInputException {
        String value = keyOrPath.strip();
        if (value.isEmpty()) {
            throw problem(source, RULE, "nothing was given");
        }
        if (isKeyText(value)) {
            return parseText(value, source, RULE);
        }
        Path file;
        try {
            file = baseDirectory.resolve(value);
        } catch (InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.exists(file)) {
            String lookedFor = isEchoable(value) && file != null
                    ? " (there is no file " + file.toAbsolutePath().normalize() + ")"
                    : "";
            throw problem(source, RULE, shown(value) + " is neither key text nor the name of an existing file" + lookedFor);
        }
        return readFile(file, source);
    }

    /**
     * Reads a key given as text only (PEM or Seattle text), never as the name of a file: for input from
     * people who may not name files on this machine, such as an uploaded donor table.
     *
     * @param source what the value is, for messages
     * @throws InvalidInputException with one problem naming {@code source}, what was wrong and {@link #TEXT_RULE}
     */
    public static SeattlePublicKey readText(String keyText, String source) throws InvalidInputException {
        String value = keyText.strip();
        if (value.isEmpty()) {
            throw problem(source, TEXT_RULE, "nothing was given");
        }
        if (!isKeyText(value)) {
            throw problem(source, TEXT_RULE, shown(value) + " is neither Seattle key text nor PEM");
        }
        return parseText(value, source, TEXT_RULE);
    }

    /** Whether a value is meant as key text (PEM or Seattle text) rather than the name of a file. */
    private static boolean isKeyText(String value) {
        return PemText.looksLikePem(value) || SEATTLE_TEXT.matcher(value).matches();
    }

    private static SeattlePublicKey parseText(String value, String source, String rule) throws InvalidInputException {
        return parseOrReport(value, source, rule,
                PemText.looksLikePem(value) ? "the PEM text given" : "the key text given");
    }

    /**
     * Reads a key file holding Seattle text or PEM, whatever its name.
     *
     * @throws InvalidInputException with one problem naming {@code source} and the file
     */
    public static SeattlePublicKey readFile(Path file, String source) throws InvalidInputException {
        Path shown = file.toAbsolutePath().normalize();
        String text;
        try {
            text = KeyFileText.read(file);
        } catch (KeyFileText.UnreadableKeyFileException e) {
            throw problem(source, RULE, "file " + shown + " " + e.getMessage());
        }
        return parseOrReport(text, source, RULE, "file " + shown);
    }

    private static SeattlePublicKey parseOrReport(String text, String source, String rule, String what)
            throws InvalidInputException {
        try {
            return parse(text);
        } catch (KeyFormatException e) {
            throw problem(source, rule, what + ": " + e.detail());
        }
    }

    private static SeattlePublicKey parse(String text) throws KeyFormatException {
        if (PemText.looksLikePem(text)) {
            return fromPem(text);
        }
        if (!SEATTLE_TEXT.matcher(text).matches()) {
            throw new KeyFormatException(RULE, "it is neither Seattle key text nor PEM");
        }
        String[] numbers = text.strip().split("\\s+");
        if (numbers.length == 3) {
            throw new KeyFormatException(RULE, "it holds three numbers, the form of a Seattle private key 'd p q',"
                    + " which must stay with its owner: give the public key 'e n' instead");
        }
        return SeattlePublicKey.parse(text);
    }

    private static SeattlePublicKey fromPem(String text) throws KeyFormatException {
        Optional<RSAPublicKey> plain = PemText.plainRsaPublicKey(text);
        if (plain.isPresent()) {
            return SeattlePublicKey.from(plain.get());
        }
        return BouncyCastleKeys.publicKey(text);
    }

    /** The value as quoted in a message, or only its length when it is too long or spans lines. */
    private static String shown(String value) {
        return isEchoable(value) ? "'" + value + "'" : "the text given (" + value.length() + " characters)";
    }

    private static boolean isEchoable(String value) {
        return value.length() <= LONGEST_ECHOED_VALUE && value.lines().count() == 1;
    }

    private static InvalidInputException problem(String source, String rule, String detail) {
        return new InvalidInputException("Not a usable RSA public key",
                List.of(InputProblem.whole(source, rule, detail)));
    }
}
