package io.github.seattleinstaller.service;

import io.github.seattleinstaller.builder.customize.BaseInstallerFinder;
import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.customize.ReleasedBaseFetcher;
import io.github.seattleinstaller.builder.keys.DonorKeyGenerator;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.service.build.BuildService;
import io.github.seattleinstaller.service.build.CurrentBases;
import io.github.seattleinstaller.service.build.DonorKeyPool;
import io.github.seattleinstaller.service.clearinghouse.ClearinghouseApi;
import io.github.seattleinstaller.builder.customize.BaseSet;
import io.github.seattleinstaller.service.http.AccessPolicy;
import io.github.seattleinstaller.service.http.DownloadEndpoint;
import io.github.seattleinstaller.service.http.InfoPage;
import io.github.seattleinstaller.service.http.InstallerUrls;
import io.github.seattleinstaller.service.http.OpsEndpoints;
import io.github.seattleinstaller.service.http.Pages;
import io.github.seattleinstaller.service.http.Router;
import io.github.seattleinstaller.service.http.XmlRpcEndpoint;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.pages.BuilderPages;
import io.github.seattleinstaller.service.pages.KeyArchives;
import io.github.seattleinstaller.service.pages.PendingKeys;
import io.github.seattleinstaller.service.ops.Slf4jProgressLog;
import io.github.seattleinstaller.service.http.jobs.JobHttp;
import io.github.seattleinstaller.service.http.jobs.JobRoutes;
import io.github.seattleinstaller.service.jobs.JobRunner;
import io.github.seattleinstaller.service.jobs.JobScheduler;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.jobs.TemplateService;
import io.github.seattleinstaller.service.notices.NoticeSender;
import io.github.seattleinstaller.service.notices.NoticeSettings;
import io.github.seattleinstaller.service.store.BuildStore;
import io.github.seattleinstaller.service.store.JobStore;
import io.github.seattleinstaller.service.store.ServiceDatabase;
import io.github.seattleinstaller.service.store.TemplateStore;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcCodec;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcLimits;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.RequestLogWriter;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running service: its parts wired together, and the HTTP server on Jetty 12's core handlers. Routes
 * (relative to the context path):
 * <ul>
 *   <li>{@code GET|POST /xmlrpc/}: the API's info page and the XML-RPC endpoint;</li>
 *   <li>{@code GET|HEAD /<build_id>/installers/<platform>/} and {@code .../<platform>/<file name>[.sha256|.sig]};</li>
 *   <li>{@code POST /admin/reload-bases};</li>
 *   <li>the pages ({@link BuilderPages}): {@code /}, {@code /fastlane/}, {@code /<build_id>/} and
 *       {@code /<build_id>/keys/};</li>
 *   <li>absolute: {@code /health}, {@code /metrics}.</li>
 * </ul>
 * Pages are added in {@link #routes}.
 */
public final class ServiceApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceApplication.class);
    /** How long a stop waits for requests (downloads among them) in flight. */
    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    private static final long SHUTDOWN_IDLE_TIMEOUT_MILLIS = 5_000;

    private final ServiceSettings settings;
    private final CurrentBases bases;
    private final ServiceDatabase database;
    private final BuildStore store;
    private final ServiceMetrics metrics;
    private final Server server;
    private final ScheduledExecutorService housekeeping;
    private final DonorKeyPool keyPool;
    private final JobScheduler scheduler;
    private final JobRunner runner;
    private final AtomicBoolean stopping;

    private ServiceApplication(ServiceSettings settings, CurrentBases bases, ServiceDatabase database, BuildStore store,
            ServiceMetrics metrics, Server server, ScheduledExecutorService housekeeping, DonorKeyPool keyPool,
            JobScheduler scheduler, JobRunner runner, AtomicBoolean stopping) {
        this.settings = settings;
        this.bases = bases;
        this.database = database;
        this.store = store;
        this.metrics = metrics;
        this.server = server;
        this.housekeeping = housekeeping;
        this.keyPool = keyPool;
        this.scheduler = scheduler;
        this.runner = runner;
        this.stopping = stopping;
    }

    /**
     * Loads the keys, verifies the bases, opens the database and starts listening.
     *
     * @throws StartupException with a message for the operator, for any configuration that cannot work
     */
    public static ServiceApplication start(ServiceSettings settings) throws StartupException {
        ProgressLog log = new Slf4jProgressLog(LOG);
        OperatorKey operatorKey;
        try {
            operatorKey = new OperatorKeyLoader().load(settings.operatorKeyFile().orElse(null),
                    settings.operatorPublicKeyFile().orElse(null));
        } catch (io.github.seattleinstaller.builder.keys.KeyLoadingException e) {
            throw new StartupException(e.getMessage());
        }
        LOG.info("Operator key: {}", operatorKey);
        SeattlePublicKey reservedKey = reservedKey(settings, operatorKey);
        DonorKeyGenerator keys;
        try {
            keys = new DonorKeyGenerator(settings.keyBits());
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        CurrentBases bases;
        try {
            Files.createDirectories(settings.dataDirectory());
            CurrentBases.Source source = baseSource(settings, operatorKey, log);
            bases = new CurrentBases(source);
        } catch (InvalidInputException e) {
            throw new StartupException(e.getMessage());
        } catch (IOException e) {
            throw new StartupException("Cannot read the base installers: " + e.getMessage());
        }
        Map<String, SeattlePublicKey> configuredKeys = configuredKeys(settings.jobs(), bases);
        ServiceDatabase database;
        BuildStore store;
        try {
            database = openDatabase(settings);
            store = new BuildStore(database);
            LOG.info("Database {} holds {} builds", database, store.count());
        } catch (IOException e) {
            bases.close();
            throw new StartupException(e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        ServiceMetrics metrics = new ServiceMetrics();
        DonorKeyPool keyPool = new DonorKeyPool(keys, settings.keyPool());
        BuildService builds = new BuildService(bases, store, keyPool, reservedKey, clock, random,
                settings.expireAfter(), metrics);
        AccessPolicy access = new AccessPolicy(settings.token(), settings.ratePerSecond());
        JobSettings jobSettings = settings.jobs();
        JobStore jobStore = new JobStore(database);
        InstallerUrls urls = new InstallerUrls(settings.publicUrl(), settings.contextPath());
        NoticeSettings noticeSettings = new NoticeSettings(jobSettings.webhookSecret(), jobSettings.mail(),
                urls.base(settings.host(), settings.port()), jobSettings.noticeRetry(), jobSettings.noticeAttempts(),
                jobSettings.webhookHosts());
        JobScheduler scheduler = new JobScheduler(database, jobStore, new NoticeSender(noticeSettings, jobStore, clock),
                clock, jobSettings.instanceName(), jobSettings.heartbeat(), jobSettings.jobThreads(), metrics);
        JobRunner runner = new JobRunner(jobStore, builds, clock, jobSettings.instanceName(), scheduler, metrics,
                jobSettings.signingThreads());
        TemplateService templates = new TemplateService(new TemplateStore(database), clock);
        JobService jobs = new JobService(jobStore, templates, scheduler, runner, builds, configuredKeys, noticeSettings,
                clock, random);
        AtomicBoolean stopping = new AtomicBoolean();
        Pages pages = new Pages();
        Router router = routes(settings, builds, bases, store, metrics, access, operatorKey, keys, urls, pages);
        JobRoutes.register(router, jobs, templates, new JobHttp(access, metrics, jobSettings.maxJobBytes()), urls,
                pages, clock, stopping::get);
        Server server = server(settings, router);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        try {
            server.start();
        } catch (Exception e) {
            runner.close();
            keyPool.close();
            store.close();
            database.close();
            bases.close();
            throw new StartupException("Cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage());
        }
        scheduler.start(runner);
        LOG.info("Running jobs as instance {} (heartbeat {}, taken over by another instance at most {} after a"
                + " crash)", jobSettings.instanceName(), jobSettings.heartbeat(),
                JobScheduler.takeoverTime(jobSettings.heartbeat()));
        if (settings.expireAfter().isPresent()) {
            housekeeping.scheduleWithFixedDelay(() -> deleteExpired(store), 1, 60, TimeUnit.MINUTES);
        }
        ServiceApplication application = new ServiceApplication(settings, bases, database, store, metrics, server,
                housekeeping, keyPool, scheduler, runner, stopping);
        LOG.info("Serving the XML-RPC API at {}", application.endpoint());
        return application;
    }

    private static ServiceDatabase openDatabase(ServiceSettings settings) throws IOException {
        DatabaseSettings database = settings.database();
        int pool = 16 + settings.jobs().jobThreads() * 2;
        if (database.url().isEmpty()) {
            return ServiceDatabase.open(ServiceDatabase.h2Url(settings.dataDirectory()), "sa", "", pool);
        }
        return ServiceDatabase.open(database.url().get(), database.user().orElse(null),
                database.password().orElse(null), pool, database.answerTimeout());
    }

    /** Keys filled in for every job whose template has their placeholder: the acceptdonations key, if given. */
    private static Map<String, SeattlePublicKey> configuredKeys(JobSettings jobs, CurrentBases bases)
            throws StartupException {
        if (jobs.acceptdonationsKey().isEmpty()) {
            return Map.of();
        }
        try {
            SeattlePublicKey key = PublicKeyReader.readFile(jobs.acceptdonationsKey().get(), "acceptdonations key");
            LOG.info("Jobs fill {{acceptdonations}} with {} from {}", key, jobs.acceptdonationsKey().get());
            return Map.of("acceptdonations", key);
        } catch (InvalidInputException e) {
            bases.close();
            throw new StartupException(e.getMessage());
        }
    }

    /** Where links in notices point: the public URL, or this instance's own address. */
    private static SeattlePublicKey reservedKey(ServiceSettings settings, OperatorKey operatorKey)
            throws StartupException {
        if (settings.reservedKeyFile().isEmpty()) {
            LOG.info("The reserved 20% vessel is owned by the operator's key {} (no --reserved-key given)",
                    operatorKey.fingerprint());
            return operatorKey.seattlePublicKey();
        }
        try {
            SeattlePublicKey key = PublicKeyReader.readFile(settings.reservedKeyFile().get(), "reserved key");
            LOG.info("The reserved 20% vessel is owned by {} from {}", key, settings.reservedKeyFile().get());
            return key;
        } catch (InvalidInputException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static CurrentBases.Source baseSource(ServiceSettings settings, OperatorKey key, ProgressLog log) {
        if (settings.basesDirectory().isPresent()) {
            var directory = settings.basesDirectory().get();
            return () -> {
                List<CustomizeRequest.Base> found = BaseInstallerFinder.find(directory,
                        BaseInstallerFinder.platformsIn(directory));
                return BaseSet.open(found, key, settings.expectedKey(), log);
            };
        }
        ReleasedBaseFetcher fetcher = new ReleasedBaseFetcher(settings.repository(),
                settings.dataDirectory().resolve("released-bases"), log);
        String coordinates = settings.basesArtifact().orElseThrow();
        return () -> BaseSet.open(fetcher.fetch(coordinates), key, settings.expectedKey(), log);
    }

    private static Router routes(ServiceSettings settings, BuildService builds, CurrentBases bases, BuildStore store,
            ServiceMetrics metrics, AccessPolicy access, OperatorKey operatorKey, DonorKeyGenerator keys,
            InstallerUrls urls, Pages pages) {
        Router router = new Router(settings.contextPath());
        XmlRpcCodec codec = new XmlRpcCodec(new XmlRpcLimits(settings.maxRequestBytes(), XmlRpcLimits.DEFAULT.maxDepth(),
                XmlRpcLimits.DEFAULT.maxValues(), XmlRpcLimits.DEFAULT.maxStringLength()));
        XmlRpcEndpoint xmlrpc = new XmlRpcEndpoint(codec, new ClearinghouseApi(builds), access, urls, metrics);
        DownloadEndpoint downloads = new DownloadEndpoint(builds, metrics);
        OpsEndpoints ops = new OpsEndpoints(bases, store, metrics, access);
        router.post("/xmlrpc/", xmlrpc);
        router.post("/xmlrpc", xmlrpc);
        router.get("/xmlrpc/", (request, response, callback, params) -> pages.send(response, callback, HttpStatus.OK_200,
                "xmlrpcInfo.jte", new InfoPage(ClearinghouseApi.API_VERSION, urls.base(request) + "/xmlrpc/",
                        access.tokenRequired(), keys.bits(),
                        builds.platforms().stream().map(platform -> platform.apiName()).toList(),
                        operatorKey.fingerprint().toString())));
        BuilderPages builder = new BuilderPages(builds, pages, access, urls,
                new PendingKeys(Clock.systemUTC(), PendingKeys.LIFETIME, new SecureRandom()), operatorKey.publicKey(),
                keys.bits(), settings.maxRequestBytes(), metrics, Clock.systemUTC());
        router.get("/", builder::builder);
        router.post("/", builder::submitBuilder);
        router.get("/fastlane/", builder::fastlane);
        router.post("/fastlane/", builder::submitFastlane);
        router.get("/" + BuilderPages.OPERATOR_KEY_FILE, builder::operatorKey);
        router.get("/{build}/", builder::installers);
        router.get("/{build}/keys/", builder::keysPage);
        router.post("/{build}/keys/" + KeyArchives.PRIVATE_KEYS, builder::privateKeys);
        router.get("/{build}/keys/" + KeyArchives.PUBLIC_KEYS, builder::publicKeys);
        router.get("/{build}/installers/{platform}/", downloads::installer);
        router.get("/{build}/installers/{platform}/{file}", downloads::file);
        router.post("/admin/reload-bases", ops::reloadBases);
        router.root("GET", "/health", ops::health);
        router.root("GET", "/metrics", ops::metrics);
        return router;
    }

    private static Server server(ServiceSettings settings, Router router) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (settings.behindProxy()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // During a graceful stop Jetty closes every connection that is idle for this long: kept-alive connections
        // between requests, but also a download whose client stopped reading a moment (a slow link, a full
        // receive buffer). Jetty's 1 s cut such downloads; a few seconds spares them and delays the stop by
        // at most as much.
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(router));
        RequestLogWriter writer = new RequestLogWriter(settings.accessLog().toString());
        writer.setAppend(true);
        server.setRequestLog(new CustomRequestLog(writer, CustomRequestLog.EXTENDED_NCSA_FORMAT + " %{ms}T"));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        return server;
    }

    private static void deleteExpired(BuildStore store) {
        try {
            int deleted = store.deleteExpired(Instant.now());
            if (deleted > 0) {
                LOG.info("Deleted {} expired builds", deleted);
            }
        } catch (IOException e) {
            LOG.warn("Deleting expired builds failed: {}", e.getMessage());
        }
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public String endpoint() {
        String context = settings.contextPath().equals("/") ? "" : settings.contextPath();
        return settings.publicUrl().orElse("http://" + settings.host() + ":" + port() + context) + "/xmlrpc/";
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** A graceful stop: no new connections, requests in flight finish (up to 30 s), then the database closes. */
    @Override
    public void close() {
        LOG.info("Stopping: finishing the requests in flight");
        stopping.set(true);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The HTTP server did not stop cleanly: {}", e.getMessage());
        }
        // A job running here stops at its next chunk and is left for another instance, or for this one's restart.
        scheduler.close();
        runner.close();
        housekeeping.shutdownNow();
        keyPool.close();
        store.close();
        database.close();
        bases.close();
        metrics.close();
        LOG.info("Stopped");
    }

    /** A configuration the service cannot start with; the message says what to change. */
    public static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message);
        }
    }
}
