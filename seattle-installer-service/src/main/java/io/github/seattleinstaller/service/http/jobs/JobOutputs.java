package io.github.seattleinstaller.service.http.jobs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.jobs.InstallerSummary;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobEvent;
import io.github.seattleinstaller.service.jobs.JobJson;
import io.github.seattleinstaller.service.jobs.JobStep;
import io.github.seattleinstaller.service.store.JobStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A job's manifest and log, written as they are read from the database (a page of steps at a time), so that a job
 * of 100,000 donors is sent without being held.
 *
 * <p>The manifest has one entry per donor, in the table's order: the donor's name, its build id, the base set it was
 * built on, and per platform the installer's URL, SHA-256 and size (on that base set: after new bases are loaded the
 * same URL serves the build on the new bases, whose SHA-256 is then another, as the download's {@code .sha256}
 * says); a donor that failed has its error instead.
 */
final class JobOutputs {
    /** The CSV's platforms, in the API's order: every column is there whatever bases the service has. */
    static final List<ClearinghousePlatform> PLATFORMS = List.of(ClearinghousePlatform.values());

    private JobOutputs() {
    }

    static void manifestJson(Job job, JobStore jobs, BiFunction<JobStep, ClearinghousePlatform, String> url,
            OutputStream out) throws IOException {
        try (JsonGenerator json = JobJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("job", job.id().hex());
            json.writeStringField("state", job.state().label());
            json.writeStringField("template", job.templateName());
            json.writeStringField("table", job.tableName());
            json.writeNumberField("total", job.total());
            json.writeNumberField("built", job.built());
            json.writeNumberField("failed", job.failed());
            json.writeArrayFieldStart("donors");
            jobs.forEachStep(job.id(), step -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("donor", step.donorName());
                    if (step.built()) {
                        json.writeStringField("build", step.build().get().hex());
                        json.writeStringField("baseSet", step.baseSetId().orElse(""));
                        json.writeObjectFieldStart("installers");
                        for (InstallerSummary installer : step.installers()) {
                            json.writeObjectFieldStart(installer.platform().apiName());
                            json.writeStringField("url", url.apply(step, installer.platform()));
                            json.writeStringField("sha256", installer.sha256Hex());
                            json.writeNumberField("size", installer.size());
                            json.writeEndObject();
                        }
                        json.writeEndObject();
                    } else {
                        json.writeStringField("error", step.error().orElse(""));
                    }
                    json.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code donor,build_id,base_set,linux_url,linux_sha256,linux_size,mac_url,...,error}, RFC 4180. */
    static void manifestCsv(Job job, JobStore jobs, BiFunction<JobStep, ClearinghousePlatform, String> url,
            OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(List.of("donor", "build_id", "base_set"));
        for (ClearinghousePlatform platform : PLATFORMS) {
            header.addAll(List.of(platform.apiName() + "_url", platform.apiName() + "_sha256", platform.apiName() + "_size"));
        }
        header.add("error");
        writer.write(String.join(",", header) + "\r\n");
        try {
            jobs.forEachStep(job.id(), step -> {
                List<String> cells = new ArrayList<>();
                cells.add(step.donorName());
                cells.add(step.build().map(Object::toString).orElse(""));
                cells.add(step.baseSetId().orElse(""));
                for (ClearinghousePlatform platform : PLATFORMS) {
                    InstallerSummary installer = step.installers().stream()
                            .filter(each -> each.platform() == platform).findFirst().orElse(null);
                    cells.add(installer == null ? "" : url.apply(step, platform));
                    cells.add(installer == null ? "" : installer.sha256Hex());
                    cells.add(installer == null ? "" : String.valueOf(installer.size()));
                }
                cells.add(step.error().orElse(""));
                try {
                    writer.write(String.join(",", cells.stream().map(JobOutputs::csvCell).toList()) + "\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    /** The whole log as text, a line each, in time order. */
    static void log(Job job, JobStore jobs, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<JobEvent> events = new ArrayList<>();
        for (List<JobEvent> page = jobs.events(job.id(), 0, 1000); !page.isEmpty();
             page = jobs.events(job.id(), page.get(page.size() - 1).id(), 1000)) {
            events.addAll(page);
        }
        int[] next = {0};
        try {
            jobs.forEachStep(job.id(), step -> {
                try {
                    while (next[0] < events.size() && !events.get(next[0]).at().isAfter(step.at())) {
                        writer.write(LogLine.of(events.get(next[0]++)).formatted() + "\n");
                    }
                    writer.write(LogLine.of(step).formatted() + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        while (next[0] < events.size()) {
            writer.write(LogLine.of(events.get(next[0]++)).formatted() + "\n");
        }
        writer.flush();
    }

    static String csvCell(String value) {
        if (value.isEmpty() || value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
