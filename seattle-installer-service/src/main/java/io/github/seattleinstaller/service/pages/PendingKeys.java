package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.clearinghouse.BuildId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The private keys a page build generated, waiting for their one download: held in this process's memory only
 * (never in the store, a log or the data directory), under an unguessable handle (128 bits from a CSPRNG) that
 * only the browser that made the build holds, and dropped when downloaded or {@link #LIFETIME} after the build,
 * whichever comes first. The users' names and public keys stay until then, for {@code public_keys.zip}.
 */
public final class PendingKeys {
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    /** At most this many builds' keys wait at once; a build that would make more is refused before it is made. */
    public static final int MAX_WAITING = 10_000;

    private static final Pattern HANDLE = Pattern.compile("[0-9a-f]{32}");

    /** The capability that reaches one build's waiting keys. */
    public record Handle(String value) {
        public Handle {
            if (!HANDLE.matcher(value).matches()) {
                throw new IllegalArgumentException("a handle is 32 lowercase hex digits");
            }
        }

        /** The handle in a cookie's text, if it is one. */
        public static Optional<Handle> parse(String text) {
            return text != null && HANDLE.matcher(text).matches() ? Optional.of(new Handle(text)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "Handle[...]";
        }
    }

    /**
     * One build's keys: every user's public key, and the private keys of the generated ones until downloaded.
     *
     * @param privateKeys empty once downloaded
     */
    public record Waiting(BuildId build, Instant expires, Map<String, SeattlePublicKey> publicKeys,
            Map<String, SeattlePrivateKey> privateKeys, boolean downloaded) {
        public Waiting {
            publicKeys = Collections.unmodifiableMap(new LinkedHashMap<>(publicKeys));
            privateKeys = Collections.unmodifiableMap(new LinkedHashMap<>(privateKeys));
        }

        /** The names of the users whose key pairs were generated. */
        public java.util.Set<String> generated() {
            return privateKeys.keySet();
        }

        Waiting withoutPrivateKeys() {
            return new Waiting(build, expires, publicKeys, Map.of(), true);
        }

        /** Never shows a private key. */
        @Override
        public String toString() {
            return "Waiting[" + build + ", " + publicKeys.keySet() + (downloaded ? ", downloaded" : "") + "]";
        }
    }

    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random;
    private final Map<Handle, Waiting> waiting = new ConcurrentHashMap<>();

    public PendingKeys(Clock clock, Duration lifetime, SecureRandom random) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.random = random;
    }

    /** True if another build's keys can wait now. */
    public boolean hasRoom() {
        return waiting.size() < MAX_WAITING;
    }

    /**
     * Keeps a build's keys until their download or the lifetime's end; a timer drops them then even if nobody asks.
     *
     * @return the handle, or empty if {@link #MAX_WAITING} builds' keys are already waiting
     */
    public Optional<Handle> hold(BuildId build, Map<String, SeattlePublicKey> publicKeys,
            Map<String, SeattlePrivateKey> privateKeys) {
        if (!hasRoom()) {
            return Optional.empty();
        }
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        Handle handle = new Handle(HexFormat.of().formatHex(bits));
        Waiting entry = new Waiting(build, clock.instant().plus(lifetime), publicKeys, privateKeys, false);
        waiting.put(handle, entry);
        CompletableFuture.delayedExecutor(lifetime.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> waiting.remove(handle));
        return Optional.of(handle);
    }

    /** What waits for the build under the handle, without taking anything. */
    public Optional<Waiting> peek(Handle handle, BuildId build) {
        return live(handle, build);
    }

    /**
     * Takes the build's private keys: the first call gets them (with every user's public key), any later one
     * finds them gone.
     */
    public Optional<Waiting> take(Handle handle, BuildId build) {
        if (live(handle, build).isEmpty()) {
            return Optional.empty();
        }
        AtomicReference<Waiting> taken = new AtomicReference<>();
        waiting.computeIfPresent(handle, (unused, entry) -> {
            if (!entry.downloaded() && entry.build().equals(build)) {
                taken.set(entry);
                return entry.withoutPrivateKeys();
            }
            return entry;
        });
        return Optional.ofNullable(taken.get());
    }

    /** How many builds' keys wait now (expired ones are dropped by their timers). */
    public int size() {
        return waiting.size();
    }

    private Optional<Waiting> live(Handle handle, BuildId build) {
        Waiting entry = waiting.get(handle);
        if (entry == null || !entry.build().equals(build)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            waiting.remove(handle, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }
}
