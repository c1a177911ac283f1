package io.github.seattleinstaller.service.notices;

import java.time.Duration;
import java.util.Optional;

/**
 * How notices are sent: the secret webhooks are signed with (HMAC-SHA256), the SMTP server for e-mail, where links
 * point, and how failures are retried (after {@code retryBase}, then twice as long each time, {@code maxAttempts}
 * attempts in all). Without a secret no job may ask for a webhook, without an SMTP server none for e-mail.
 *
 * @param linkBase     the service's public URL with its context path, without a trailing slash
 * @param webhookHosts the hosts a job's webhook may name
 */
public record NoticeSettings(Optional<byte[]> webhookSecret, Optional<MailSettings> mail, String linkBase,
        Duration retryBase, int maxAttempts, WebhookHosts webhookHosts) {
    public NoticeSettings {
        webhookSecret = webhookSecret.map(byte[]::clone);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a notice is attempted at least once");
        }
    }

    @Override
    public Optional<byte[]> webhookSecret() {
        return webhookSecret.map(byte[]::clone);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones: base, 2 base, 4 base, ... */
    public Duration backoff(int attempt) {
        return retryBase.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
    }
}
