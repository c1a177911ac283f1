package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.runtime.keys.SeattleKeyFiles;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The keys pages' zips, made in memory and never written anywhere: {@code private_keys.zip} holds
 * {@code <user>.privatekey} and {@code <user>.publickey} of every generated user, {@code public_keys.zip} the
 * {@code <user>.publickey} of every user, in Seattle's form (the key text without a newline, as Seattle's own
 * key files are).
 */
public final class KeyArchives {
    public static final String PRIVATE_KEYS = "private_keys.zip";
    public static final String PUBLIC_KEYS = "public_keys.zip";
    public static final String PRIVATE_KEY_EXTENSION = ".privatekey";
    public static final String PUBLIC_KEY_EXTENSION = ".publickey";

    private KeyArchives() {
    }

    public static byte[] privateKeys(Map<String, SeattlePublicKey> publicKeys, Map<String, SeattlePrivateKey> privateKeys,
            Instant time) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        privateKeys.forEach((user, key) -> {
            files.put(user + PRIVATE_KEY_EXTENSION, SeattleKeyFiles.privateKeyFileContent(key));
            files.put(user + PUBLIC_KEY_EXTENSION, SeattleKeyFiles.publicKeyFileContent(publicKeys.get(user)));
        });
        return zip(files, time);
    }

    public static byte[] publicKeys(Map<String, SeattlePublicKey> publicKeys, Instant time) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        publicKeys.forEach((user, key) -> files.put(user + PUBLIC_KEY_EXTENSION, SeattleKeyFiles.publicKeyFileContent(key)));
        return zip(files, time);
    }

    private static byte[] zip(Map<String, byte[]> files, Instant time) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(time.toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing a zip in memory failed", impossible);
        }
        return bytes.toByteArray();
    }
}
