package io.github.seattleinstaller.builder.keys;

import static io.github.seattleinstaller.builder.keys.MessageChecks.assertNoNumbers;
import static io.github.seattleinstaller.builder.keys.MessageChecks.assertSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.seattleinstaller.builder.keys.KeyLoadingException.Input;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorKeyLoaderTest {
    private static final String KEY_VARIABLE = OperatorKeyLoader.DEFAULT_KEY_VARIABLE;
    private static final String PASSPHRASE_VARIABLE = OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE;

    @TempDir
    static Path keys;

    @TempDir
    Path work;

    @BeforeAll
    static void makeKeysWithOpenssl() {
        OpenSsl.ok(keys, "genrsa", "-traditional", "-out", "pkcs1.pem", "2048");
        OpenSsl.rsaKey(keys, "pkcs8.pem", 2048);
        OpenSsl.ok(keys, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret",
                "-in", "pkcs8.pem", "-out", "encrypted.pem");
        OpenSsl.ok(keys, "rsa", "-in", "pkcs1.pem", "-traditional", "-aes256", "-passout", "pass:secret",
                "-out", "legacy-encrypted.pem");
        OpenSsl.rsaKey(keys, "short.pem", 1024);
        OpenSsl.ok(keys, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        OpenSsl.ok(keys, "ecparam", "-genkey", "-name", "prime256v1", "-out", "ec-traditional.pem");
        OpenSsl.ok(keys, "genpkey", "-algorithm", "ED25519", "-out", "ed25519.pem");
        OpenSsl.ok(keys, "req", "-x509", "-new", "-key", "pkcs8.pem", "-subj", "/CN=operator", "-days", "1",
                "-out", "certificate.pem");
        OpenSsl.ok(keys, "rsa", "-in", "pkcs8.pem", "-RSAPublicKey_out", "-out", "rsa-public.pem");
        OpenSsl.ok(keys, "pkey", "-in", "pkcs8.pem", "-outform", "DER", "-out", "pkcs8.der");
    }

    private static OperatorKeyLoader loader(Map<String, String> environment) {
        return new OperatorKeyLoader(environment::get, KEY_VARIABLE, PASSPHRASE_VARIABLE);
    }

    private static KeyLoadingException loadFails(Map<String, String> environment, Path keyFile, Path publicKeyFile) {
        return assertThrows(KeyLoadingException.class, () -> loader(environment).load(keyFile, publicKeyFile));
    }

    private static byte[] sign(OperatorKey key, byte[] data) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key.privateKey());
        signer.update(data);
        return signer.sign();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1.pem", "pkcs8.pem", "encrypted.pem", "legacy-encrypted.pem"})
    void loadsEveryOpensslFormatAndSignsWhatOpensslVerifies(String name) throws Exception {
        Path keyFile = keys.resolve(name);
        OperatorKey key = loader(Map.of(PASSPHRASE_VARIABLE, "secret")).load(keyFile, null);

        Path opensslPublicKey = OpenSsl.publicKeyOf(keyFile, "secret");
        byte[] data = ("installer metainfo signed by " + name).getBytes(StandardCharsets.UTF_8);
        assertTrue(OpenSsl.verifies(opensslPublicKey, data, sign(key, data)));
        assertFalse(OpenSsl.verifies(opensslPublicKey, "other data".getBytes(StandardCharsets.UTF_8), sign(key, data)));
        assertEquals(OpenSsl.fingerprintOf(opensslPublicKey), key.fingerprint().hex());
        assertEquals(2048, key.bitLength());
        assertEquals("file " + keyFile.toAbsolutePath(), key.origin());
        assertEquals("RSA-2048 key sha256:" + key.fingerprint().hex() + " from file " + keyFile.toAbsolutePath(),
                key.toString());
    }

    @Test
    void readsTheKeyFromTheEnvironmentVariable() throws Exception {
        String pem = Files.readString(keys.resolve("pkcs8.pem"));
        OperatorKey key = loader(Map.of(KEY_VARIABLE, pem)).load(null, null);

        assertEquals("environment variable SEATTLE_OPERATOR_KEY", key.origin());
        assertEquals(OpenSsl.fingerprintOf(OpenSsl.publicKeyOf(keys.resolve("pkcs8.pem"), null)), key.fingerprint().hex());
        assertFalse(key.toString().contains("MII"));
    }

    @Test
    void variableNamesAreConfigurable() throws Exception {
        String pem = Files.readString(keys.resolve("encrypted.pem"));
        OperatorKeyLoader custom = new OperatorKeyLoader(Map.of("CI_KEY", pem, "CI_PASS", "secret")::get, "CI_KEY", "CI_PASS");
        assertEquals("environment variable CI_KEY", custom.load(null, null).origin());

        OperatorKeyLoader withoutPassphrase = new OperatorKeyLoader(Map.of("CI_KEY", pem)::get, "CI_KEY", "CI_PASS");
        KeyLoadingException e = assertThrows(KeyLoadingException.class, () -> withoutPassphrase.load(null, null));
        assertEquals(Input.PASSPHRASE_VARIABLE, e.input());
        assertTrue(e.getMessage().contains("CI_PASS"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSPHRASE_VARIABLE), e.getMessage());
    }

    @Test
    void acceptsCrlfLineEndsAndTextBeforeTheBlock() throws Exception {
        String pem = Files.readString(keys.resolve("pkcs1.pem"));
        Path keyFile = Files.writeString(work.resolve("operator.key"),
                ("Operator key of example.org, made with openssl\n# keep secret\n\n" + pem).replace("\n", "\r\n"));

        OperatorKey key = loader(Map.of()).load(keyFile, null);

        assertEquals(OpenSsl.fingerprintOf(OpenSsl.publicKeyOf(keys.resolve("pkcs1.pem"), null)), key.fingerprint().hex());
    }

    @Test
    void seattlePrivateKeyMadeFromOpensslNumbersLoadsWithAndWithoutItsPublicKeyFile() throws Exception {
        Map<String, BigInteger> numbers = OpenSsl.rsaNumbers(keys.resolve("pkcs8.pem"));
        Path privateKeyFile = Files.writeString(work.resolve("operator.privatekey"),
                numbers.get("privateExponent") + " " + numbers.get("prime1") + " " + numbers.get("prime2"));
        Path publicKeyFile = Files.writeString(work.resolve("operator.publickey"),
                numbers.get("publicExponent") + " " + numbers.get("modulus") + "\n");
        String expected = OpenSsl.fingerprintOf(OpenSsl.publicKeyOf(keys.resolve("pkcs8.pem"), null));

        OperatorKey checked = loader(Map.of()).load(privateKeyFile, publicKeyFile);
        OperatorKey recovered = loader(Map.of()).load(privateKeyFile, null);

        assertEquals(expected, checked.fingerprint().hex());
        assertEquals(expected, recovered.fingerprint().hex());
        assertEquals(numbers.get("publicExponent"), recovered.publicKey().getPublicExponent());
        byte[] data = "signed with a Seattle key".getBytes(StandardCharsets.UTF_8);
        assertTrue(OpenSsl.verifies(keys.resolve("pkcs8.pem.pub"), data, sign(recovered, data)));
    }

    @Test
    void aPemKeyIsAlsoCheckedAgainstAGivenPublicKeyFile() throws Exception {
        OperatorKey key = loader(Map.of()).load(keys.resolve("pkcs8.pem"), keys.resolve("rsa-public.pem"));
        assertEquals(OpenSsl.fingerprintOf(OpenSsl.publicKeyOf(keys.resolve("pkcs8.pem"), null)), key.fingerprint().hex());

        KeyLoadingException e = loadFails(Map.of(), keys.resolve("pkcs1.pem"), keys.resolve("rsa-public.pem"));
        assertEquals(Input.PUBLIC_KEY_FILE, e.input());
        assertTrue(e.getMessage().contains(keys.resolve("rsa-public.pem").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(keys.resolve("pkcs1.pem").toString()), e.getMessage());
        assertSafe(e.getMessage(), keys.resolve("pkcs1.pem"), keys.resolve("rsa-public.pem"));
    }

    @Test
    void seattlePrivateKeyAndPublicKeyOfDifferentPairsAreRefused() throws Exception {
        Map<String, BigInteger> first = OpenSsl.rsaNumbers(keys.resolve("pkcs8.pem"));
        Map<String, BigInteger> second = OpenSsl.rsaNumbers(keys.resolve("pkcs1.pem"));
        Path privateKeyFile = Files.writeString(work.resolve("operator.privatekey"),
                first.get("privateExponent") + " " + first.get("prime1") + " " + first.get("prime2"));
        Path publicKeyFile = Files.writeString(work.resolve("other.publickey"),
                second.get("publicExponent") + " " + second.get("modulus"));

        KeyLoadingException e = loadFails(Map.of(), privateKeyFile, publicKeyFile);

        assertEquals(Input.PUBLIC_KEY_FILE, e.input());
        assertTrue(e.getMessage().contains("does not belong to"), e.getMessage());
        assertTrue(e.getMessage().contains(publicKeyFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(privateKeyFile.toString()), e.getMessage());
        assertSafe(e.getMessage(), privateKeyFile, publicKeyFile);
    }

    @Test
    void aMissingPublicKeyFileIsNamed() throws Exception {
        Path missing = work.resolve("operator.publickey");
        KeyLoadingException e = loadFails(Map.of(), keys.resolve("pkcs8.pem"), missing);
        assertEquals(Input.PUBLIC_KEY_FILE, e.input());
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
        assertSafe(e.getMessage(), keys.resolve("pkcs8.pem"));
    }

    @Test
    void seattleNumbersThatAreNoWorkingKeyAreRefused() throws Exception {
        // p is composite: d, p, q pass the parser (d is invertible) but do not make signatures that verify.
        SecureRandom random = new SecureRandom();
        BigInteger p = BigInteger.probablePrime(512, random).multiply(BigInteger.probablePrime(512, random));
        // p has 1023 or 1024 bits; q is long enough that n has more than 2048 bits either way.
        BigInteger q = BigInteger.probablePrime(1030, random);
        BigInteger lambda = lcm(p.subtract(BigInteger.ONE), q.subtract(BigInteger.ONE));
        BigInteger d = BigInteger.valueOf(65537).modInverse(lambda);
        Path privateKeyFile = Files.writeString(work.resolve("broken.privatekey"), d + " " + p + " " + q);

        KeyLoadingException e = loadFails(Map.of(), privateKeyFile, null);

        assertEquals(Input.KEY_FILE, e.input());
        assertTrue(e.getMessage().contains("do not form a working RSA key"), e.getMessage());
        assertTrue(e.getMessage().contains(privateKeyFile.toString()), e.getMessage());
        assertNoNumbers(e.getMessage(), d, p, q);
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        return a.multiply(b).divide(a.gcd(b));
    }

    @Test
    void seattleNumbersThatFormNoKeyAtAllAreRefused() throws Exception {
        Path keyFile = Files.writeString(work.resolve("operator.privatekey"), "4 2 3");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertEquals(Input.KEY_FILE, e.input());
        assertTrue(e.getMessage().contains("do not form an RSA key"), e.getMessage());
    }

    @Test
    void aMissingKeyFileIsNamed() throws Exception {
        Path missing = work.resolve("operator.pem");
        KeyLoadingException e = loadFails(Map.of(), missing, null);
        assertEquals(Input.KEY_FILE, e.input());
        assertEquals("The operator key file " + missing + " does not exist.", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAKeyFile() {
        KeyLoadingException e = loadFails(Map.of(), work, null);
        assertEquals("The operator key file " + work + " is a directory, not a key file.", e.getMessage());
    }

    @Test
    void anUnreadableKeyFileIsNamed() throws Exception {
        Path keyFile = Files.copy(keys.resolve("pkcs8.pem"), work.resolve("operator.pem"));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(keyFile), "the superuser reads every file");

        KeyLoadingException e = loadFails(Map.of(), keyFile, null);

        assertEquals("The operator key file " + keyFile + " cannot be read: permission denied.", e.getMessage());
    }

    @Test
    void aHugeFileIsNotReadWhole() throws Exception {
        Path big = Files.write(work.resolve("installer.tar.gz"), new byte[(int) KeyFileText.MAX_BYTES + 1]);
        KeyLoadingException e = loadFails(Map.of(), big, null);
        assertTrue(e.getMessage().startsWith("The operator key file " + big + " is 1048577 bytes long, far too large"),
                e.getMessage());
    }

    @Test
    void textThatIsNoKeyIsRefusedWithTheAcceptedForms() throws Exception {
        Path keyFile = Files.writeString(work.resolve("operator.pem"), "this is not a key\n");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertEquals(Input.KEY_FILE, e.input());
        assertEquals("The operator key file " + keyFile + " holds no key in an accepted form: expected "
                + OperatorKeyLoader.ACCEPTED_FORMS + ".", e.getMessage());
    }

    @Test
    void binaryDerIsRefusedWithTheAcceptedForms() throws Exception {
        KeyLoadingException e = loadFails(Map.of(), keys.resolve("pkcs8.der"), null);
        assertTrue(e.getMessage().contains("holds no key in an accepted form"), e.getMessage());
        assertSafe(e.getMessage(), keys.resolve("pkcs8.pem"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec.pem:EC", "ec-traditional.pem:EC", "ed25519.pem:Ed25519"})
    void keysOtherThanRsaAreRefused(String nameAndType) throws Exception {
        String[] parts = nameAndType.split(":");
        Path keyFile = keys.resolve(parts[0]);

        KeyLoadingException e = loadFails(Map.of(), keyFile, null);

        assertEquals(Input.KEY_FILE, e.input());
        assertTrue(e.getMessage().startsWith("The operator key in the file " + keyFile + " is of type " + parts[1]
                + ": it must be a plain RSA key"), e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void keysShorterThan2048BitsAreRefusedWithTheReason() throws Exception {
        Path keyFile = keys.resolve("short.pem");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertEquals(Input.KEY_FILE, e.input());
        assertTrue(e.getMessage().contains(keyFile + " has 1024 bits, too few"), e.getMessage());
        assertTrue(e.getMessage().contains(OperatorKey.SIZE_RULE), e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void anEncryptedKeyWithoutThePassphraseVariableSaysWhichVariableToSet() throws Exception {
        Path keyFile = keys.resolve("encrypted.pem");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertEquals(Input.PASSPHRASE_VARIABLE, e.input());
        assertTrue(e.getMessage().contains(keyFile + " is encrypted, but the environment variable "
                + PASSPHRASE_VARIABLE + " is not set: set " + PASSPHRASE_VARIABLE), e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void anEmptyPassphraseVariableIsNamed() throws Exception {
        KeyLoadingException e = loadFails(Map.of(PASSPHRASE_VARIABLE, ""), keys.resolve("legacy-encrypted.pem"), null);
        assertEquals(Input.PASSPHRASE_VARIABLE, e.input());
        assertTrue(e.getMessage().contains(PASSPHRASE_VARIABLE + " is empty"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encrypted.pem", "legacy-encrypted.pem"})
    void aWrongPassphraseIsReportedWithoutTheKeyOrThePassphrase(String name) throws Exception {
        Path keyFile = keys.resolve(name);
        KeyLoadingException e = loadFails(Map.of(PASSPHRASE_VARIABLE, "not-the-secret"), keyFile, null);
        assertEquals(Input.PASSPHRASE_VARIABLE, e.input());
        assertEquals("The operator key in the file " + keyFile + " cannot be decrypted with the passphrase in the"
                + " environment variable " + PASSPHRASE_VARIABLE + ": the passphrase is wrong or the key is damaged.",
                e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyKeyVariableIsNamed(String value) {
        KeyLoadingException e = loadFails(Map.of(KEY_VARIABLE, value), null, null);
        assertEquals(Input.KEY_VARIABLE, e.input());
        assertTrue(e.getMessage().startsWith("The environment variable " + KEY_VARIABLE + " is set but empty"),
                e.getMessage());
    }

    @Test
    void aKeyVariableWithoutPemIsRefusedWithoutEchoingIt() throws Exception {
        Map<String, BigInteger> numbers = OpenSsl.rsaNumbers(keys.resolve("pkcs8.pem"));
        String seattleText = numbers.get("privateExponent") + " " + numbers.get("prime1") + " " + numbers.get("prime2");
        String base64Only = Base64.getEncoder().encodeToString(Files.readAllBytes(keys.resolve("pkcs8.der")));

        for (String value : new String[] {seattleText, base64Only}) {
            KeyLoadingException e = loadFails(Map.of(KEY_VARIABLE, value), null, null);
            assertEquals(Input.KEY_VARIABLE, e.input());
            assertTrue(e.getMessage().startsWith("The environment variable " + KEY_VARIABLE + " does not hold PEM text"),
                    e.getMessage());
            assertSafe(e.getMessage(), keys.resolve("pkcs8.pem"));
            assertNoNumbers(e.getMessage(), numbers.get("privateExponent"), numbers.get("prime1"));
            assertFalse(e.getMessage().contains(base64Only.substring(0, 16)), e.getMessage());
        }
    }

    @Test
    void aKeyFileAndTheKeyVariableTogetherAreAmbiguous() throws Exception {
        String pem = Files.readString(keys.resolve("pkcs8.pem"));
        Path keyFile = keys.resolve("pkcs1.pem");
        KeyLoadingException e = loadFails(Map.of(KEY_VARIABLE, pem), keyFile, null);
        assertEquals(Input.KEY_SOURCE, e.input());
        assertTrue(e.getMessage().contains(keyFile.toString()) && e.getMessage().contains(KEY_VARIABLE), e.getMessage());
        assertTrue(e.getMessage().contains("unclear which key should sign"), e.getMessage());
        assertSafe(e.getMessage(), keyFile, keys.resolve("pkcs8.pem"));
    }

    @Test
    void noKeyAtAllSaysHowToGiveOne() {
        KeyLoadingException e = loadFails(Map.of(PASSPHRASE_VARIABLE, "secret"), null, null);
        assertEquals(Input.KEY_SOURCE, e.input());
        assertTrue(e.getMessage().contains("set the environment variable " + KEY_VARIABLE), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs8.pem.pub", "rsa-public.pem"})
    void aPublicKeyIsNotEnoughToSign(String name) throws Exception {
        OpenSsl.publicKeyOf(keys.resolve("pkcs8.pem"), null);
        Path keyFile = keys.resolve(name);
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertEquals(Input.KEY_FILE, e.input());
        assertTrue(e.getMessage().startsWith("The file " + keyFile + " holds only a public key: signing needs the"
                + " private key"), e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void aSeattlePublicKeyIsNotEnoughToSign() throws Exception {
        Map<String, BigInteger> numbers = OpenSsl.rsaNumbers(keys.resolve("pkcs8.pem"));
        Path keyFile = Files.writeString(work.resolve("operator.publickey"),
                numbers.get("publicExponent") + " " + numbers.get("modulus"));
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertTrue(e.getMessage().contains("holds a Seattle public key 'e n': signing needs the private key"),
                e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void aCertificateIsNotAPrivateKey() throws Exception {
        Path keyFile = keys.resolve("certificate.pem");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertTrue(e.getMessage().startsWith("The file " + keyFile + " holds a certificate, not a private key"),
                e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void aCertificateBesideThePrivateKeyIsFine() throws Exception {
        Path keyFile = work.resolve("bundle.pem");
        Files.writeString(keyFile, Files.readString(keys.resolve("certificate.pem")) + Files.readString(keys.resolve("pkcs8.pem")));
        OperatorKey key = loader(Map.of()).load(keyFile, null);
        assertEquals(OpenSsl.fingerprintOf(OpenSsl.publicKeyOf(keys.resolve("pkcs8.pem"), null)), key.fingerprint().hex());
    }

    @Test
    void twoPrivateKeysInOneFileAreAmbiguous() throws Exception {
        Path keyFile = work.resolve("two.pem");
        Files.writeString(keyFile, Files.readString(keys.resolve("pkcs1.pem")) + Files.readString(keys.resolve("pkcs8.pem")));
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertEquals("The file " + keyFile + " holds 2 private keys: keep only the operator's signing key in it.",
                e.getMessage());
    }

    @Test
    void anUnsupportedKindOfBlockIsNamed() throws Exception {
        byte[] body = new byte[300];
        new SecureRandom().nextBytes(body);
        Path keyFile = Files.writeString(work.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(body)
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertTrue(e.getMessage().contains("it holds a '-----BEGIN OPENSSH PRIVATE KEY-----' block, which is not an"
                + " accepted kind of key"), e.getMessage());
        assertTrue(e.getMessage().contains(OperatorKeyLoader.ACCEPTED_FORMS), e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void damagedBase64IsReportedWithoutQuotingIt() throws Exception {
        String pem = Files.readString(keys.resolve("pkcs1.pem"));
        String[] lines = pem.split("\n");
        lines[5] = lines[5].substring(0, 20) + "!!" + lines[5].substring(22);
        Path keyFile = Files.writeString(work.resolve("damaged.pem"), String.join("\n", lines) + "\n");

        KeyLoadingException e = loadFails(Map.of(), keyFile, null);

        assertTrue(e.getMessage().contains("its '-----BEGIN RSA PRIVATE KEY-----' block cannot be decoded"),
                e.getMessage());
        assertSafe(e.getMessage(), keyFile);
    }

    @Test
    void aBlockCutShortIsReported() throws Exception {
        String pem = Files.readString(keys.resolve("pkcs8.pem"));
        Path keyFile = Files.writeString(work.resolve("truncated.pem"), pem.substring(0, pem.length() / 2));
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertTrue(e.getMessage().contains("cannot be decoded"), e.getMessage());
        assertSafe(e.getMessage(), keys.resolve("pkcs8.pem"));
    }

    @Test
    void theVariableIsNamedWhenItsPemIsUnusable() throws Exception {
        String pem = Files.readString(keys.resolve("ec.pem"));
        KeyLoadingException e = loadFails(Map.of(KEY_VARIABLE, pem), null, null);
        assertEquals(Input.KEY_VARIABLE, e.input());
        assertTrue(e.getMessage().startsWith("The operator key in the environment variable " + KEY_VARIABLE
                + " is of type EC"), e.getMessage());
    }

    @Test
    void theLogLineShowsNoKeyMaterial() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put(PASSPHRASE_VARIABLE, "secret");
        OperatorKey key = loader(environment).load(keys.resolve("encrypted.pem"), null);
        assertSafe(key.toString(), keys.resolve("encrypted.pem"), keys.resolve("pkcs8.pem"));
        assertNoNumbers(key.toString(), key.publicKey().getModulus(), key.privateKey().getPrivateExponent());
        assertEquals(SeattlePrivateKey.from(key.privateKey()).publicKey(), key.seattlePublicKey());
    }

    @Test
    void aFileWithAByteOrderMarkLoads() throws Exception {
        byte[] pem = Files.readAllBytes(keys.resolve("pkcs8.pem"));
        byte[] withMark = new byte[pem.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(pem, 0, withMark, 3, pem.length);
        Path keyFile = Files.write(work.resolve("operator.pem"), withMark);
        assertEquals(2048, loader(Map.of()).load(keyFile, null).bitLength());
    }

    @Test
    void seattleKeyTextWithTheWrongCountOfNumbersIsRefused() throws IOException {
        Path keyFile = Files.writeString(work.resolve("operator.privatekey"), "1 2 3 4");
        KeyLoadingException e = loadFails(Map.of(), keyFile, null);
        assertTrue(e.getMessage().contains("holds 4 numbers, which is no key in an accepted form"), e.getMessage());
    }
}
