package io.github.seattleinstaller.builder.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.testing.Command;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorKeyGeneratorTest {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path directory;

    private static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void theDefaultIsA3072BitKeyThatOpensslAccepts() throws Exception {
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(directory, "operator", null);

        assertEquals(3072, files.bits());
        assertFalse(files.encrypted());
        assertEquals(List.of(".gitignore", "operator.pem", "operator.pub.pem", "operator.publickey"), namesIn(directory));
        assertTrue(Files.readString(files.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(OpenSsl.ok(directory, "pkey", "-in", "operator.pem", "-check", "-noout").contains("Key is valid"));
        assertTrue(OpenSsl.ok(directory, "pkey", "-in", "operator.pem", "-text", "-noout").contains("(3072 bit"));
        OpenSsl.ok(directory, "pkey", "-pubin", "-in", "operator.pub.pem", "-noout");
        assertEquals(OpenSsl.fingerprintOf(files.publicKeyPem()), files.fingerprint().hex());
    }

    @Test
    void anEncryptedKeyOpensWithThePassphraseFromTheEnvironmentOnly() throws Exception {
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(directory, "operator", 2048,
                "correct horse".toCharArray());

        assertTrue(files.encrypted());
        assertTrue(Files.readString(files.privateKeyPem()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        OpenSsl.okWith(directory, Map.of("KEY_PASSPHRASE", "correct horse"),
                "pkey", "-in", "operator.pem", "-passin", "env:KEY_PASSPHRASE", "-check", "-noout");
        OpenSsl.Result wrong = OpenSsl.run(directory, Map.of("KEY_PASSPHRASE", "wrong horse"),
                "pkey", "-in", "operator.pem", "-passin", "env:KEY_PASSPHRASE", "-noout");
        assertNotEquals(0, wrong.exitCode());
        String structure = OpenSsl.ok(directory, "asn1parse", "-in", "operator.pem");
        assertTrue(structure.contains(":PBKDF2") && structure.contains(":hmacWithSHA256")
                && structure.contains(":aes-256-cbc"), structure);
        String iterations = Integer.toHexString(OperatorKeyGenerator.PBKDF2_ITERATIONS).toUpperCase(Locale.ROOT);
        assertTrue(Pattern.compile("prim: INTEGER +:0*" + iterations + "\\s").matcher(structure).find(), structure);

        OperatorKey loaded = new OperatorKeyLoader(
                Map.of(OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE, "correct horse")::get,
                OperatorKeyLoader.DEFAULT_KEY_VARIABLE, OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE)
                .load(files.privateKeyPem(), files.publicKeyPem());
        assertEquals(files.fingerprint(), loaded.fingerprint());
    }

    @Test
    void privateFilesAreOwnerOnlyAndPublicFilesReadable() throws Exception {
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(directory, "operator", 2048, null, true);

        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(files.privateKeyPem()));
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(files.seattlePrivateKey().orElseThrow()));
        for (Path publicFile : List.of(files.publicKeyPem(), files.seattlePublicKey())) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(publicFile);
            assertTrue(mode.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)), mode::toString);
            assertTrue(mode.contains(PosixFilePermission.OTHERS_READ), mode::toString);
            assertFalse(mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                    || mode.contains(PosixFilePermission.OWNER_EXECUTE), mode::toString);
        }
        assertEquals(List.of(), files.notes());
    }

    @Test
    void privateContentIsNeverInAFileOthersCanRead() throws Exception {
        Map<String, Set<PosixFilePermission>> modesBeforeMove = new HashMap<>();
        OperatorKeyGenerator generator = new OperatorKeyGenerator((source, target) -> {
            modesBeforeMove.put(target.getFileName().toString(), Files.getPosixFilePermissions(source));
            assertEquals(target.getParent(), source.getParent(), "temporary files are written beside their target");
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        });

        generator.generate(directory, "operator", 2048, null, true);

        assertEquals(OWNER_ONLY, modesBeforeMove.get("operator.pem"));
        assertEquals(OWNER_ONLY, modesBeforeMove.get("operator.privatekey"));
        assertEquals(5, modesBeforeMove.size(), "four key files and the .gitignore");
    }

    @Test
    void theSeattleFormsHoldTheSameKeyAsThePemFiles() throws Exception {
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(directory, "operator", 2048, null, true);
        Path seattlePrivateKey = files.seattlePrivateKey().orElseThrow();

        Map<String, BigInteger> numbers = OpenSsl.rsaNumbers(files.privateKeyPem());
        SeattlePublicKey publicKey = PublicKeyReader.readFile(files.seattlePublicKey(), "operator.publickey");
        SeattlePrivateKey privateKey = SeattlePrivateKey.parse(Files.readString(seattlePrivateKey));
        assertEquals(BigInteger.valueOf(65537), publicKey.e());
        assertEquals(numbers.get("publicExponent"), publicKey.e());
        assertEquals(numbers.get("modulus"), publicKey.n());
        assertEquals(OpenSsl.modulusOfPublicKey(files.publicKeyPem()), publicKey.n());
        assertEquals(numbers.get("privateExponent"), privateKey.d());
        assertEquals(Set.of(numbers.get("prime1"), numbers.get("prime2")), Set.of(privateKey.p(), privateKey.q()));
        for (Path seattleFile : List.of(files.seattlePublicKey(), seattlePrivateKey)) {
            byte[] content = Files.readAllBytes(seattleFile);
            assertTrue(Character.isDigit(content[content.length - 1]), seattleFile + " ends without a newline");
        }
        assertEquals(publicKey.toText(), Files.readString(files.seattlePublicKey(), StandardCharsets.US_ASCII));

        OperatorKey fromSeattleFiles = new OperatorKeyLoader(Map.<String, String>of()::get,
                OperatorKeyLoader.DEFAULT_KEY_VARIABLE, OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE)
                .load(seattlePrivateKey, files.seattlePublicKey());
        assertEquals(files.fingerprint(), fromSeattleFiles.fingerprint());
    }

    @Test
    void refusesToOverwriteAndWritesNothing() throws Exception {
        Path existing = Files.writeString(directory.resolve("operator.publickey"), "keep me");
        Path alsoExisting = Files.writeString(directory.resolve("operator.pem"), "keep me too");

        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> new OperatorKeyGenerator().generate(directory, "operator", 2048, null));

        assertEquals("Refusing to overwrite existing key files: " + alsoExisting + ", " + existing
                + ". Nothing was written; move them away or choose another base name.", e.getMessage());
        assertEquals(List.of("operator.pem", "operator.publickey"), namesIn(directory));
        assertEquals("keep me", Files.readString(existing));
        assertEquals("keep me too", Files.readString(alsoExisting));
    }

    @Test
    void aDanglingSymbolicLinkAlsoCountsAsExisting() throws Exception {
        Path link = Files.createSymbolicLink(directory.resolve("operator.privatekey"), directory.resolve("elsewhere"));
        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> new OperatorKeyGenerator().generate(directory, "operator", 2048, null, true));
        assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
        assertFalse(Files.exists(directory.resolve("elsewhere")));
    }

    @Test
    void aFailureMidwayRemovesWhatThisRunWrote() throws Exception {
        Path unrelated = Files.writeString(directory.resolve("notes.txt"), "not ours");
        int[] moves = {0};
        OperatorKeyGenerator generator = new OperatorKeyGenerator((source, target) -> {
            if (++moves[0] == 3) {
                throw new IOException("disk full");
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        });

        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> generator.generate(directory, "operator", 2048, null, true));

        assertEquals("Writing " + directory.resolve("operator.privatekey") + " failed: disk full."
                + " The files this run had written were removed.", e.getMessage());
        assertEquals(List.of("notes.txt"), namesIn(directory));
        assertEquals("not ours", Files.readString(unrelated));
    }

    @Test
    void createsAMissingDirectory() throws Exception {
        Path nested = directory.resolve("target/keys");
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(nested, "operator", 2048, null, true);
        assertEquals(List.of(nested.resolve("operator.pem"), nested.resolve("operator.pub.pem"),
                nested.resolve("operator.privatekey"), nested.resolve("operator.publickey")), files.files());
        assertTrue(files.files().stream().allMatch(Files::isRegularFile));
        assertEquals(5, namesIn(nested).size());
    }

    @Test
    void keysShorterThan2048BitsAreRefused() {
        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> new OperatorKeyGenerator().generate(directory, "operator", 1024, null));
        assertEquals("Cannot generate a 1024-bit key: " + OperatorKey.SIZE_RULE + ".", e.getMessage());
    }

    @Test
    void absurdSizesAreRefused() {
        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> new OperatorKeyGenerator().generate(directory, "operator", 65536, null));
        assertTrue(e.getMessage().contains("at most 16384 bits"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../operator", "keys/operator", ".hidden", "operator key"})
    void baseNamesThatAreNoPlainFileNameAreRefused(String baseName) throws Exception {
        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> new OperatorKeyGenerator().generate(directory, baseName, 2048, null));
        assertEquals("'" + baseName + "' cannot name key files: " + OperatorKeyGenerator.BASE_NAME_RULE + ".",
                e.getMessage());
        assertEquals(List.of(), namesIn(directory));
    }

    @Test
    void anEmptyPassphraseIsRefused() throws Exception {
        KeyGenerationException e = assertThrows(KeyGenerationException.class,
                () -> new OperatorKeyGenerator().generate(directory, "operator", 2048, new char[0]));
        assertTrue(e.getMessage().startsWith("The passphrase is empty"), e.getMessage());
        assertEquals(List.of(), namesIn(directory));
    }

    @Test
    void thePassphraseArrayIsLeftAsGiven() throws Exception {
        char[] passphrase = "correct horse".toCharArray();
        new OperatorKeyGenerator().generate(directory, "operator", 2048, passphrase);
        assertArrayEquals("correct horse".toCharArray(), passphrase);
    }

    /** Issue 7 finding 7: with a passphrase, keygen also wrote the same key unencrypted as operator.privatekey. */
    @Test
    void withAPassphraseNoPrivateKeyIsWrittenUnencryptedUnlessAskedFor() throws Exception {
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(directory, "operator", 2048,
                "correct horse".toCharArray());
        assertEquals(java.util.Optional.empty(), files.seattlePrivateKey());
        assertEquals(List.of(".gitignore", "operator.pem", "operator.pub.pem", "operator.publickey"), namesIn(directory));
        for (String name : namesIn(directory)) {
            String text = Files.readString(directory.resolve(name), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("BEGIN PRIVATE KEY") || text.contains("BEGIN RSA PRIVATE KEY"), name);
        }
        SeattlePrivateKey unencrypted = SeattlePrivateKey.from(
                new OperatorKeyLoader(Map.of(OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE, "correct horse")::get,
                        OperatorKeyLoader.DEFAULT_KEY_VARIABLE, OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE)
                        .load(files.privateKeyPem(), files.publicKeyPem()).privateKey());
        for (String name : namesIn(directory)) {
            assertFalse(Files.readString(directory.resolve(name), StandardCharsets.ISO_8859_1)
                    .contains(unencrypted.d().toString()), name + " holds the private exponent");
        }
    }

    @Test
    void theKeyDirectoryGetsAGitignoreThatIgnoresThePrivateKeysAndAnExistingOneIsKept() throws Exception {
        new OperatorKeyGenerator().generate(directory, "operator", 2048, null, true);
        Command.ok(directory, "git", "init", "-q", ".");
        String untracked = Command.ok(directory, "git", "status", "--porcelain", "--untracked-files=all");
        assertTrue(untracked.contains("operator.pub.pem") && untracked.contains("operator.publickey"), untracked);
        assertFalse(untracked.contains("operator.pem\n") || untracked.contains("operator.privatekey"), untracked);

        Path other = Files.createDirectories(directory.resolve("other"));
        Files.writeString(other.resolve(".gitignore"), "target/\n");
        GeneratedKeyFiles files = new OperatorKeyGenerator().generate(other, "operator", 2048, null);
        assertEquals("target/\n", Files.readString(other.resolve(".gitignore")));
        assertEquals(java.util.Optional.empty(), files.gitignore());
        assertTrue(files.notes().get(0).contains("does not hold the lines '*.pem' and '*.privatekey'"), files.notes().toString());
    }
}
