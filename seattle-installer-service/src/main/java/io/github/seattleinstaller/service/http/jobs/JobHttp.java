package io.github.seattleinstaller.service.http.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.service.http.AccessPolicy;
import io.github.seattleinstaller.service.http.Refusals;
import io.github.seattleinstaller.service.http.Responses;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobJson;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.pages.FormInput;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * What the jobs' REST API and pages share: the service's access checks (the per-client rate, the token, the size
 * limit), a same-site check for form POSTs (a browser that holds the token as Basic credentials must not be made to
 * submit from another site), JSON answers, and problems as JSON.
 *
 * <p>Who may do what: submitting, cancelling, retrying and deleting jobs are writes (the token, when one is
 * configured, as for {@code build_installers}); the queue view and changing templates are operator actions (the
 * token, or, without one, this machine only), because the queue lists every job and so reaches every job's builds;
 * a job's page, log, events and manifest are reached only through the job's unguessable id.
 */
public final class JobHttp {
    private final AccessPolicy access;
    private final ServiceMetrics metrics;
    private final int maxBytes;
    private final Refusals refusals;

    public JobHttp(AccessPolicy access, ServiceMetrics metrics, int maxBytes) {
        this.access = access;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
        this.refusals = new Refusals(access, metrics);
    }

    public int maxBytes() {
        return maxBytes;
    }

    public boolean tokenRequired() {
        return access.tokenRequired();
    }

    /** The rate, then the token: true if the request may write; otherwise the refusal is sent. */
    public boolean mayWrite(Request request, Response response, Callback callback) {
        return allowed(request, response, callback) && authorized(request, response, callback, access.mayWrite(request),
                "This needs the service's token: as the password of HTTP Basic authentication or as"
                        + " 'Authorization: Bearer TOKEN'.");
    }

    /** As {@link #mayWrite}, for operator actions: the token, or, without one configured, this machine. */
    public boolean mayOperate(Request request, Response response, Callback callback) {
        return allowed(request, response, callback) && authorized(request, response, callback,
                access.mayOperate(request), access.tokenRequired()
                        ? "This needs the service's token: as the password of HTTP Basic authentication or as"
                        + " 'Authorization: Bearer TOKEN'."
                        : "Without a token configured, this is allowed from the service's own machine only.");
    }

    /** Reading operator views (the queue): the token or this machine, with no rate taken. */
    public boolean mayView(Request request, Response response, Callback callback) {
        return authorized(request, response, callback, access.mayOperate(request), access.tokenRequired()
                ? "The queue lists every job: it needs the service's token (as the password of HTTP Basic"
                + " authentication, or 'Authorization: Bearer TOKEN')."
                : "Without a token configured, the queue is shown on the service's own machine only.");
    }

    /**
     * A form POST must come from a page of this service: refused when the browser says it comes from another site
     * ({@code Sec-Fetch-Site: cross-site}, or an {@code Origin} whose host is not this request's).
     */
    public boolean sameSite(Request request, Response response, Callback callback) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        boolean crossSite = "cross-site".equalsIgnoreCase(site);
        if (!crossSite && origin != null && !origin.equals("null")) {
            String host = request.getHeaders().get(HttpHeader.HOST);
            String originHost = origin.replaceFirst("^[a-zA-Z]+://", "");
            crossSite = host != null && !originHost.equalsIgnoreCase(host);
        }
        if (crossSite) {
            metrics.refused("cross-site");
            Responses.error(request, response, callback, HttpStatus.FORBIDDEN_403,
                    "This form must be sent from the service's own pages.");
            return false;
        }
        return true;
    }

    private boolean allowed(Request request, Response response, Callback callback) {
        return refusals.withinRate(request, response, callback);
    }

    private boolean authorized(Request request, Response response, Callback callback, boolean allowed, String why) {
        if (!allowed) {
            refusals.withoutToken(request, response, callback, why);
        }
        return allowed;
    }

    /**
     * The request's form (url-encoded or multipart, as {@link FormInput} reads it), at most {@code maxFormBytes}
     * and {@code maxFields}; empty, with 413, 415 or 400 sent saying why, if it cannot be read.
     */
    public Optional<FormInput> form(Request request, Response response, Callback callback, int maxFormBytes,
            int maxFields) {
        try {
            return Optional.of(FormInput.read(request, new FormInput.Limits(maxFormBytes, maxFields)));
        } catch (FormInput.UnreadableFormException e) {
            refusals.markUnreadableForm(request, response, e.status());
            Responses.error(request, response, callback, e.status(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The body, at most the job size limit; empty (with 413 sent) if larger. */
    public Optional<byte[]> body(Request request, Response response, Callback callback) throws InterruptedException {
        long declared = request.getLength();
        if (declared > maxBytes) {
            tooLarge(request, response, callback, declared);
            return Optional.empty();
        }
        try {
            return Optional.of(Content.Source.asByteArrayAsync(request, maxBytes).get());
        } catch (ExecutionException tooLargeOrBroken) {
            tooLarge(request, response, callback, -1);
            return Optional.empty();
        }
    }

    public void tooLarge(Request request, Response response, Callback callback, long size) {
        metrics.refused("size");
        Responses.error(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "The request "
                + (size >= 0 ? "has " + size + " bytes, more than" : "could not be read or has more than") + " the "
                + maxBytes + " bytes allowed (--max-job-bytes).");
    }

    /** The job id of the path, or empty with 404 sent. */
    public static Optional<JobId> jobId(String text, Request request, Response response, Callback callback) {
        if (JobId.isWellFormed(text)) {
            return Optional.of(new JobId(text));
        }
        Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "There is no such job.");
        return Optional.empty();
    }

    /** The job the path's {@code {job}} names, or empty with 404 sent (a malformed id, or no such job). */
    public static Optional<Job> job(JobService jobs, Map<String, String> params, Request request, Response response,
            Callback callback) throws IOException {
        Optional<JobId> id = jobId(params.get("job"), request, response, callback);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Job> job = jobs.find(id.get());
        if (job.isEmpty()) {
            Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "There is no such job.");
        }
        return job;
    }

    public static void json(Response response, Callback callback, int status, Object json) {
        try {
            Responses.json(response, callback, status, JobJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json) + "\n");
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code {"error": summary, "problems": [{"source", "line", "rule", "detail", "message"}, ...]}} */
    public static ObjectNode problems(InvalidInputException e) {
        ObjectNode json = JobJson.MAPPER.createObjectNode();
        String message = e.getMessage();
        json.put("error", message.contains(":\n") ? message.substring(0, message.indexOf(":\n")) : message);
        ArrayNode list = json.putArray("problems");
        for (InputProblem problem : e.problems()) {
            ObjectNode item = list.addObject();
            item.put("source", problem.source());
            if (problem.line() > 0) {
                item.put("line", problem.line());
            }
            item.put("rule", problem.rule());
            item.put("detail", problem.detail());
            item.put("message", problem.describe());
        }
        return json;
    }

    public static ObjectNode message(String text) {
        ObjectNode json = JobJson.MAPPER.createObjectNode();
        json.put("message", text);
        return json;
    }

    public static ObjectNode error(String text) {
        ObjectNode json = JobJson.MAPPER.createObjectNode();
        json.put("error", text);
        return json;
    }

    /** A request's query parameter, if given once. */
    public static Optional<String> query(Request request, String name) {
        var fields = Request.extractQueryParameters(request);
        String value = fields.getValue(name);
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }
}
