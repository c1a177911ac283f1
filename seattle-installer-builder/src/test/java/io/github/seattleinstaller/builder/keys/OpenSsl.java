package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.builder.testing.Command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code openssl} command line tool: an independent producer and checker of keys and signatures. */
final class OpenSsl {
    private OpenSsl() {
    }

    record Result(int exitCode, String output) {
    }

    /** Runs openssl in {@code directory}; its output is stdout followed by stderr. */
    static Result run(Path directory, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        try {
            Command.Result result = Command.run(directory, environment, command);
            return new Result(result.exitCode(), result.stdout() + result.stderr());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Runs openssl and requires it to succeed; returns its output. */
    static String ok(Path directory, String... arguments) {
        return okWith(directory, Map.of(), arguments);
    }

    static String okWith(Path directory, Map<String, String> environment, String... arguments) {
        Result result = run(directory, environment, arguments);
        assertEquals(0, result.exitCode(), () -> "openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
        return result.output();
    }

    /** A new RSA private key in PKCS#8 PEM. */
    static Path rsaKey(Path directory, String name, int bits) {
        ok(directory, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", name);
        return directory.resolve(name);
    }

    /** The public half of a private key, as openssl extracts it (SPKI PEM). */
    static Path publicKeyOf(Path privateKey, String passphrase) {
        Path out = privateKey.resolveSibling(privateKey.getFileName() + ".pub");
        if (passphrase == null) {
            ok(privateKey.getParent(), "pkey", "-in", privateKey.toString(), "-pubout", "-out", out.toString());
        } else {
            ok(privateKey.getParent(), "pkey", "-in", privateKey.toString(), "-passin", "pass:" + passphrase,
                    "-pubout", "-out", out.toString());
        }
        return out;
    }

    /** The fingerprint as openssl computes it: SHA-256 of the public key's DER encoding. */
    static String fingerprintOf(Path publicKeyPem) {
        Path der = publicKeyPem.resolveSibling(publicKeyPem.getFileName() + ".der");
        ok(publicKeyPem.getParent(), "pkey", "-pubin", "-in", publicKeyPem.toString(), "-outform", "DER",
                "-out", der.toString());
        String line = ok(publicKeyPem.getParent(), "dgst", "-sha256", "-r", der.toString()).strip();
        return line.substring(0, line.indexOf(' '));
    }

    /** Whether openssl accepts {@code signature} over {@code data} as SHA256withRSA by {@code publicKeyPem}. */
    static boolean verifies(Path publicKeyPem, byte[] data, byte[] signature) throws IOException {
        Path directory = Files.createTempDirectory(publicKeyPem.getParent(), "verify");
        Path dataFile = Files.write(directory.resolve("data"), data);
        Path signatureFile = Files.write(directory.resolve("data.sig"), signature);
        Result result = run(directory, Map.of(), "dgst", "-sha256", "-verify", publicKeyPem.toString(),
                "-signature", signatureFile.toString(), dataFile.toString());
        return result.exitCode() == 0 && result.output().contains("Verified OK");
    }

    /** The numbers of an RSA key as {@code openssl pkey -text} prints them, by name (modulus, prime1, ...). */
    static Map<String, BigInteger> rsaNumbers(Path privateKey) {
        String text = ok(privateKey.getParent(), "pkey", "-in", privateKey.toString(), "-text", "-noout");
        Map<String, BigInteger> numbers = new HashMap<>();
        Matcher block = Pattern.compile("(?m)^(\\w+):\\s*\\n((?:\\s+[0-9a-f:]+\\n)+)").matcher(text);
        while (block.find()) {
            numbers.put(block.group(1), new BigInteger(block.group(2).replaceAll("[\\s:]", ""), 16));
        }
        Matcher exponent = Pattern.compile("(?m)^publicExponent: (\\d+)").matcher(text);
        assertTrue(exponent.find(), text);
        numbers.put("publicExponent", new BigInteger(exponent.group(1)));
        return numbers;
    }

    /** The modulus of a PEM public key as openssl reads it. */
    static BigInteger modulusOfPublicKey(Path publicKeyPem) {
        String line = ok(publicKeyPem.getParent(), "rsa", "-pubin", "-in", publicKeyPem.toString(), "-modulus", "-noout")
                .strip();
        assertTrue(line.startsWith("Modulus="), line);
        return new BigInteger(line.substring("Modulus=".length()), 16);
    }
}
