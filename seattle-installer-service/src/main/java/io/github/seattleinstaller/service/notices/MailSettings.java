package io.github.seattleinstaller.service.notices;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server e-mail notices go through.
 *
 * @param from     the sender's address
 * @param user     for SMTP authentication, with {@code password} (which comes only from the environment or a file)
 * @param startTls require STARTTLS before authenticating or sending
 */
public record MailSettings(String host, int port, String from, Optional<String> user, Optional<String> password,
        boolean startTls) {
    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("SMTP authentication needs both a user and a password");
        }
    }

    @Override
    public String toString() {
        return "smtp://" + user.map(name -> name + "@").orElse("") + host + ":" + port + (startTls ? " (STARTTLS)" : "");
    }
}
