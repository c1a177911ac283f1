package io.github.seattleinstaller.service;

import io.github.seattleinstaller.service.notices.MailSettings;
import io.github.seattleinstaller.service.notices.WebhookHosts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How this instance runs jobs and sends their notices.
 *
 * @param instanceName       this instance's name among those sharing the database (in the job library and job logs)
 * @param heartbeat          how often a running job's instance says it is alive
 * @param jobThreads         jobs and notices run at once on this instance
 * @param signingThreads     threads signing a job's donors (one per core)
 * @param acceptdonationsKey the key filling {@code {acceptdonations}} in every job whose template has it, if set
 * @param webhookSecret      the HMAC-SHA256 key webhooks are signed with; without one, no job may ask for a webhook
 * @param mail               the SMTP server for e-mail notices; without one, no job may ask for e-mail
 * @param noticeRetry        the first wait before a failed notice is tried again (then twice as long each time)
 * @param noticeAttempts     how many times a notice is tried
 * @param maxJobBytes        the largest job submission (JSON or form) accepted
 * @param webhookHosts       the hosts a job's webhook may name
 */
public record JobSettings(String instanceName, Duration heartbeat, int jobThreads, int signingThreads,
        Optional<Path> acceptdonationsKey, Optional<byte[]> webhookSecret, Optional<MailSettings> mail,
        Duration noticeRetry, int noticeAttempts, int maxJobBytes, WebhookHosts webhookHosts) {
    public JobSettings {
        webhookSecret = webhookSecret.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> webhookSecret() {
        return webhookSecret.map(byte[]::clone);
    }
}
