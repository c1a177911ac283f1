package io.github.seattleinstaller.service.http.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.seattleinstaller.service.http.Responses;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobEvent;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobJson;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.jobs.JobStep;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /jobs/{id}/events}: the job's log as it grows, as server-sent events ({@code text/event-stream}): each
 * new line ({@code event: line}, JSON {@code {"level", "text"}}, its {@code id} the cursor {@code <event>.<donor>}
 * a browser sends back as {@code Last-Event-ID} when it reconnects), the progress every
 * {@value #POLL_MILLIS} ms ({@code event: progress}), and {@code event: end} once the job has ended. Any instance
 * serves it: it reads the database. A stream lasts at most {@value #MAX_SECONDS} s (the browser reconnects where it
 * left off) and at most {@value #MAX_STREAMS} streams run at once on an instance (others get 503 and retry).
 */
public final class JobEventStream {
    static final long POLL_MILLIS = 500;
    static final long MAX_SECONDS = 300;
    static final int MAX_STREAMS = 64;
    private static final int BATCH = 500;
    private static final Pattern CURSOR = Pattern.compile("([0-9]{1,18})\\.(-1|[0-9]{1,9})");

    private final JobService jobs;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    public JobEventStream(JobService jobs, Clock clock, BooleanSupplier stopping) {
        this.jobs = jobs;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** The cursor after an event and a donor's step. */
    static String cursor(long event, int step) {
        return event + "." + step;
    }

    public void stream(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = JobHttp.job(jobs, params, request, response, callback).map(Job::id);
        if (id.isEmpty()) {
            return;
        }
        String from = Optional.ofNullable(request.getHeaders().get("Last-Event-ID"))
                .or(() -> JobHttp.query(request, "after")).orElse("0.-1");
        Matcher cursor = CURSOR.matcher(from.strip());
        if (!cursor.matches()) {
            Responses.error(request, response, callback, HttpStatus.BAD_REQUEST_400, "The cursor is <event>.<donor>.");
            return;
        }
        if (!streams.tryAcquire()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 5);
            Responses.error(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "Too many live logs are open on this instance: try again shortly.");
            return;
        }
        try {
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Accel-Buffering", "no");
            follow(id.get(), Long.parseLong(cursor.group(1)), Integer.parseInt(cursor.group(2)), response);
            response.write(true, ByteBuffer.allocate(0), callback);
        } catch (IOException | RuntimeException gone) {
            callback.failed(gone);
        } finally {
            streams.release();
        }
    }

    private void follow(JobId id, long afterEvent, int afterStep, Response response) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        send(response, "retry: 2000\n\n");
        while (!stopping.getAsBoolean() && System.nanoTime() < deadline) {
            Optional<Job> found = jobs.find(id);
            if (found.isEmpty()) {
                send(response, "event: end\ndata: deleted\n\n");
                return;
            }
            Job job = found.get();
            List<JobEvent> events = jobs.store().events(id, afterEvent, BATCH);
            List<JobStep> steps = jobs.store().steps(id, afterStep, BATCH);
            StringBuilder out = new StringBuilder();
            if (!events.isEmpty()) {
                afterEvent = events.get(events.size() - 1).id();
            }
            if (!steps.isEmpty()) {
                afterStep = steps.get(steps.size() - 1).index();
            }
            for (LogLine line : LogLine.merge(events, steps)) {
                ObjectNode json = JobJson.MAPPER.createObjectNode();
                json.put("level", line.level());
                json.put("text", line.formatted());
                out.append("id: ").append(cursor(afterEvent, afterStep)).append("\nevent: line\ndata: ")
                        .append(text(json)).append("\n\n");
            }
            out.append("event: progress\ndata: ").append(text(progress(job))).append("\n\n");
            boolean caughtUp = events.size() < BATCH && steps.size() < BATCH;
            if (job.state().ended() && caughtUp) {
                out.append("event: end\ndata: ").append(job.state().label()).append("\n\n");
                send(response, out.toString());
                return;
            }
            send(response, out.toString());
            if (caughtUp) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private ObjectNode progress(Job job) {
        Instant now = clock.instant();
        JobRow row = JobRow.of(job, now);
        ObjectNode json = JobJson.MAPPER.createObjectNode();
        json.put("state", row.state());
        json.put("total", row.total());
        json.put("built", row.built());
        json.put("failed", row.failed());
        json.put("rate", row.rate());
        json.put("timeLeft", row.timeLeft());
        return json;
    }

    private static String text(ObjectNode json) {
        try {
            return JobJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void send(Response response, String text) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), blocker);
            blocker.block();
        }
    }
}
