package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.builder.keys.KeyGenerationException.Input;
import io.github.seattleinstaller.runtime.io.DurableFiles;
import io.github.seattleinstaller.runtime.io.IoFailures;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.Pem;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.SeattleKeyFiles;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Generates an operator key pair and writes it, with base name N, as {@code N.pem} (PKCS#8, encrypted
 * with AES-256-CBC and PBKDF2-HMAC-SHA256 when a passphrase is given), {@code N.pub.pem} (SPKI) and
 * {@code N.publickey} (Seattle's text form), and, only on request, {@code N.privatekey}: Seattle's text
 * form of the private key, which has no encryption, so that with a passphrase no private key is written
 * unencrypted unless asked for. OpenSSL reads the PEM files ({@code openssl pkey -in N.pem -passin env:VAR}).
 * A directory without a {@code .gitignore} gets one that ignores the private key files.
 *
 * <p>It never overwrites: if any of the files exists, nothing is written. Each file is written to a
 * temporary file in the same directory and moved into place atomically; the private files are owner-only
 * from the moment they exist. If writing fails midway, whatever this run wrote is removed.
 */
public final class OperatorKeyGenerator {
    public static final int DEFAULT_BITS = 3072;
    /** The JDK's RSA key generator stops here; larger keys would also take minutes to generate. */
    public static final int MAXIMUM_BITS = 16384;
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int PBKDF2_ITERATIONS = 600_000;

    public static final String BASE_NAME_RULE =
            "a key's base name is letters, digits, '.', '_' and '-', and does not start with '.'";

    /** The key directory's {@code .gitignore}: private keys never belong in a repository. */
    static final String GITIGNORE = "# Written by seattle:keygen: private keys never belong in a repository.\n"
            + "*.pem\n!*.pub.pem\n*.privatekey\n";

    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Moves a finished temporary file into place; replaced in tests to make a write fail midway. */
    @FunctionalInterface
    interface FileMover {
        void move(Path source, Path target) throws IOException;
    }

    private enum PermissionSupport { POSIX, ACL, NONE }

    private record KeyFile(Path target, byte[] content, boolean secret) {
    }

    private final SecureRandom random = new SecureRandom();
    private final FileMover mover;

    public OperatorKeyGenerator() {
        this((source, target) -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE));
    }

    OperatorKeyGenerator(FileMover mover) {
        this.mover = mover;
    }

    /** Generates a key of {@link #DEFAULT_BITS} bits without {@code N.privatekey}; see {@link #generate(Path, String, int, char[], boolean)}. */
    public GeneratedKeyFiles generate(Path directory, String baseName, char[] passphrase)
            throws KeyGenerationException {
        return generate(directory, baseName, DEFAULT_BITS, passphrase, false);
    }

    /** Generates a key without {@code N.privatekey}; see {@link #generate(Path, String, int, char[], boolean)}. */
    public GeneratedKeyFiles generate(Path directory, String baseName, int bits, char[] passphrase)
            throws KeyGenerationException {
        return generate(directory, baseName, bits, passphrase, false);
    }

    /**
     * Generates an RSA key pair (e = 65537) and writes its files into {@code directory}, which is created if
     * missing, with a {@code .gitignore} if the directory has none.
     *
     * @param passphrase {@code null} for an unencrypted {@code N.pem}; otherwise the passphrase to encrypt
     *                   it with (the caller reads it from the environment; this array is not modified)
     * @param seattlePrivateKey whether to write {@code N.privatekey} too, Seattle's unencrypted form of the
     *                   private key, for Seattle's own tools
     * @throws KeyGenerationException for a size outside [{@link OperatorKey#MINIMUM_BITS},
     *         {@link #MAXIMUM_BITS}], a bad base name, an empty passphrase, existing files (all named), or a
     *         failed write (after removing what was written)
     */
    public GeneratedKeyFiles generate(Path directory, String baseName, int bits, char[] passphrase,
            boolean seattlePrivateKey) throws KeyGenerationException {
        if (bits < OperatorKey.MINIMUM_BITS) {
            throw new KeyGenerationException(Input.KEY_SIZE,
                    "Cannot generate a " + bits + "-bit key: " + OperatorKey.SIZE_RULE + ".");
        }
        if (bits > MAXIMUM_BITS) {
            throw new KeyGenerationException(Input.KEY_SIZE,
                    "Cannot generate a " + bits + "-bit key: at most " + MAXIMUM_BITS
                    + " bits are supported (" + DEFAULT_BITS + " is the default).");
        }
        if (!BASE_NAME.matcher(baseName).matches()) {
            throw new KeyGenerationException(Input.KEY_NAME,
                    "'" + baseName + "' cannot name key files: " + BASE_NAME_RULE + ".");
        }
        if (passphrase != null && passphrase.length == 0) {
            throw new KeyGenerationException(Input.PASSPHRASE,
                    "The passphrase is empty, which would not protect the key: give a"
                    + " passphrase, or none at all for an unencrypted key.");
        }
        Path dir = directory.toAbsolutePath().normalize();
        Path privatePem = dir.resolve(baseName + ".pem");
        Path publicPem = dir.resolve(baseName + ".pub.pem");
        Path privateText = dir.resolve(baseName + ".privatekey");
        Path publicText = dir.resolve(baseName + ".publickey");
        Path gitignore = dir.resolve(".gitignore");
        List<Path> targets = seattlePrivateKey ? List.of(privatePem, publicPem, privateText, publicText)
                : List.of(privatePem, publicPem, publicText);
        List<Path> existing = targets.stream()
                .filter(target -> Files.exists(target, LinkOption.NOFOLLOW_LINKS))
                .collect(Collectors.toList());
        if (!existing.isEmpty()) {
            throw new KeyGenerationException(Input.KEY_DIRECTORY,
                    "Refusing to overwrite existing key files: " + joined(existing)
                    + ". Nothing was written; move them away or choose another base name.");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KeyGenerationException(Input.KEY_DIRECTORY,
                    "Cannot create the directory " + dir + " for the key files: "
                    + IoFailures.describe(e) + ".", e);
        }

        KeyPair pair = newKeyPair(bits, random);
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) pair.getPrivate();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        List<KeyFile> files = new ArrayList<>();
        files.add(new KeyFile(privatePem, privateKeyPem(privateKey, passphrase), true));
        files.add(new KeyFile(publicPem, PublicKeyPem.encode(publicKey).getBytes(StandardCharsets.US_ASCII), false));
        if (seattlePrivateKey) {
            files.add(new KeyFile(privateText,
                    SeattleKeyFiles.privateKeyFileContent(SeattlePrivateKey.from(privateKey)), true));
        }
        files.add(new KeyFile(publicText, SeattleKeyFiles.publicKeyFileContent(SeattlePublicKey.from(publicKey)), false));
        boolean writeGitignore = !Files.exists(gitignore, LinkOption.NOFOLLOW_LINKS);
        if (writeGitignore) {
            files.add(new KeyFile(gitignore, GITIGNORE.getBytes(StandardCharsets.US_ASCII), false));
        }

        PermissionSupport support = permissionSupport(dir);
        writeAll(dir, files, support);
        List<Path> secret = files.stream().filter(KeyFile::secret).map(KeyFile::target).toList();
        List<String> notes = new ArrayList<>(notes(support, secret));
        if (!writeGitignore && !ignoresPrivateKeys(gitignore)) {
            notes.add(gitignore + " already exists and does not hold the lines '*.pem' and '*.privatekey': make"
                    + " sure it keeps the private key files out of any repository.");
        }
        return new GeneratedKeyFiles(privatePem, publicPem, Optional.of(privateText).filter(path -> seattlePrivateKey),
                publicText, writeGitignore ? Optional.of(gitignore) : Optional.empty(), KeyFingerprint.of(publicKey),
                bits, passphrase != null, notes);
    }

    private static boolean ignoresPrivateKeys(Path gitignore) {
        try {
            List<String> lines = Files.readAllLines(gitignore, StandardCharsets.UTF_8).stream().map(String::strip).toList();
            return lines.contains("*.pem") && lines.contains("*.privatekey");
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** An RSA key pair with the public exponent 65537 (F4), the form Seattle's keys and ours take. */
    static KeyPair newKeyPair(int bits, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK cannot generate an RSA key of " + bits + " bits", impossible);
        }
    }

    private byte[] privateKeyPem(RSAPrivateCrtKey privateKey, char[] passphrase) throws KeyGenerationException {
        try {
            OutputEncryptor encryptor = passphrase == null ? null
                    : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(PemContent.bouncyCastle())
                            .setRandom(random)
                            .setPRF(PKCS8Generator.PRF_HMACSHA256)
                            .setIterationCount(PBKDF2_ITERATIONS)
                            .setPassword(passphrase)
                            .build();
            PemObject pem = new JcaPKCS8Generator(privateKey, encryptor).generate();
            return Pem.encode(pem.getType(), pem.getContent()).getBytes(StandardCharsets.US_ASCII);
        } catch (OperatorCreationException | PemGenerationException e) {
            throw new KeyGenerationException(Input.JAVA_RUNTIME,
                    "Cannot encode the private key as PKCS#8: the AES-256-CBC cipher or"
                    + " PBKDF2-HMAC-SHA256 is unavailable in this Java runtime.", e);
        }
    }

    private static PermissionSupport permissionSupport(Path dir) {
        try {
            if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
                return PermissionSupport.POSIX;
            }
            if (Files.getFileStore(dir).supportsFileAttributeView(AclFileAttributeView.class)) {
                return PermissionSupport.ACL;
            }
        } catch (IOException e) {
            return PermissionSupport.NONE;
        }
        return PermissionSupport.NONE;
    }

    private void writeAll(Path dir, List<KeyFile> files, PermissionSupport support) throws KeyGenerationException {
        List<Path> temporaries = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        KeyFile current = null;
        try {
            for (KeyFile file : files) {
                current = file;
                Path temporary = createTemporary(dir, file, support);
                temporaries.add(temporary);
                DurableFiles.write(temporary, file.content(), StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i);
                // Checked again: the file may have appeared since the check before generating, and an
                // atomic move would silently replace it.
                if (Files.exists(current.target(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(current.target().toString());
                }
                mover.move(temporaries.get(i), current.target());
                written.add(current.target());
            }
        } catch (IOException e) {
            List<Path> leftOver = new ArrayList<>();
            for (Path path : concat(temporaries, written)) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException cannotDelete) {
                    leftOver.add(path);
                }
            }
            String reason = e instanceof FileAlreadyExistsException
                    ? "it appeared while the key was being generated"
                    : IoFailures.describe(e);
            String cleanup = leftOver.isEmpty()
                    ? "The files this run had written were removed."
                    : "These files of this run could not be removed, delete them: " + joined(leftOver) + ".";
            throw new KeyGenerationException(Input.KEY_DIRECTORY,
                    "Writing " + current.target() + " failed: " + reason + ". " + cleanup, e);
        }
    }

    /**
     * An empty temporary file beside the target. On POSIX file systems it is created with its final mode,
     * owner-only for secret files, so no other user can open it in between; the mode is set again because
     * the umask may have taken bits away.
     */
    private static Path createTemporary(Path dir, KeyFile file, PermissionSupport support) throws IOException {
        String prefix = "." + file.target().getFileName() + ".";
        if (support == PermissionSupport.POSIX) {
            Set<PosixFilePermission> mode = file.secret() ? OWNER_ONLY : WORLD_READABLE;
            FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(mode);
            Path temporary = Files.createTempFile(dir, prefix, ".tmp", attribute);
            if (file.secret()) {
                Files.setPosixFilePermissions(temporary, OWNER_ONLY);
            }
            return temporary;
        }
        Path temporary = Files.createTempFile(dir, prefix, ".tmp");
        if (support == PermissionSupport.ACL && file.secret()) {
            restrictToOwner(temporary);
        }
        return temporary;
    }

    /** Replaces the file's access control list by one entry granting its owner everything. */
    private static void restrictToOwner(Path file) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        AclEntry ownerOnly = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(view.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build();
        view.setAcl(List.of(ownerOnly));
    }

    private static List<String> notes(PermissionSupport support, List<Path> secret) {
        String secretFiles = joined(secret);
        switch (support) {
            case ACL:
                return List.of("This file system has no POSIX permissions: " + secretFiles
                        + " were restricted to their owner with an access control list instead.");
            case NONE:
                return List.of("This file system supports neither POSIX permissions nor access control lists,"
                        + " so " + secretFiles + " could not be restricted to their owner: protect them yourself.");
            default:
                return List.of();
        }
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
