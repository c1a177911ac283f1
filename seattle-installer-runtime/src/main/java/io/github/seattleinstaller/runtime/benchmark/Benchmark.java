package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.resources.Resource;

import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the maximum of every resource on this machine (reference section 4). Measurements run one after
 * the other, since parallel ones would disturb each other, each in its own daemon thread under a timeout so
 * that a hanging one cannot hang the installer. Whatever a measurement fails to give is replaced by the
 * resource's default maximum, with a warning; the installer never asks the donor anything.
 */
public final class Benchmark {
    /** How long each timed measurement runs (disk, loopback, random): the whole benchmark takes ~1-2 s. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(250);
    /** How long the installer waits for one measurement before giving up on it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final List<ResourceMeasurement> measurements;
    private final Duration budget;
    private final Duration timeout;

    /**
     * @param measurements together they must give every resource exactly once
     * @param budget       the time each timed measurement runs
     * @param timeout      the time after which a measurement that has not returned is abandoned
     */
    public Benchmark(List<ResourceMeasurement> measurements, Duration budget, Duration timeout) {
        Map<Resource, ResourceMeasurement> coverage = new EnumMap<>(Resource.class);
        for (ResourceMeasurement measurement : measurements) {
            for (Resource resource : measurement.resources()) {
                ResourceMeasurement previous = coverage.put(resource, measurement);
                if (previous != null) {
                    throw new IllegalArgumentException(resource.seattleName() + " is measured twice: by '"
                            + previous.description() + "' and by '" + measurement.description() + "'");
                }
            }
        }
        for (Resource resource : Resource.values()) {
            if (!coverage.containsKey(resource)) {
                throw new IllegalArgumentException("no measurement gives " + resource.seattleName());
            }
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a measurement budget is not negative: " + budget);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a measurement timeout is positive: " + timeout);
        }
        this.measurements = List.copyOf(measurements);
        this.budget = budget;
        this.timeout = timeout;
    }

    /** The real benchmark of this machine, with the default budget and timeout. */
    public static Benchmark standard() {
        return new Benchmark(standardMeasurements(), DEFAULT_BUDGET, DEFAULT_TIMEOUT);
    }

    /** The real measurements, one per line of reference section 4, in resource order. */
    public static List<ResourceMeasurement> standardMeasurements() {
        OshiSystem oshi = new OshiSystem();
        return List.of(
                new CpuMeasurement(oshi),
                new MemoryMeasurement(oshi),
                new DiskSpaceMeasurement(),
                new FixedMaximum(Resource.EVENTS, "Seattle never measures events"),
                new FileWriteMeasurement(),
                new FileReadMeasurement(),
                new OpenFileLimitMeasurement(oshi),
                new NetworkLinkMeasurement(oshi),
                new LoopbackMeasurement(),
                new FixedMaximum(Resource.LOGRATE, "not measured, Seattle's default"),
                new SecureRandomMeasurement());
    }

    /**
     * Measures every resource and logs each figure.
     *
     * @param installDirectory where the vessels will live; it need not exist yet (its nearest existing
     *                         ancestor is measured)
     * @throws InterruptedException if this thread is interrupted while waiting for a measurement
     */
    public BenchmarkResult run(Path installDirectory, ProgressLog log) throws InterruptedException {
        long start = System.nanoTime();
        Path directory = nearestExistingDirectory(installDirectory.toAbsolutePath().normalize());
        log.info("Benchmarking this machine (disk in " + directory + ", " + budget.toMillis()
                + " ms per timed measurement)");
        FigureRecorder recorder = new FigureRecorder(log);
        for (ResourceMeasurement measurement : measurements) {
            MeasurementContext context = new MeasurementContext(directory, budget);
            Attempt attempt = attempt(measurement, context);
            for (Resource resource : inResourceOrder(measurement.resources())) {
                if (attempt.failure() != null) {
                    recorder.fallBack(resource, measurement.description() + ": " + attempt.failure());
                    continue;
                }
                Double value = attempt.values() == null ? null : attempt.values().get(resource);
                if (value == null) {
                    recorder.fallBack(resource, measurement.description() + ": gave no value");
                    continue;
                }
                recorder.record(resource, value, measurement.isFixed() ? Source.FIXED : Source.MEASURED,
                        how(measurement, context), measurement.description());
            }
        }
        log.info("Benchmark done in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        return recorder.result();
    }

    /** What a measurement returned, or why it returned nothing. */
    private record Attempt(Map<Resource, Double> values, String failure) {
    }

    private Attempt attempt(ResourceMeasurement measurement, MeasurementContext context) throws InterruptedException {
        FutureTask<Map<Resource, Double>> task = new FutureTask<>(() -> measurement.measure(context));
        Thread thread = new Thread(task, "seattle-benchmark: " + measurement.description());
        // A measurement that never returns must not keep the installer's JVM alive.
        thread.setDaemon(true);
        thread.start();
        try {
            return new Attempt(task.get(timeout.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            thread.interrupt();
            return new Attempt(null, "timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Attempt(null, "failed: " + reason(e.getCause()));
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        }
    }

    /** A measurement's resources in a stable order, so that the log reads the same on every run. */
    private static List<Resource> inResourceOrder(Set<Resource> resources) {
        return Arrays.stream(Resource.values()).filter(resources::contains).toList();
    }

    private static String how(ResourceMeasurement measurement, MeasurementContext context) {
        List<String> notes = context.notes();
        return notes.isEmpty() ? measurement.description()
                : measurement.description() + "; " + String.join("; ", notes);
    }

    /** The failure in the donor's terms; file-system exceptions carry only a path as message. */
    static String reason(Throwable failure) {
        if (failure instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (failure instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (failure instanceof ClosedByInterruptException) {
            return "interrupted";
        }
        Throwable cause = failure.getCause();
        String message = failure.getMessage();
        // A wrapper without its own words repeats its cause as "java.io.SomeException: words".
        if (cause != null && (message == null || message.isBlank() || message.equals(cause.toString()))) {
            return reason(cause);
        }
        return message == null || message.isBlank() ? "no reason given" : message;
    }

    /** The directory itself if it exists, else its closest ancestor that does (the install may create it). */
    static Path nearestExistingDirectory(Path directory) {
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return directory;
    }
}
