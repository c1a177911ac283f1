package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

import java.util.Optional;

/**
 * The URLs the API hands out: {@code <public URL>/<build_id>/installers/<platform>/}. The public URL is the
 * configured one (the address clients see, behind a reverse proxy), or else this request's scheme and host with
 * the context path.
 */
public final class InstallerUrls {
    private final Optional<String> publicUrl;
    private final String contextPath;

    /** @param publicUrl for example {@code https://builder.example.org/custom_install}, without a trailing slash */
    public InstallerUrls(Optional<String> publicUrl, String contextPath) {
        this.publicUrl = publicUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.contextPath = contextPath.equals("/") ? "" : contextPath;
    }

    public String base(Request request) {
        if (publicUrl.isPresent()) {
            return publicUrl.get();
        }
        HttpURI uri = request.getHttpURI();
        String authority = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (uri.getHost() != null && uri.getHost().contains(":") && !uri.getHost().startsWith("[")) {
            authority = "[" + uri.getHost() + "]" + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        }
        return uri.getScheme() + "://" + authority + contextPath;
    }

    /**
     * The base URL outside any request (the links in job notices): the public URL, or else the address the service
     * listens on with the context path.
     */
    public String base(String host, int port) {
        return publicUrl.orElse("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + contextPath);
    }

    public String installer(Request request, BuildId id, ClearinghousePlatform platform) {
        return base(request) + "/" + id.hex() + "/installers/" + platform.apiName() + "/";
    }
}
