package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.store.DatabaseUnavailableException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterTest {
    private Server server;
    private LocalConnector connector;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router("/custom_install");
        router.get("/{build}/", (request, response, callback, params) ->
                Responses.text(response, callback, HttpStatus.OK_200, "build " + params.get("build")));
        router.get("/fastlane/", (request, response, callback, params) ->
                Responses.text(response, callback, HttpStatus.OK_200, "fastlane"));
        router.post("/xmlrpc/", (request, response, callback, params) ->
                Responses.text(response, callback, HttpStatus.OK_200, "posted"));
        router.root("GET", "/health", (request, response, callback, params) ->
                Responses.text(response, callback, HttpStatus.OK_200, "healthy"));
        router.get("/{build}/installers/{platform}/", (request, response, callback, params) -> {
            throw new DatabaseUnavailableException("Cannot read build " + params.get("build") + " in the database:"
                    + " seattle-db - Connection is not available", new java.sql.SQLTransientConnectionException());
        });
        router.get("/boom/", (request, response, callback, params) -> {
            throw new IllegalStateException("the key store at /srv/seattle/keys is locked");
        });
        router.post("/form/", (request, response, callback, params) -> {
            throw new org.eclipse.jetty.http.BadMessageException("Unable to parse form content");
        });
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(router);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private String get(String method, String path) throws Exception {
        return connector.getResponse(method + " " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
                + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n");
    }

    @Test
    void routesByPathUnderTheContext() throws Exception {
        assertTrue(get("GET", "/custom_install/abc/").endsWith("build abc"));
        assertTrue(get("GET", "/custom_install/fastlane/").endsWith("fastlane"), "a literal beats {build}");
        assertTrue(get("POST", "/custom_install/xmlrpc/").endsWith("posted"));
        assertTrue(get("GET", "/health").endsWith("healthy"), "absolute routes are outside the context");
    }

    @Test
    void answersHeadMethodNotAllowedAndNotFound() throws Exception {
        String head = get("HEAD", "/custom_install/abc/");
        assertTrue(head.startsWith("HTTP/1.1 200") && !head.contains("build abc"), head);
        String wrongMethod = get("GET", "/custom_install/xmlrpc/");
        assertTrue(wrongMethod.startsWith("HTTP/1.1 200"), "GET /xmlrpc/ is the build {build}=xmlrpc here: " + wrongMethod);
        String post = get("POST", "/custom_install/abc/");
        assertTrue(post.startsWith("HTTP/1.1 405") && post.contains("Allow: GET, HEAD"), post);
        for (String path : new String[] {"/custom_install/abc", "/other/abc/", "/custom_installx/abc/", "/custom_install/a/b/"}) {
            assertTrue(get("GET", path).startsWith("HTTP/1.1 404"), path);
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIs503WithTheAdviceOnly() throws Exception {
        String answer = get("GET", "/custom_install/abc/installers/linux/");
        assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
        assertTrue(answer.contains("Retry-After: " + DatabaseUnavailableException.RETRY_AFTER_SECONDS), answer);
        assertTrue(answer.endsWith(DatabaseUnavailableException.ADVICE + "\n"), answer);
        assertTrue(!answer.contains("seattle-db") && !answer.contains("Exception"), "no details: " + answer);
    }

    @Test
    void anUnexpectedFailureIsA500ThatSaysNothingOfTheInternalsAndTheRouterKeepsServing() throws Exception {
        String answer = get("GET", "/custom_install/boom/");
        assertTrue(answer.startsWith("HTTP/1.1 500"), answer);
        assertTrue(answer.contains("internal error of the installer builder service"), answer);
        assertTrue(!answer.contains("IllegalStateException") && !answer.contains("/srv/seattle") && !answer.contains(
                "java."), "no details: " + answer);
        String badRequest = get("POST", "/custom_install/form/");
        assertTrue(badRequest.startsWith("HTTP/1.1 400"), "Jetty's own refusals keep their status: " + badRequest);
        assertTrue(badRequest.contains("Unable to parse form content") && !badRequest.contains("BadMessage"), badRequest);
        assertTrue(get("GET", "/custom_install/abc/").endsWith("build abc"));
    }
}
