package io.github.seattleinstaller.builder.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Assertions that a user-facing message leaks no key material and no Java internals. */
final class MessageChecks {
    private static final Pattern BASE64_LINE = Pattern.compile("(?m)^[A-Za-z0-9+/=]{16,}\\r?$");
    private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{20,}");

    private MessageChecks() {
    }

    /**
     * No DER-looking base64 ("MII"), no piece of any base64 line or long number found in the given key
     * files, and no exception class or package name.
     */
    static void assertSafe(String message, Path... keyFiles) throws IOException {
        assertFalse(message.contains("MII"), () -> "base64 DER in: " + message);
        for (String internal : List.of("Exception", "java.", "javax.", "org.bouncycastle", "null")) {
            assertFalse(message.contains(internal), () -> "'" + internal + "' in: " + message);
        }
        for (Path file : keyFiles) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            Matcher line = BASE64_LINE.matcher(text);
            while (line.find()) {
                String piece = line.group().substring(0, 16);
                assertFalse(message.contains(piece), () -> "key material from " + file + " in: " + message);
            }
            Matcher number = LONG_NUMBER.matcher(text);
            while (number.find()) {
                String piece = number.group().substring(0, 20);
                assertFalse(message.contains(piece), () -> "key number from " + file + " in: " + message);
            }
        }
    }

    /** None of the numbers' first 20 digits appear in the message. */
    static void assertNoNumbers(String message, BigInteger... numbers) {
        for (BigInteger number : numbers) {
            String digits = number.toString();
            String piece = digits.substring(0, Math.min(20, digits.length()));
            assertFalse(message.contains(piece), () -> "key number in: " + message);
        }
    }
}
