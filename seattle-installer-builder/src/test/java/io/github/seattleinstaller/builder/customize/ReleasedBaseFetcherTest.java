package io.github.seattleinstaller.builder.customize;

import com.sun.net.httpserver.HttpServer;
import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasedBaseFetcherTest {
    @TempDir
    Path work;

    /** A repository in the standard layout holding linux and windows bases (no macos) with their .sig. */
    private Path repository() throws IOException {
        Path version = Files.createDirectories(work.resolve("repo/org/example/seattle/installers/1.2.0"));
        for (Platform platform : List.of(Platform.LINUX, Platform.WINDOWS)) {
            String name = platform.fileName("installers-1.2.0");
            Files.writeString(version.resolve(name), "base for " + platform);
            Files.writeString(version.resolve(name + ".sig"), "signature of " + platform);
        }
        return work.resolve("repo");
    }

    @Test
    void fetchesEachPlatformTheReleaseHasFromAFileRepository() throws Exception {
        Path repository = repository();
        ReleasedBaseFetcher fetcher = new ReleasedBaseFetcher(repository.toUri(), work.resolve("cache"), ProgressLog.NONE);
        List<CustomizeRequest.Base> bases = fetcher.fetch("org.example.seattle:installers:1.2.0");
        assertEquals(List.of(Platform.LINUX, Platform.WINDOWS), bases.stream().map(CustomizeRequest.Base::platform).toList());
        Path linux = bases.get(0).file();
        assertEquals(work.resolve("cache/org/example/seattle/installers/1.2.0/installers-1.2.0-linux.tar.gz"), linux);
        assertEquals("base for linux", Files.readString(linux));
        assertEquals("signature of linux", Files.readString(Path.of(linux + ".sig")), "the .sig lies beside it");
        try (var left = Files.list(linux.getParent())) {
            assertTrue(left.noneMatch(file -> file.getFileName().toString().endsWith(".part")), "no partial files");
        }
    }

    @Test
    void fetchesOverHttpAndUsesTheCacheAfterwards() throws Exception {
        Path repository = repository();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/maven2/", exchange -> {
            requests.incrementAndGet();
            Path file = repository.resolve(exchange.getRequestURI().getPath().substring("/maven2/".length()));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(Files.isRegularFile(file) ? 200 : 404, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2");
            ReleasedBaseFetcher fetcher = new ReleasedBaseFetcher(uri, work.resolve("cache"), ProgressLog.NONE);
            List<CustomizeRequest.Base> bases = fetcher.fetch("org.example.seattle:installers:1.2.0");
            assertEquals(2, bases.size());
            assertArrayEquals("base for windows".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(bases.get(1).file()));
            int afterFirst = requests.get();
            fetcher.fetch("org.example.seattle:installers:1.2.0");
            assertEquals(afterFirst + 1, requests.get(), "only the absent macos .sig is asked for again");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesMalformedCoordinatesAndEmptyReleases() throws Exception {
        ReleasedBaseFetcher fetcher = new ReleasedBaseFetcher(repository().toUri(), work.resolve("cache"), ProgressLog.NONE);
        for (String coordinates : List.of("org.example:installers", "org.example:installers:1.0-SNAPSHOT", "a:b:c:d",
                "a:../b:1", "a:..:1", ".hidden:b:1")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> fetcher.fetch(coordinates));
            assertEquals(ReleasedBaseFetcher.COORDINATES_RULE, refused.problems().get(0).rule());
        }
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> fetcher.fetch("org.example.seattle:installers:9.9"));
        assertTrue(empty.problems().get(0).detail().startsWith("none found at "), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReleasedBaseFetcher(URI.create("ftp://x/"), work, ProgressLog.NONE));
    }
}
