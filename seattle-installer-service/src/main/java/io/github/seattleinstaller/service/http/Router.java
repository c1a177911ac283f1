package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.store.DatabaseUnavailableException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small router over Jetty 12's core handlers: routes are a method and a path pattern of literal segments and
 * {@code {name}} segments (each matches one non-empty segment), relative to the context path, or absolute for
 * operations endpoints ({@link #root}). A trailing slash is part of the pattern, as in the original's URLs
 * ({@code /<build_id>/installers/linux/}). GET routes also answer HEAD; a path that matches with another method
 * gets 405 with {@code Allow}; anything else 404. When several routes match, the one with the fewest
 * {@code {name}} segments wins, whatever the order they were added in. A route that finds the database not
 * answering ({@link DatabaseUnavailableException}) before it answered gets 503 with {@code Retry-After} and the
 * exception's advice, for every route that does not answer it itself (downloads, the jobs' API). Any other failure
 * of a route, before it answered, is logged and answered 500 with no detail (Jetty's own error page would show the
 * exception's class and message); Jetty's refusals of what the client sent keep their 4xx status.
 *
 * <p>Adding a page is described in this package's {@code package-info.java}.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Answers one matched request, with the path's {@code {name}} values. */
    @FunctionalInterface
    public interface Route {
        void handle(Request request, Response response, Callback callback, Map<String, String> params)
                throws Exception;
    }

    private record Entry(String method, boolean absolute, List<String> segments, boolean trailingSlash, Route route) {
    }

    private final String contextPath;
    private final List<Entry> entries = new ArrayList<>();

    /** @param contextPath {@code /} or a path such as {@code /custom_install}, without a trailing slash */
    public Router(String contextPath) {
        this.contextPath = contextPath.equals("/") ? "" : contextPath;
    }

    public String contextPath() {
        return contextPath.isEmpty() ? "/" : contextPath;
    }

    public Router get(String pattern, Route route) {
        return add(HttpMethod.GET.asString(), false, pattern, route);
    }

    public Router post(String pattern, Route route) {
        return add(HttpMethod.POST.asString(), false, pattern, route);
    }

    /** A route for any method (PUT, DELETE, ...) on a path relative to the context path. */
    public Router route(String method, String pattern, Route route) {
        return add(method, false, pattern, route);
    }

    /** A route on an absolute path, outside the context path: {@code /health}, {@code /metrics}. */
    public Router root(String method, String pattern, Route route) {
        return add(method, true, pattern, route);
    }

    private Router add(String method, boolean absolute, String pattern, Route route) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route's pattern starts with '/': " + pattern);
        }
        entries.add(new Entry(method, absolute, segments(pattern), pattern.length() > 1 && pattern.endsWith("/"),
                route));
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String method = request.getMethod();
        Set<String> allowed = new LinkedHashSet<>();
        Entry best = null;
        Map<String, String> bestParams = null;
        for (Entry entry : entries) {
            String relative = entry.absolute() ? path : withinContext(path);
            if (relative == null) {
                continue;
            }
            Map<String, String> params = match(entry, relative);
            if (params == null) {
                continue;
            }
            boolean head = method.equals(HttpMethod.HEAD.asString()) && entry.method().equals("GET");
            if (entry.method().equals(method) || head) {
                // A literal segment beats a {name} one: /fastlane/ is not the build "fastlane".
                if (best == null || params.size() < bestParams.size()) {
                    best = entry;
                    bestParams = params;
                }
                continue;
            }
            allowed.add(entry.method());
            if (entry.method().equals("GET")) {
                allowed.add("HEAD");
            }
        }
        if (best != null) {
            try {
                best.route().handle(request, response, callback, bestParams);
            } catch (DatabaseUnavailableException e) {
                if (response.isCommitted()) {
                    throw e;
                }
                LOG.warn("{} {} failed: {}", method, path, e.getMessage());
                response.getHeaders().put(HttpHeader.RETRY_AFTER, DatabaseUnavailableException.RETRY_AFTER_SECONDS);
                Responses.error(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        DatabaseUnavailableException.ADVICE);
            } catch (Exception e) {
                if (response.isCommitted()) {
                    throw e;
                }
                if (e instanceof HttpException refused && refused.getCode() < HttpStatus.INTERNAL_SERVER_ERROR_500) {
                    // Jetty's own refusal of what the client sent (a form it cannot parse): its reason is generic.
                    Responses.error(request, response, callback, refused.getCode(),
                            Optional.ofNullable(refused.getReason()).orElse(HttpStatus.getMessage(refused.getCode())));
                } else {
                    LOG.error("{} {} failed", method, path, e);
                    Responses.error(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                            "An " + Responses.INTERNAL_ERROR + ".");
                }
            }
            return true;
        }
        if (!allowed.isEmpty()) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
            Responses.error(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    "This URL answers " + allowed.stream().collect(Collectors.joining(", ")) + " only.");
            return true;
        }
        Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "Nothing is here.");
        return true;
    }

    /** The path relative to the context path, starting with '/', or null if outside it. */
    private String withinContext(String path) {
        if (contextPath.isEmpty()) {
            return path;
        }
        if (path.equals(contextPath)) {
            return "/";
        }
        return path.startsWith(contextPath + "/") ? path.substring(contextPath.length()) : null;
    }

    private static Map<String, String> match(Entry entry, String path) {
        boolean trailing = path.length() > 1 && path.endsWith("/");
        if (trailing != entry.trailingSlash()) {
            return null;
        }
        List<String> actual = segments(path);
        if (actual.size() != entry.segments().size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            String expected = entry.segments().get(i);
            String segment = actual.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (segment.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), segment);
            } else if (!expected.equals(segment)) {
                return null;
            }
        }
        return params;
    }

    private static List<String> segments(String path) {
        String inner = path.substring(1);
        if (inner.endsWith("/")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        return inner.isEmpty() ? List.of() : List.of(inner.split("/", -1));
    }
}
