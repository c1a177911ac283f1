package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.builder.output.ChecksumFile;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.service.build.BuildService;
import io.github.seattleinstaller.service.build.Download;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * A build's downloads, reached only through its id:
 * {@code <context>/<build_id>/installers/<platform>/} (and the same under its file name
 * {@code .../<platform>/seattle_linux.tgz}) is the installer, with {@code Content-Disposition} naming the
 * original's file, {@code Content-Length}, a strong {@code ETag} (its SHA-256), HEAD, and single byte ranges;
 * {@code .../<platform>/seattle_linux.tgz.sha256} and {@code ....sig} are its checksum ({@code sha256sum -c}
 * format) and detached signature. Unknown ids, expired builds and platforms without a base are 404.
 */
public final class DownloadEndpoint {
    private final BuildService builds;
    private final ServiceMetrics metrics;

    public DownloadEndpoint(BuildService builds, ServiceMetrics metrics) {
        this.builds = builds;
        this.metrics = metrics;
    }

    /** {@code /{build}/installers/{platform}/} */
    public void installer(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<Download> download = find(request, response, callback, params);
        if (download.isPresent()) {
            send(request, response, callback, download.get());
        }
    }

    /** {@code /{build}/installers/{platform}/{file}}: the installer, its {@code .sha256} or its {@code .sig}. */
    public void file(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        String file = params.get("file");
        Optional<ClearinghousePlatform> platform = ClearinghousePlatform.ofApiName(params.get("platform"));
        String name = platform.map(ClearinghousePlatform::fileName).orElse("");
        boolean known = platform.isPresent() && (file.equals(name) || file.equals(name + ChecksumFile.EXTENSION)
                || file.equals(name + DetachedSignature.EXTENSION));
        if (!known) {
            Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "Nothing is here.");
            return;
        }
        Optional<Download> found = find(request, response, callback, params);
        if (found.isEmpty()) {
            return;
        }
        if (file.equals(name)) {
            send(request, response, callback, found.get());
            return;
        }
        try (Download download = found.get()) {
            byte[] body = file.endsWith(ChecksumFile.EXTENSION)
                    ? ChecksumFile.content(download.facts().sha256Hex(), name)
                    : download.facts().signature();
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
            response.getHeaders().put(HttpHeader.ETAG, "\"" + download.facts().sha256Hex() + "-"
                    + (file.endsWith(ChecksumFile.EXTENSION) ? "sha256" : "sig") + "\"");
            String type = file.endsWith(ChecksumFile.EXTENSION) ? "text/plain; charset=utf-8" : "application/octet-stream";
            if (isHead(request)) {
                headOnly(response, callback, type, body.length);
            } else {
                Responses.send(response, callback, HttpStatus.OK_200, type, body);
            }
        }
    }

    private Optional<Download> find(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        String id = params.get("build");
        Optional<ClearinghousePlatform> platform = ClearinghousePlatform.ofApiName(params.get("platform"));
        if (platform.isEmpty()) {
            Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "Invalid platform specified.");
            return Optional.empty();
        }
        Optional<Download> download = BuildId.isWellFormed(id) ? builds.download(new BuildId(id), platform.get())
                : Optional.empty();
        if (download.isEmpty()) {
            Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404,
                    "There is no such build, or no installer for " + platform.get().apiName() + ".");
        }
        return download;
    }

    private void send(Request request, Response response, Callback callback, Download download) {
        boolean handedOver = false;
        try {
            long size = download.facts().size();
            String etag = "\"" + download.facts().sha256Hex() + "\"";
            var headers = response.getHeaders();
            headers.put(HttpHeader.ETAG, etag);
            headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
            headers.put(HttpHeader.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + download.platform().fileName() + "\"");
            headers.put(HttpHeader.CACHE_CONTROL, "private, no-transform");
            headers.put("X-Content-Type-Options", "nosniff");
            String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
            if (ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || ifNoneMatch.contains(etag))) {
                response.setStatus(HttpStatus.NOT_MODIFIED_304);
                callback.succeeded();
                return;
            }
            String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
            String rangeHeader = ifRange == null || ifRange.strip().equals(etag)
                    ? request.getHeaders().get(HttpHeader.RANGE) : null;
            ByteRange range = ByteRange.of(rangeHeader, size);
            if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
                headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                Responses.error(request, response, callback, HttpStatus.RANGE_NOT_SATISFIABLE_416,
                        "The range lies outside the installer's " + size + " bytes.");
                return;
            }
            String type = download.platform().contentType();
            if (range.kind() == ByteRange.Kind.PARTIAL) {
                response.setStatus(HttpStatus.PARTIAL_CONTENT_206);
                headers.put(HttpHeader.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + size);
            } else {
                response.setStatus(HttpStatus.OK_200);
            }
            headers.put(HttpHeader.CONTENT_TYPE, type);
            headers.put(HttpHeader.CONTENT_LENGTH, range.length());
            if (isHead(request)) {
                callback.succeeded();
                return;
            }
            String platform = download.platform().apiName();
            boolean whole = range.kind() == ByteRange.Kind.WHOLE;
            ByteBuffer suffix = download.installer().suffix();
            InstallerBody body = new InstallerBody(response, download.prefix(), suffix, range.start(), range.length(),
                    callback, (bytes, complete) -> {
                        download.close();
                        metrics.download(platform, bytes, complete && whole);
                    });
            handedOver = true;
            body.iterate();
        } finally {
            if (!handedOver) {
                download.close();
            }
        }
    }

    private static boolean isHead(Request request) {
        return HttpMethod.HEAD.is(request.getMethod());
    }

    private static void headOnly(Response response, Callback callback, String type, long length) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        callback.succeeded();
    }
}
