package io.github.seattleinstaller.service.cli;

import io.github.seattleinstaller.service.ServiceSettings;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.notices.WebhookHosts;
import io.github.seattleinstaller.service.store.BuildStore;
import io.github.seattleinstaller.service.store.StoredBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceMainTest {
    @TempDir
    Path work;

    private ServiceSettings settings(String... args) throws Exception {
        CommandLine commandLine = ServiceMain.commandLine(args);
        commandLine.parseArgs(args);
        return ((ServiceMain) commandLine.getCommand()).settings();
    }

    private String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> settings(args)).getMessage();
    }

    @Test
    void defaultsListenOnLoopback() throws Exception {
        ServiceSettings settings = settings("--bases", "b");
        assertEquals("127.0.0.1", settings.host());
        assertEquals(8080, settings.port());
        assertEquals("/", settings.contextPath());
        assertEquals(2048, settings.keyBits());
        assertEquals(Optional.empty(), settings.token());
        assertEquals(settings.dataDirectory().resolve("access.log"), settings.accessLog());
    }

    @Test
    void refusesToListenElsewhereWithoutATokenUnlessOpenBuildingIsOn() throws Exception {
        assertTrue(refusal("--bases", "b", "--listen", "0.0.0.0:80").startsWith("Refusing to listen on 0.0.0.0 without a token"));
        assertEquals("0.0.0.0", settings("--bases", "b", "--listen", "0.0.0.0:80", "--open-building").host());
        Path token = Files.writeString(work.resolve("token"), "0123456789abcdef0123\n");
        assertEquals(Optional.of("0123456789abcdef0123"),
                settings("--bases", "b", "--listen", "0.0.0.0:80", "--token-file", token.toString()).token());
        Path shortToken = Files.writeString(work.resolve("short"), "secret");
        assertTrue(refusal("--bases", "b", "--token-file", shortToken.toString()).startsWith("The token is too short"));
        Path emptyToken = Files.writeString(work.resolve("empty"), "\n");
        assertTrue(refusal("--bases", "b", "--token-file", emptyToken.toString()).startsWith("The token is too short"),
                "an empty token file is refused, not read as 'no token'");
    }

    @Test
    void theDatabaseAnswerTimeoutIsThirtySecondsUnlessGivenAndOnlyWithADatabaseUrl() throws Exception {
        String url = "jdbc:postgresql://db.example.org:5432/seattle";
        assertEquals(Duration.ofSeconds(30), settings("--bases", "b", "--db-url", url).database().answerTimeout());
        assertEquals(Duration.ofSeconds(5), settings("--bases", "b", "--db-url", url, "--db-timeout", "5s").database()
                .answerTimeout());
        assertEquals(Duration.ZERO, settings("--bases", "b", "--db-url", url, "--db-timeout", "0s").database()
                .answerTimeout(), "0s: no limit");
        assertTrue(refusal("--bases", "b", "--db-url", url, "--db-timeout", "PT0.5S").startsWith(
                "--db-timeout is 0s (no limit) or at least 1s"));
        assertTrue(refusal("--bases", "b", "--db-timeout", "5s").contains("without --db-url"));
    }

    @Test
    void checksTheOptions() {
        assertTrue(refusal().startsWith("Give the base installers either as --bases DIR or as --bases-artifact"));
        assertTrue(refusal("--bases", "b", "--bases-artifact", "g:a:1").startsWith("Give the base installers"));
        assertTrue(refusal("--bases", "b", "--listen", "8080").startsWith("--listen is HOST:PORT"));
        assertTrue(refusal("--bases", "b", "--context-path", "custom").startsWith("--context-path is / or a path"));
        assertTrue(refusal("--bases", "b", "--context-path", "/custom/").startsWith("--context-path is / or a path"));
        assertTrue(refusal("--bases", "b", "--expected-key-fingerprint", "abc").contains("is not a key fingerprint"));
        assertEquals(WebhookHosts.RULE + "; not one: 'https://hooks.example.org', ''",
                refusal("--bases", "b", "--webhook-hosts", "*.example.org,https://hooks.example.org,"));
    }

    @Test
    void webhookHostsAreExactNamesOrADomainsSubdomains() throws Exception {
        assertTrue(settings("--bases", "b").jobs().webhookHosts().allows("10.0.0.1"), "any host without the option");
        WebhookHosts hosts = settings("--bases", "b", "--webhook-hosts", "Hooks.Example.org, *.ci.example.net")
                .jobs().webhookHosts();
        assertTrue(hosts.allows("hooks.example.org"));
        assertTrue(hosts.allows("HOOKS.example.org"));
        assertTrue(hosts.allows("build.ci.example.net"));
        assertFalse(hosts.allows("ci.example.net"), "*. is the subdomains");
        assertFalse(hosts.allows("evilci.example.net"));
        assertFalse(hosts.allows("hooks.example.org.evil.com"));
        assertFalse(hosts.allows("127.0.0.1"));
        assertEquals("hooks.example.org, *.ci.example.net", hosts.toString());
    }

    @Test
    void readsDurationsAndAConfigFile() throws Exception {
        assertEquals(Duration.ofDays(30), ServiceMain.duration("30d"));
        assertEquals(Duration.ofHours(12), ServiceMain.duration("12h"));
        assertEquals(Duration.ofDays(2), ServiceMain.duration("P2D"));
        assertThrows(IllegalArgumentException.class, () -> ServiceMain.duration("soon"));
        Path config = Files.writeString(work.resolve("service.properties"),
                "listen=127.0.0.1:9090\nbases=/srv/bases\ncontext-path=/custom_install\nexpire-after=7d\n");
        ServiceSettings settings = settings("--config", config.toString(), "--key-bits", "3072");
        assertEquals(9090, settings.port());
        assertEquals(Optional.of(Path.of("/srv/bases")), settings.basesDirectory());
        assertEquals("/custom_install", settings.contextPath());
        assertEquals(Optional.of(Duration.ofDays(7)), settings.expireAfter());
        assertEquals(3072, settings.keyBits(), "the command line and the file combine");
    }

    @Test
    void cleanupDeletesExpiredBuilds() throws Exception {
        Path data = work.resolve("data");
        java.time.Instant past = java.time.Instant.now().minus(Duration.ofDays(2));
        try (BuildStore store = BuildStore.open(BuildStore.h2Url(data), "sa", "", 1)) {
            for (Optional<java.time.Instant> expiry : List.of(Optional.of(past.plus(Duration.ofDays(1))),
                    Optional.<java.time.Instant>empty())) {
                store.insertOrFind(new StoredBuild(BuildId.random(new java.security.SecureRandom()), past, past, expiry,
                        Optional.empty(), "Percent 100\nOwner 3 33\n", new byte[] {1}, "f".repeat(64), "b".repeat(64)),
                        past);
            }
        }
        StringWriter out = new StringWriter();
        CommandLine commandLine = ServiceMain.commandLine(new String[0]);
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("cleanup", "--data", data.toString()));
        assertEquals("Deleted 1 expired builds; 1 remain.", out.toString().strip());
    }

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = ServiceMain.commandLine(new String[0]);
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("--help"));
        for (String option : new String[] {"--listen", "--data", "--bases", "--operator-key", "--reserved-key",
                "--context-path", "--config", "--token-file", "--public-url", "cleanup"}) {
            assertTrue(out.toString().contains(option), option + " in:\n" + out);
        }
    }
}
