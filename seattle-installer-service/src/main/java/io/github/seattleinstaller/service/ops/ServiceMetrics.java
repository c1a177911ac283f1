package io.github.seattleinstaller.service.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/**
 * The service's Prometheus metrics: builds (made or found again), XML-RPC calls and their latency, faults by
 * type, downloads and bytes sent by platform, the jobs this instance ran (runs started or resumed, donors built or
 * failed, jobs ended by state), plus the JVM's own. Counters are per instance: sum them over the instances.
 */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter buildsCreated;
    private final Counter buildsFound;
    private final Counter generatedKeys;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        buildsCreated = Counter.builder("seattle_builds").tag("outcome", "created")
                .description("builds made by build_installers").register(registry);
        buildsFound = Counter.builder("seattle_builds").tag("outcome", "deduplicated")
                .description("build_installers calls answered with an earlier build of the same request")
                .register(registry);
        generatedKeys = Counter.builder("seattle_generated_keys").description("key pairs generated for users")
                .register(registry);
    }

    public void build(boolean created, int keysGenerated) {
        (created ? buildsCreated : buildsFound).increment();
        generatedKeys.increment(keysGenerated);
    }

    public void call(String method, Duration took) {
        Timer.builder("seattle_xmlrpc_call").tag("method", method).publishPercentileHistogram()
                .description("XML-RPC calls by method").register(registry).record(took);
    }

    public void fault(String type) {
        Counter.builder("seattle_xmlrpc_faults").tag("type", type).description("XML-RPC faults by exception type")
                .register(registry).increment();
    }

    public void download(String platform, long bytes, boolean complete) {
        Counter.builder("seattle_downloads").tag("platform", platform).tag("complete", String.valueOf(complete))
                .description("installer downloads (complete: the whole file was sent)").register(registry)
                .increment();
        Counter.builder("seattle_download_bytes").tag("platform", platform).description("installer bytes sent")
                .register(registry).increment(bytes);
    }

    public void refused(String reason) {
        Counter.builder("seattle_http_refused").tag("reason", reason)
                .description("requests refused before they ran (authentication, rate limit, size)")
                .register(registry).increment();
    }

    /** A run of a job began on this instance: its first, or a resume of one another run left. */
    public void jobRun(boolean resumed) {
        Counter.builder("seattle_job_runs").tag("kind", resumed ? "resumed" : "started")
                .description("runs of jobs on this instance").register(registry).increment();
    }

    /** Donors of jobs recorded on this instance, built or failed. */
    public void jobDonors(int built, int failed) {
        Counter.builder("seattle_job_donors").tag("outcome", "built").description("job donors recorded on this instance")
                .register(registry).increment(built);
        Counter.builder("seattle_job_donors").tag("outcome", "failed").description("job donors recorded on this instance")
                .register(registry).increment(failed);
    }

    /** A job ended on this instance, in {@code state} (done, failed, cancelled). */
    public void jobEnded(String state) {
        Counter.builder("seattle_jobs_ended").tag("state", state).description("jobs ended on this instance")
                .register(registry).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
