package io.github.seattleinstaller.service.cli;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.service.DatabaseSettings;
import io.github.seattleinstaller.service.JobSettings;
import io.github.seattleinstaller.service.ServiceApplication;
import io.github.seattleinstaller.service.ServiceSettings;
import io.github.seattleinstaller.service.notices.MailSettings;
import io.github.seattleinstaller.service.notices.WebhookHosts;
import io.github.seattleinstaller.service.store.BuildStore;
import io.github.seattleinstaller.service.store.ServiceDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line: {@code seattle-installer-service [options]} serves; {@code seattle-installer-service cleanup}
 * deletes expired builds of a stopped service. Every option may also be set in a properties file given with
 * {@code --config FILE}, by its long name without the dashes ({@code listen=0.0.0.0:8080}); the command line
 * wins. Secrets are never options: the operator key's PEM text may come from {@code SEATTLE_OPERATOR_KEY}, its
 * passphrase only from {@code SEATTLE_OPERATOR_KEY_PASSPHRASE}, the write token from {@code --token-file} or
 * {@code SEATTLE_SERVICE_TOKEN}.
 */
@Command(name = "seattle-installer-service", mixinStandardHelpOptions = true, version = "seattle-installer-service 0.1.0",
        sortOptions = false, subcommands = ServiceMain.Cleanup.class, usageHelpAutoWidth = true,
        description = {"The custom installer builder service: the Seattle clearinghouse's XML-RPC API (build_installers,"
                + " get_urls, api_version) over the builder core, with every donor's installer streamed from the base"
                + " installers.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "2:bad options or configuration", "1:failed while running"})
public final class ServiceMain implements Callable<Integer> {
    public static final String TOKEN_VARIABLE = "SEATTLE_SERVICE_TOKEN";
    public static final String DB_USER_VARIABLE = "SEATTLE_DB_USER";
    public static final String DB_PASSWORD_VARIABLE = "SEATTLE_DB_PASSWORD";
    public static final String WEBHOOK_SECRET_VARIABLE = "SEATTLE_WEBHOOK_SECRET";
    public static final String SMTP_PASSWORD_VARIABLE = "SEATTLE_SMTP_PASSWORD";
    static final int CONFIGURATION_ERROR = 2;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with any of these options by long name (listen=..., bases=...).")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where to listen (default ${DEFAULT-VALUE}). Any address but loopback needs a token,"
                    + " or --open-building.")
    String listen;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "service-data",
            description = "The data directory: the build database and the access log (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--bases", paramLabel = "DIR",
            description = "The directory of the base installers (<name>-linux.tar.gz, -macos.tar.gz, -windows.zip;"
                    + " customized installers beside them are ignored). Verified at start.")
    Path bases;

    @Option(names = "--bases-artifact", paramLabel = "GROUP:ARTIFACT:VERSION",
            description = "Released base installers to fetch instead of --bases, as seattle:base-installers attached"
                    + " them.")
    String basesArtifact;

    @Option(names = "--repository", paramLabel = "URL", defaultValue = "https://repo.maven.apache.org/maven2/",
            description = "The Maven repository (https:, http: or file:) for --bases-artifact (default ${DEFAULT-VALUE}).")
    URI repository;

    @Option(names = "--expected-key-fingerprint", paramLabel = "SHA256",
            description = "The operator key the bases must carry.")
    String expectedKey;

    @Option(names = "--operator-key", paramLabel = "FILE",
            description = "The operator's private key (PEM or Seattle 'd p q'); without it, the PEM text in"
                    + " SEATTLE_OPERATOR_KEY. An encrypted key's passphrase comes from"
                    + " SEATTLE_OPERATOR_KEY_PASSPHRASE.")
    Path operatorKey;

    @Option(names = "--operator-public-key", paramLabel = "FILE",
            description = "The public key of a Seattle private key given as --operator-key (optional).")
    Path operatorPublicKey;

    @Option(names = "--reserved-key", paramLabel = "FILE",
            description = "The public key owning the reserved 20% vessel of every build (Seattle 'e n' or PEM);"
                    + " default: the operator's public key.")
    Path reservedKey;

    @Option(names = "--context-path", paramLabel = "PATH", defaultValue = "/",
            description = "Where the API and downloads live, for example /custom_install (default ${DEFAULT-VALUE}).")
    String contextPath;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL clients reach the context path at, used in the URLs the API returns (behind a"
                    + " reverse proxy: https://builder.example.org/custom_install). Default: the request's own.")
    String publicUrl;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the token that build_installers and operator actions need; or set "
                    + TOKEN_VARIABLE + ".")
    Path tokenFile;

    @Option(names = "--open-building",
            description = "Allow building without a token on an address other than loopback.")
    boolean openBuilding;

    @Option(names = "--behind-proxy",
            description = "Take the client's address, scheme and host from X-Forwarded-* / Forwarded headers.")
    boolean behindProxy;

    @Option(names = "--key-bits", paramLabel = "BITS", defaultValue = "2048",
            description = "The size of generated donor keys, 1024 to 8192 (default ${DEFAULT-VALUE}).")
    int keyBits;

    @Option(names = "--key-pool", paramLabel = "COUNT", defaultValue = "8",
            description = "How many generated key pairs to keep ready in memory (never on disk), so that a build"
                    + " for a user without a key need not wait for one; 0 makes each on demand (default ${DEFAULT-VALUE}).")
    int keyPool;

    @Option(names = "--expire-after", paramLabel = "DURATION",
            description = "Delete builds this long after they were made, for example 30d or 12h (default: never).")
    String expireAfter;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "50",
            description = "XML-RPC calls per second per client, in bursts of twice that; 0 for no limit"
                    + " (default ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "The largest XML-RPC request body (default ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "The access log (default: access.log in the data directory).")
    Path accessLog;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Keep builds and jobs in PostgreSQL (jdbc:postgresql://host:5432/seattle), shared by any"
                    + " number of instances; default: H2 in the data directory, for one instance.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "The database user; or set " + DB_USER_VARIABLE + ".")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "A file holding the database password; or set " + DB_PASSWORD_VARIABLE + ".")
    Path dbPasswordFile;

    @Option(names = "--db-timeout", paramLabel = "DURATION",
            description = "With --db-url: how long a statement may wait for PostgreSQL's answer before the database"
                    + " counts as not answering, for example 30s; 0s waits for ever (default: 30s). Schema migrations"
                    + " at start are not limited.")
    String dbTimeout;

    @Option(names = "--instance-name", paramLabel = "NAME",
            description = "This instance's name among those sharing the database (default: host name and process id).")
    String instanceName;

    @Option(names = "--job-heartbeat", paramLabel = "DURATION", defaultValue = "2s",
            description = "How often the instance running a job says it is alive; another instance resumes the job"
                    + " at most 6 heartbeats and a second after the last one (default ${DEFAULT-VALUE}: 13 s).")
    String jobHeartbeat;

    @Option(names = "--job-threads", paramLabel = "COUNT", defaultValue = "4",
            description = "Jobs and notices run at once on this instance (default ${DEFAULT-VALUE}).")
    int jobThreads;

    @Option(names = "--signing-threads", paramLabel = "COUNT",
            description = "Threads signing a job's donors (default: one per core).")
    Integer signingThreads;

    @Option(names = "--acceptdonations-key", paramLabel = "FILE",
            description = "The clearinghouse's acceptdonations public key: fills {acceptdonations} in jobs whose"
                    + " template has it, so their tables need no such column.")
    Path acceptdonationsKey;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
            description = "The secret job webhooks are signed with (HMAC-SHA256); or set " + WEBHOOK_SECRET_VARIABLE
                    + ". Without one, jobs cannot ask for webhooks.")
    Path webhookSecretFile;

    @Option(names = "--webhook-hosts", paramLabel = "HOSTS",
            description = "The hosts job webhooks may be sent to, comma-separated: host names (hooks.example.org) or"
                    + " domains (*.example.org); a job naming another host is refused (default: any host).")
    String webhookHosts;

    @Option(names = "--smtp-host", paramLabel = "HOST",
            description = "The SMTP server for job e-mail notices; without one, jobs cannot ask for e-mail.")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "25",
            description = "The SMTP server's port (default ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--smtp-from", paramLabel = "ADDRESS",
            description = "The sender of job e-mail notices (default seattle-installer-service@<host>).")
    String smtpFrom;

    @Option(names = "--smtp-user", paramLabel = "USER",
            description = "The SMTP user; its password comes from " + SMTP_PASSWORD_VARIABLE + " or --smtp-password-file.")
    String smtpUser;

    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "A file holding the SMTP password.")
    Path smtpPasswordFile;

    @Option(names = "--smtp-starttls", description = "Require STARTTLS on the SMTP connection.")
    boolean smtpStartTls;

    @Option(names = "--notice-retry", paramLabel = "DURATION", defaultValue = "5s",
            description = "The first wait before a failed notice is tried again, doubling each time (default ${DEFAULT-VALUE}).")
    String noticeRetry;

    @Option(names = "--notice-attempts", paramLabel = "COUNT", defaultValue = "8",
            description = "How many times a notice is tried before it is given up (default ${DEFAULT-VALUE}).")
    int noticeAttempts;

    @Option(names = "--max-job-bytes", paramLabel = "BYTES", defaultValue = "33554432",
            description = "The largest job submission, JSON or form (default ${DEFAULT-VALUE}, 32 MiB).")
    int maxJobBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        configureLogging();
        System.exit(commandLine(args).execute(args));
    }

    /** The command line, with the --config file (if one is named in {@code args}) as the default values. */
    public static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new ServiceMain());
        configFile(args).ifPresent(file -> commandLine.setDefaultValueProvider(
                new CommandLine.PropertiesDefaultProvider(file.toFile())));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        ServiceSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        ServiceApplication application;
        try {
            application = ServiceApplication.start(settings);
        } catch (ServiceApplication.StartupException e) {
            return fail(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "graceful-stop"));
        spec.commandLine().getOut().println("Serving the XML-RPC API at " + application.endpoint());
        spec.commandLine().getOut().flush();
        application.join();
        stopped.await();
        return 0;
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("seattle-installer-service: " + message);
        err.flush();
        return CONFIGURATION_ERROR;
    }

    /** Resolves and checks the options; every problem is an {@link IllegalArgumentException} with its message. */
    ServiceSettings settings() throws IOException {
        Matcher hostPort = Pattern.compile("(.+):([0-9]{1,5})").matcher(listen.strip());
        if (!hostPort.matches() || Integer.parseInt(hostPort.group(2)) > 65535) {
            throw new IllegalArgumentException("--listen is HOST:PORT, for example 127.0.0.1:8080, not '" + listen + "'");
        }
        String host = hostPort.group(1).replaceAll("^\\[(.*)]$", "$1");
        int port = Integer.parseInt(hostPort.group(2));
        if ((bases == null) == (basesArtifact == null)) {
            throw new IllegalArgumentException("Give the base installers either as --bases DIR or as"
                    + " --bases-artifact GROUP:ARTIFACT:VERSION (exactly one of them).");
        }
        Optional<String> token = token();
        if (token.isEmpty() && !isLoopback(host) && !openBuilding) {
            throw new IllegalArgumentException("Refusing to listen on " + host + " without a token: anyone who can"
                    + " reach it could build installers. Set a token (--token-file FILE or " + TOKEN_VARIABLE
                    + "), listen on 127.0.0.1 behind a proxy, or allow it explicitly with --open-building.");
        }
        String context = contextPath.strip();
        if (!context.startsWith("/") || context.length() > 1 && context.endsWith("/") || context.contains("//")
                || !context.matches("[A-Za-z0-9/_.~-]*")) {
            throw new IllegalArgumentException("--context-path is / or a path like /custom_install (no trailing"
                    + " slash), not '" + contextPath + "'");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("--max-request-bytes must be at least 1024");
        }
        if (keyPool < 0 || keyPool > 1000) {
            throw new IllegalArgumentException("--key-pool is 0 to 1000");
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("--rate-limit must be 0 (no limit) or more");
        }
        Optional<KeyFingerprint> expected = Optional.ofNullable(expectedKey).map(KeyFingerprint::parse);
        Path dataDirectory = data.toAbsolutePath().normalize();
        return new ServiceSettings(host, port, dataDirectory, Optional.ofNullable(bases), Optional.ofNullable(basesArtifact),
                repository, expected, Optional.ofNullable(operatorKey), Optional.ofNullable(operatorPublicKey),
                Optional.ofNullable(reservedKey), context, Optional.ofNullable(publicUrl), token, openBuilding,
                behindProxy, keyBits, keyPool, Optional.ofNullable(expireAfter).map(ServiceMain::duration), rateLimit,
                maxRequestBytes, accessLog != null ? accessLog : dataDirectory.resolve("access.log"), database(),
                jobSettings(host));
    }

    private DatabaseSettings database() throws IOException {
        Optional<String> user = Optional.ofNullable(dbUser).or(() -> Optional.ofNullable(System.getenv(DB_USER_VARIABLE)));
        Optional<String> password = secret("--db-password-file", dbPasswordFile, DB_PASSWORD_VARIABLE);
        if (dbUrl == null) {
            if (user.isPresent() || password.isPresent() || dbTimeout != null) {
                throw new IllegalArgumentException("A database user, password or --db-timeout is given without"
                        + " --db-url: the default H2 database in the data directory takes none.");
            }
            return DatabaseSettings.H2;
        }
        if (!dbUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--db-url is jdbc:postgresql://HOST:PORT/DATABASE, not '"
                    + ServiceDatabase.withoutSecrets(dbUrl) + "'");
        }
        if (dbUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("--db-url holds a password: give it in " + DB_PASSWORD_VARIABLE
                    + " or --db-password-file instead, so that it is never on a command line.");
        }
        Duration answerTimeout = dbTimeout == null ? ServiceDatabase.DEFAULT_ANSWER_TIMEOUT : duration(dbTimeout);
        if (answerTimeout.isNegative() || (!answerTimeout.isZero() && answerTimeout.toSeconds() < 1)) {
            throw new IllegalArgumentException("--db-timeout is 0s (no limit) or at least 1s, not '" + dbTimeout + "'");
        }
        return new DatabaseSettings(Optional.of(dbUrl), user, password, answerTimeout);
    }

    private JobSettings jobSettings(String host) throws IOException {
        Duration heartbeat = duration(jobHeartbeat);
        if (heartbeat.compareTo(Duration.ofMillis(500)) < 0 || heartbeat.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("--job-heartbeat is 500 ms to 5 minutes");
        }
        if (jobThreads < 1 || jobThreads > 64) {
            throw new IllegalArgumentException("--job-threads is 1 to 64");
        }
        int signers = signingThreads != null ? signingThreads : Runtime.getRuntime().availableProcessors();
        if (signers < 1 || signers > 256) {
            throw new IllegalArgumentException("--signing-threads is 1 to 256");
        }
        if (noticeAttempts < 1 || noticeAttempts > 30) {
            throw new IllegalArgumentException("--notice-attempts is 1 to 30");
        }
        if (maxJobBytes < 1024) {
            throw new IllegalArgumentException("--max-job-bytes must be at least 1024");
        }
        Optional<byte[]> webhookSecret = secret("--webhook-secret-file", webhookSecretFile, WEBHOOK_SECRET_VARIABLE)
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
        if (webhookSecret.isPresent() && webhookSecret.get().length < 16) {
            throw new IllegalArgumentException("The webhook secret is too short: use at least 16 characters, for"
                    + " example from 'openssl rand -hex 32'.");
        }
        Optional<String> smtpPassword = secret("--smtp-password-file", smtpPasswordFile, SMTP_PASSWORD_VARIABLE);
        Optional<MailSettings> mail = Optional.empty();
        if (smtpHost != null) {
            if (smtpUser != null && smtpPassword.isEmpty() || smtpUser == null && smtpPassword.isPresent()) {
                throw new IllegalArgumentException("SMTP authentication needs both --smtp-user and a password ("
                        + SMTP_PASSWORD_VARIABLE + " or --smtp-password-file)");
            }
            String from = smtpFrom != null ? smtpFrom : "seattle-installer-service@" + localHostName();
            mail = Optional.of(new MailSettings(smtpHost, smtpPort, from, Optional.ofNullable(smtpUser), smtpPassword,
                    smtpStartTls));
        }
        String instance = instanceName != null ? instanceName.strip()
                : localHostName() + "-" + ProcessHandle.current().pid();
        if (!instance.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new IllegalArgumentException("--instance-name is 1 to 100 letters, digits and . _ : -");
        }
        return new JobSettings(instance, heartbeat, jobThreads, signers, Optional.ofNullable(acceptdonationsKey),
                webhookSecret, mail, duration(noticeRetry), noticeAttempts, maxJobBytes,
                webhookHosts == null ? WebhookHosts.ANY : WebhookHosts.parse(webhookHosts));
    }

    /** A secret from its file option or its environment variable, never both. */
    private static Optional<String> secret(String option, Path file, String variable) throws IOException {
        String fromEnvironment = System.getenv(variable);
        if (file != null && fromEnvironment != null) {
            throw new IllegalArgumentException("Both " + option + " and " + variable + " are given: keep one.");
        }
        String value = file != null ? Files.readString(file, StandardCharsets.UTF_8) : fromEnvironment;
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The token, if one is given; one given but shorter than 16 characters (empty, too) is refused, not ignored. */
    private Optional<String> token() throws IOException {
        boolean given = tokenFile != null || System.getenv(TOKEN_VARIABLE) != null;
        Optional<String> token = secret("--token-file", tokenFile, TOKEN_VARIABLE);
        if (given && token.map(String::length).orElse(0) < 16) {
            throw new IllegalArgumentException("The token is too short to protect anything: use at least 16"
                    + " characters, for example from 'openssl rand -hex 32'.");
        }
        return token;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--listen names an unknown host '" + host + "'");
        }
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, or ISO-8601 ({@code P30D}). */
    static Duration duration(String text) {
        Matcher short_ = Pattern.compile("([0-9]{1,9})([dhms])").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (short_.matches()) {
            long amount = Long.parseLong(short_.group(1));
            return switch (short_.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is no duration: write 30d, 12h, 90m, 45s or P30D");
        }
    }

    private static Optional<Path> configFile(String[] args) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals("--config") && i + 1 < list.size()) {
                return Optional.of(Path.of(list.get(i + 1)));
            }
            if (list.get(i).startsWith("--config=")) {
                return Optional.of(Path.of(list.get(i).substring("--config=".length())));
            }
        }
        return Optional.empty();
    }

    /** Service lines with their time on standard error; libraries only when they warn. */
    static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Deletes the builds whose expiry has passed; run it while the service is stopped (H2 allows one process). */
    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Delete expired builds from the data directory of a stopped service (a running service"
                    + " deletes them hourly itself).")
    static final class Cleanup implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "service-data",
                description = "The data directory (default ${DEFAULT-VALUE}).")
        Path data;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(data)) {
                spec.commandLine().getErr().println("seattle-installer-service cleanup: no data directory " + data);
                return CONFIGURATION_ERROR;
            }
            try (BuildStore store = BuildStore.open(BuildStore.h2Url(data), "sa", "", 1)) {
                int deleted = store.deleteExpired(Instant.now());
                spec.commandLine().getOut().println("Deleted " + deleted + " expired builds; " + store.count() + " remain.");
            }
            return 0;
        }
    }
}
