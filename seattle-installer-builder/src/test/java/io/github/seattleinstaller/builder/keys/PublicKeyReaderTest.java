package io.github.seattleinstaller.builder.keys;

import static io.github.seattleinstaller.builder.keys.MessageChecks.assertSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyReaderTest {
    private static final String SOURCE = "owner of vessel 1 of donor alice";

    @TempDir
    static Path keys;

    /** alice's key as openssl sees it. */
    private static SeattlePublicKey alice;

    @TempDir
    Path project;

    private PublicKeyReader reader;

    @BeforeAll
    static void makeKeysWithOpenssl() {
        OpenSsl.rsaKey(keys, "alice.pem", 2048);
        OpenSsl.ok(keys, "pkey", "-in", "alice.pem", "-pubout", "-out", "alice.pub.pem");
        OpenSsl.ok(keys, "rsa", "-in", "alice.pem", "-RSAPublicKey_out", "-out", "alice.rsa-public.pem");
        OpenSsl.ok(keys, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        OpenSsl.ok(keys, "pkey", "-in", "ec.pem", "-pubout", "-out", "ec.pub.pem");
        OpenSsl.ok(keys, "req", "-x509", "-new", "-key", "alice.pem", "-subj", "/CN=alice", "-days", "1",
                "-out", "alice.crt");
        Map<String, BigInteger> numbers = OpenSsl.rsaNumbers(keys.resolve("alice.pem"));
        alice = new SeattlePublicKey(numbers.get("publicExponent"), numbers.get("modulus"));
    }

    @BeforeEach
    void newReader() {
        reader = new PublicKeyReader(project);
    }

    private InputProblem readFails(String keyOrPath) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(keyOrPath, SOURCE));
        assertEquals(1, e.problems().size());
        InputProblem problem = e.problems().get(0);
        assertEquals(SOURCE, problem.source());
        assertEquals(PublicKeyReader.RULE, problem.rule());
        assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
        return problem;
    }

    @Test
    void readsSeattleKeyTextInline() throws Exception {
        assertEquals(alice, reader.read(alice.toText(), SOURCE));
        assertEquals(alice, reader.read("  " + alice.e() + "\n " + alice.n() + "\n", SOURCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.pub.pem", "alice.rsa-public.pem"})
    void readsPemInlineAlsoWithCommentsAndCrlf(String name) throws Exception {
        String pem = Files.readString(keys.resolve(name));
        assertEquals(alice, reader.read(pem, SOURCE));
        assertEquals(alice, reader.read(("alice's key, sent by mail\n" + pem).replace("\n", "\r\n"), SOURCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.pub.pem", "alice.rsa-public.pem"})
    void readsPemFilesByAbsolutePath(String name) throws Exception {
        assertEquals(alice, reader.read(keys.resolve(name).toString(), SOURCE));
    }

    @Test
    void resolvesRelativePathsAgainstTheBaseDirectoryWhateverTheExtension() throws Exception {
        Files.createDirectories(project.resolve("donors"));
        Files.writeString(project.resolve("donors/alice.publickey"), alice.toText());
        Files.copy(keys.resolve("alice.pub.pem"), project.resolve("donors/alice.pem"));
        Files.writeString(project.resolve("donors/alice.key"), alice.toText() + "\n");

        assertEquals(alice, reader.read("donors/alice.publickey", SOURCE));
        assertEquals(alice, reader.read("donors/alice.pem", SOURCE));
        assertEquals(alice, reader.read("donors/alice.key", SOURCE));
        assertEquals(alice, PublicKeyReader.readFile(project.resolve("donors/alice.pem"), SOURCE));
    }

    @Test
    void aFileNamedOnlyWithDigitsNeedsADirectory() throws Exception {
        Files.writeString(project.resolve("65537"), alice.toText());
        assertEquals(alice, reader.read("./65537", SOURCE));
        assertTrue(readFails("65537").detail().contains("expected 2 numbers, found 1 field"));
    }

    @Test
    void aMissingFileIsNamedWithWhereItWasLookedFor() {
        InputProblem problem = readFails("donors/bob.publickey");
        assertEquals("'donors/bob.publickey' is neither key text nor the name of an existing file (there is no file "
                + project.resolve("donors/bob.publickey") + ")", problem.detail());
    }

    @Test
    void longTextIsNotEchoed() {
        String junk = "x".repeat(300);
        InputProblem problem = readFails(junk);
        assertEquals("the text given (300 characters) is neither key text nor the name of an existing file",
                problem.detail());
        assertFalse(readFails("line one\nline two").detail().contains("line one"));
    }

    @Test
    void nothingGiven() {
        assertEquals("nothing was given", readFails("  \n").detail());
    }

    @Test
    void aPrivateKeyIsRefusedWithoutQuotingIt() throws Exception {
        String pem = Files.readString(keys.resolve("alice.pem"));
        InputProblem inline = readFails(pem);
        assertTrue(inline.detail().startsWith("the PEM text given: it holds a private key, which must stay with its owner"),
                inline.detail());
        assertSafe(inline.describe(), keys.resolve("alice.pem"));

        InputProblem file = readFails(keys.resolve("alice.pem").toString());
        assertTrue(file.detail().startsWith("file " + keys.resolve("alice.pem") + ": it holds a private key"), file.detail());
        assertSafe(file.describe(), keys.resolve("alice.pem"));
    }

    @Test
    void aSeattlePrivateKeyIsRefusedWithoutQuotingIt() throws Exception {
        Map<String, BigInteger> numbers = OpenSsl.rsaNumbers(keys.resolve("alice.pem"));
        String privateText = numbers.get("privateExponent") + " " + numbers.get("prime1") + " " + numbers.get("prime2");
        InputProblem problem = readFails(privateText);
        assertTrue(problem.detail().contains("the form of a Seattle private key 'd p q'"), problem.detail());
        MessageChecks.assertNoNumbers(problem.describe(), numbers.get("privateExponent"), numbers.get("prime1"),
                numbers.get("prime2"));
    }

    @Test
    void aCertificateIsNotAPublicKey() {
        InputProblem problem = readFails(keys.resolve("alice.crt").toString());
        assertTrue(problem.detail().contains("it holds a certificate, not a public key"), problem.detail());
    }

    @Test
    void aNonRsaKeyIsRefused() {
        InputProblem problem = readFails(keys.resolve("ec.pub.pem").toString());
        assertTrue(problem.detail().endsWith("it holds a public key of type EC: Seattle keys are RSA"), problem.detail());
    }

    @Test
    void twoPublicKeysAreAmbiguous() throws Exception {
        String two = Files.readString(keys.resolve("alice.pub.pem")) + Files.readString(keys.resolve("ec.pub.pem"));
        assertTrue(readFails(two).detail().endsWith("it holds 2 public keys: give one"));
    }

    @Test
    void damagedPemIsReported() throws Exception {
        String pem = Files.readString(keys.resolve("alice.pub.pem")).replaceFirst("\n(.{10})", "\n**********");
        InputProblem problem = readFails(pem);
        assertTrue(problem.detail().contains("its '-----BEGIN PUBLIC KEY-----' block cannot be decoded"),
                problem.detail());
    }

    @Test
    void aFileWithNeitherFormIsReported() throws Exception {
        Path file = Files.writeString(project.resolve("alice.publickey"), "ssh-rsa AAAAB3Nza alice@example.org");
        InputProblem problem = readFails("alice.publickey");
        assertEquals("file " + file + ": it is neither Seattle key text nor PEM", problem.detail());
        assertTrue(problem.describe().contains("(rule: " + PublicKeyReader.RULE + ")"));
    }

    @Test
    void badSeattleTextIsReportedWithTheRuntimeParsersDetail() {
        assertTrue(readFails("65537 1").detail().endsWith("e must be greater than 1 and less than n"));
    }

    @Test
    void readTextTakesSeattleTextAndPemButNeverAFile() throws Exception {
        String pem = Files.readString(keys.resolve("alice.pub.pem"));
        assertEquals(alice, PublicKeyReader.readText(" " + alice.toText() + "\n", SOURCE));
        assertEquals(alice, PublicKeyReader.readText(pem, SOURCE));

        Files.writeString(project.resolve("alice.publickey"), alice.toText());
        for (String value : new String[] {project.resolve("alice.publickey").toString(), "alice.publickey"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> PublicKeyReader.readText(value, SOURCE));
            InputProblem problem = e.problems().get(0);
            assertEquals(PublicKeyReader.TEXT_RULE, problem.rule());
            assertEquals("'" + value + "' is neither Seattle key text nor PEM", problem.detail());
        }
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> PublicKeyReader.readText(" ", SOURCE));
        assertEquals("nothing was given", empty.problems().get(0).detail());
        InvalidInputException privateKey = assertThrows(InvalidInputException.class,
                () -> PublicKeyReader.readText(Files.readString(keys.resolve("alice.pem")), SOURCE));
        assertEquals(PublicKeyReader.TEXT_RULE, privateKey.problems().get(0).rule());
        assertTrue(privateKey.problems().get(0).detail().startsWith("the PEM text given: it holds a private key"));
    }
}
