package io.github.seattleinstaller.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The jobs' REST API as a client sees it: JSON over the JDK's HttpClient, with the token if the service has one. */
public final class JobsClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final Optional<String> token;

    /** @param base the service's URL with its context path, no trailing slash */
    public JobsClient(String base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    /** {@code POST /api/jobs} with JSON. */
    public Answer submit(String template, String tableName, String table, Optional<String> webhook,
            Optional<String> email) throws IOException, InterruptedException {
        ObjectNode job = JSON.createObjectNode();
        job.put("template", template);
        job.put("tableName", tableName);
        job.put("table", table);
        ObjectNode notify = job.putObject("notify");
        webhook.ifPresent(url -> notify.put("webhook", url));
        email.ifPresent(address -> notify.put("email", address));
        return send("POST", "/api/jobs", "application/json", JSON.writeValueAsString(job));
    }

    /** Submits and requires 201; returns the job's id. */
    public String submitted(String template, String table) throws IOException, InterruptedException {
        Answer answer = submit(template, "donors.csv", table, Optional.empty(), Optional.empty());
        if (answer.status() != 201) {
            throw new AssertionError("the job was refused (HTTP " + answer.status() + "): " + answer.body());
        }
        return answer.json().get("id").asText();
    }

    public JsonNode job(String id) throws IOException, InterruptedException {
        Answer answer = get("/api/jobs/" + id);
        if (answer.status() != 200) {
            throw new AssertionError("GET job " + id + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /** Polls the job until {@code until} holds; fails with the job's last state after {@code timeout}. */
    public JsonNode await(String id, Predicate<JsonNode> until, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = job(id);
        while (!until.test(job)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not get there within " + timeout + ": " + job.toPrettyString()
                        + "\nlog:\n" + get("/jobs/" + id + "/log.txt").body());
            }
            TimeUnit.MILLISECONDS.sleep(50);
            job = job(id);
        }
        return job;
    }

    public JsonNode awaitState(String id, String state, Duration timeout) throws IOException, InterruptedException {
        return await(id, job -> job.get("state").asText().equals(state), timeout);
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    public Answer post(String path) throws IOException, InterruptedException {
        return send("POST", path, null, null);
    }

    public Answer send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * The value of one series of the Prometheus text at {@code metricsUrl}, for example
     * {@code seattle_job_donors_total{outcome="built"}}; 0 while the service has not counted any.
     */
    public double counter(String metricsUrl, String series) throws IOException, InterruptedException {
        String text = new String(download(metricsUrl), java.nio.charset.StandardCharsets.UTF_8);
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip())).orElse(0.0);
    }

    public byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
