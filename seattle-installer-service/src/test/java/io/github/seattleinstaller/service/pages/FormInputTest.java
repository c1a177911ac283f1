package io.github.seattleinstaller.service.pages;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import io.github.seattleinstaller.service.http.Responses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forms as browsers send them, with and without JavaScript: url-encoded and multipart, within bounds. */
class FormInputTest {
    private Server server;
    private LocalConnector connector;
    private final AtomicReference<FormInput> read = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    read.set(FormInput.read(request, new FormInput.Limits(2000, 10)));
                    Responses.text(response, callback, HttpStatus.OK_200, "read");
                } catch (FormInput.UnreadableFormException e) {
                    Responses.text(response, callback, e.status(), e.getMessage());
                }
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private String post(String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return connector.getResponse("POST /custom_install/ HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body);
    }

    @Test
    void readsUrlEncodedFields() throws Exception {
        String answer = post("application/x-www-form-urlencoded",
                "user1.name=al%C3%AFce&vessel1.user=1&vessel1.user=2&empty=");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        FormInput input = read.get();
        assertEquals("alïce", input.value("user1.name"));
        assertEquals(java.util.List.of("1", "2"), input.values("vessel1.user"));
        assertEquals("", input.value("empty"));
        assertEquals("", input.value("absent"));
        assertTrue(input.file("user1.file").isEmpty());
    }

    @Test
    void readsMultipartFieldsAndFilesButNotAnEmptyFileInput() throws Exception {
        String boundary = "----form7";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user1.name\"\r\n\r\nalice\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user1.file\"; filename=\"alice.publickey\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n65537 123\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user2.file\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\r\n"
                + "--" + boundary + "--\r\n";
        String answer = post("multipart/form-data; boundary=" + boundary, body);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        FormInput input = read.get();
        assertEquals("alice", input.value("user1.name"));
        assertEquals("alice.publickey", input.file("user1.file").orElseThrow().fileName());
        assertEquals("65537 123", input.file("user1.file").orElseThrow().text());
        assertTrue(input.file("user2.file").isEmpty(), "a file input with no file chosen is no upload");
        assertEquals(java.util.List.of("user1.name", "user1.file"), input.names());
    }

    @Test
    void refusesOtherBodiesAndTooLargeOnes() throws Exception {
        assertTrue(post("text/plain", "x").startsWith("HTTP/1.1 415"));
        assertTrue(post(null, "x").startsWith("HTTP/1.1 415"));
        assertTrue(post("application/x-www-form-urlencoded", "a=" + "x".repeat(3000)).startsWith("HTTP/1.1 413"));
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            fields.append("f").append(i).append("=1&");
        }
        String many = post("application/x-www-form-urlencoded", fields.toString());
        assertTrue(many.startsWith("HTTP/1.1 400") && many.contains("more than 10 fields"), many);
        assertTrue(post("multipart/form-data", "--x--").startsWith("HTTP/1.1 400"), "no boundary");
        assertTrue(post("multipart/form-data; boundary=abc", "not multipart at all").startsWith("HTTP/1.1 400"));
    }
}
