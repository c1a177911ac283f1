package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.runtime.filelist.FileDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may write, and how often. With a token configured, a write (a {@code build_installers} call, a form
 * POST, an operator action) must carry it: as the password of HTTP Basic authentication, which Python's
 * {@code ServerProxy} sends for a URL {@code https://user:token@host/...} (the user name is not checked), or as
 * {@code Authorization: Bearer <token>}. Without a token, operator actions are taken only from the loopback
 * address. Each client (its address; behind a proxy, the forwarded address) may make at most {@code ratePerSecond}
 * writes per second on average, in bursts of twice that.
 */
public final class AccessPolicy {
    private static final String BASIC = "Basic ";
    private static final String BEARER = "Bearer ";
    /** Buckets of clients idle this long are forgotten, so that the table cannot grow without bound. */
    private static final long IDLE_NANOS = 10L * 60 * 1_000_000_000L;
    private static final int MAX_CLIENTS = 100_000;

    private final Optional<byte[]> tokenDigest;
    private final double ratePerSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param token         the write token, or empty for none
     * @param ratePerSecond writes per second per client; 0 for no limit
     */
    public AccessPolicy(Optional<String> token, double ratePerSecond) {
        this.tokenDigest = token.map(AccessPolicy::digest);
        this.ratePerSecond = ratePerSecond;
    }

    public boolean tokenRequired() {
        return tokenDigest.isPresent();
    }

    /** True if no token is configured, or the request carries it. */
    public boolean mayWrite(Request request) {
        if (tokenDigest.isEmpty()) {
            return true;
        }
        return presentedToken(request).map(token -> MessageDigest.isEqual(digest(token), tokenDigest.get()))
                .orElse(false);
    }

    /** Operator actions: the token when there is one, else only from this machine. */
    public boolean mayOperate(Request request) {
        if (tokenDigest.isPresent()) {
            return mayWrite(request);
        }
        try {
            return InetAddress.getByName(Request.getRemoteAddr(request)).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Takes one write from the client's allowance; false if it has none left now. */
    public boolean allowWrite(Request request) {
        if (ratePerSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(Request.getRemoteAddr(request), unused -> new Bucket(2 * ratePerSecond, now))
                .take(now, ratePerSecond, 2 * ratePerSecond);
    }

    private static Optional<String> presentedToken(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(header.substring(BEARER.length()).strip());
        }
        if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Tokens are compared by digest, in constant time, whatever their lengths. */
    private static byte[] digest(String token) {
        return FileDigest.sha256Of(token.getBytes(StandardCharsets.UTF_8));
    }

    /** A token bucket. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double rate, double capacity) {
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
