package io.github.seattleinstaller.service.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The keys of a build made in this browser ({@code keys.jte}, and the keys part of the installers page): the
 * generated private keys offered once as {@code private_keys.zip}, every user's public key as
 * {@code public_keys.zip}.
 *
 * @param state         whether the private keys still wait, were downloaded, or are not (or no longer) here
 * @param generated     the users whose key pairs were generated
 * @param users         every user of the build
 * @param expires       when the service drops the keys, whatever happens
 * @param installersUrl the build's installers page
 */
public record KeysPage(String buildId, State state, List<String> generated, List<String> users, Instant expires,
        String privateKeysUrl, String publicKeysUrl, String installersUrl) {

    public enum State {
        WAITING, DOWNLOADED, GONE
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public KeysPage {
        generated = List.copyOf(generated);
        users = List.copyOf(users);
    }

    /** The generated users' names, for a sentence: "alice, bob and carol". */
    public String generatedNames() {
        if (generated.size() <= 1) {
            return String.join("", generated);
        }
        return String.join(", ", generated.subList(0, generated.size() - 1)) + " and " + generated.get(generated.size() - 1);
    }

    public boolean waiting() {
        return state == State.WAITING;
    }

    public boolean downloaded() {
        return state == State.DOWNLOADED;
    }

    public String expiresAt() {
        return TIME.format(expires);
    }

    public long lifetimeMinutes() {
        return PendingKeys.LIFETIME.toMinutes();
    }

    public String privateKeysName() {
        return KeyArchives.PRIVATE_KEYS;
    }

    public String publicKeysName() {
        return KeyArchives.PUBLIC_KEYS;
    }
}
