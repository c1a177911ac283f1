package io.github.seattleinstaller.service;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the service is started with, resolved and checked by the command line.
 *
 * @param host            the address to listen on
 * @param port            the port
 * @param dataDirectory   the database and the access log, unless configured elsewhere
 * @param basesDirectory  the base installers' directory, or empty when they come from coordinates
 * @param basesArtifact   {@code groupId:artifactId:version} of released bases, or empty
 * @param repository      where released bases are fetched from
 * @param expectedKey     the operator key the bases must carry, if pinned
 * @param operatorKeyFile the operator key, or empty for the {@code SEATTLE_OPERATOR_KEY} variable
 * @param operatorPublicKeyFile for a Seattle private key, its public key
 * @param reservedKeyFile the key owning the reserved 20% vessel, or empty for the operator's public key
 * @param contextPath     {@code /} or a path such as {@code /custom_install}
 * @param publicUrl       the URL clients reach the context path at, if not the request's own
 * @param token           the write token, if any
 * @param openBuilding    whether building without a token is allowed on a non-loopback address
 * @param behindProxy     whether to take the client's address and scheme from X-Forwarded-* headers
 * @param keyBits         the size of generated donor keys
 * @param keyPool         how many generated key pairs wait ready in memory (0: each made on demand)
 * @param expireAfter     how long builds are kept, if not forever
 * @param ratePerSecond   writes per second per client, 0 for no limit
 * @param maxRequestBytes the largest XML-RPC body
 * @param accessLog       the access log file
 * @param database        where builds and jobs are kept
 * @param jobs            how jobs run and announce their end
 */
public record ServiceSettings(String host, int port, Path dataDirectory, Optional<Path> basesDirectory,
        Optional<String> basesArtifact, URI repository, Optional<KeyFingerprint> expectedKey,
        Optional<Path> operatorKeyFile, Optional<Path> operatorPublicKeyFile, Optional<Path> reservedKeyFile,
        String contextPath, Optional<String> publicUrl, Optional<String> token, boolean openBuilding,
        boolean behindProxy, int keyBits, int keyPool, Optional<Duration> expireAfter, double ratePerSecond, int maxRequestBytes,
        Path accessLog, DatabaseSettings database, JobSettings jobs) {
}
