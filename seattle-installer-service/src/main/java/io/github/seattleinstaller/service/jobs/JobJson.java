package io.github.seattleinstaller.service.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A job as JSON, as the REST API answers it and a webhook notice carries it. */
public final class JobJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JobJson() {
    }

    public static ObjectNode of(Job job, JobLinks links, Instant now) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", job.id().hex());
        json.put("state", job.state().label());
        json.put("template", job.templateName());
        json.put("table", job.tableName());
        json.put("createdAt", job.createdAt().toString());
        job.startedAt().ifPresent(at -> json.put("startedAt", at.toString()));
        job.finishedAt().ifPresent(at -> json.put("finishedAt", at.toString()));
        ObjectNode progress = json.putObject("progress");
        progress.put("total", job.total());
        progress.put("built", job.built());
        progress.put("failed", job.failed());
        progress.put("percent", job.percent());
        job.rate(now).ifPresent(rate -> progress.put("donorsPerSecond", Math.round(rate * 10) / 10.0));
        job.timeLeft(now).ifPresent(left -> progress.put("secondsLeft", Math.round(left.toMillis() / 100.0) / 10.0));
        json.put("cancelRequested", job.cancelRequested());
        job.instance().ifPresent(instance -> json.put("instance", instance));
        json.put("runs", job.runs());
        job.error().ifPresent(error -> json.put("error", error));
        job.retryOf().ifPresent(earlier -> json.put("retryOf", earlier.hex()));
        ObjectNode notices = json.putObject("notices");
        job.notices().webhook().ifPresent(url -> notices.put("webhook", url.toString()));
        job.notices().email().ifPresent(email -> notices.put("email", email));
        ObjectNode urls = json.putObject("links");
        urls.put("page", links.page(job.id()));
        urls.put("api", links.api(job.id()));
        urls.put("manifestJson", links.manifest(job.id(), "json"));
        urls.put("manifestCsv", links.manifest(job.id(), "csv"));
        urls.put("log", links.page(job.id()) + "log.txt");
        return json;
    }
}
