package io.github.seattleinstaller.service.jobs;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a job's end is announced, chosen per job: a webhook (a signed JSON POST) and an e-mail address, either,
 * both or neither. Checked when the job is submitted ({@link JobService}).
 */
public record NoticeTargets(Optional<URI> webhook, Optional<String> email) {
    public static final NoticeTargets NONE = new NoticeTargets(Optional.empty(), Optional.empty());

    public NoticeTargets {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(email, "email");
    }

    public boolean any() {
        return webhook.isPresent() || email.isPresent();
    }
}
