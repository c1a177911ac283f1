package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.builder.output.ChecksumFile;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import io.github.seattleinstaller.service.build.BuildService;
import io.github.seattleinstaller.service.build.Download;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.clearinghouse.BuildRequest;
import io.github.seattleinstaller.service.clearinghouse.ClearinghouseApi;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.http.AccessPolicy;
import io.github.seattleinstaller.service.http.InstallerUrls;
import io.github.seattleinstaller.service.http.Pages;
import io.github.seattleinstaller.service.http.Refusals;
import io.github.seattleinstaller.service.http.Responses;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.store.DatabaseUnavailableException;
import io.github.seattleinstaller.service.store.StoredBuild;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The builder's pages, server-rendered and usable without JavaScript:
 * <ul>
 *   <li>{@code GET|POST <context>/}: the builder page; its form builds through the API's rules
 *       ({@link BuilderForm}), or adds a user row or a vessel, keeping everything entered;</li>
 *   <li>{@code GET|POST <context>/fastlane/}: one uploaded key owns one 80% vessel;</li>
 *   <li>{@code GET <context>/<build_id>/keys/}, {@code POST .../keys/private_keys.zip},
 *       {@code GET .../keys/public_keys.zip}: the generated keys, offered once, to the browser that made the build
 *       (its cookie holds the handle of {@link PendingKeys});</li>
 *   <li>{@code GET <context>/<build_id>/}: the installers page;</li>
 *   <li>{@code GET <context>/operator.pub.pem}: the operator's public key, to check downloads against.</li>
 * </ul>
 * The form POSTs are writes like {@code build_installers}: the per-client rate applies, and the token when one is
 * configured.
 */
public final class BuilderPages {
    /** The cookie holding a build's {@link PendingKeys.Handle}, scoped to that build's pages. */
    public static final String KEYS_COOKIE = "seattle_keys";
    public static final String OPERATOR_KEY_FILE = "operator.pub.pem";

    private static final Logger LOG = LoggerFactory.getLogger(BuilderPages.class);
    private static final String ACTION = "action";
    private static final String FASTLANE_FLAG = "fastlane";

    private final BuildService builds;
    private final Pages pages;
    private final AccessPolicy access;
    private final InstallerUrls urls;
    private final PendingKeys keys;
    private final RSAPublicKey operatorKey;
    private final int keyBits;
    private final FormInput.Limits limits;
    private final Refusals refusals;
    private final Clock clock;

    /**
     * @param operatorKey  the public key the installers are signed with
     * @param keyBits      the size of generated key pairs, for the page's text
     * @param maxFormBytes the largest form body accepted
     */
    public BuilderPages(BuildService builds, Pages pages, AccessPolicy access, InstallerUrls urls, PendingKeys keys,
            RSAPublicKey operatorKey, int keyBits, int maxFormBytes, ServiceMetrics metrics, Clock clock) {
        this.builds = builds;
        this.pages = pages;
        this.access = access;
        this.urls = urls;
        this.keys = keys;
        this.operatorKey = operatorKey;
        this.keyBits = keyBits;
        this.limits = new FormInput.Limits(maxFormBytes, BuilderForm.MAX_FIELDS);
        this.refusals = new Refusals(access, metrics);
        this.clock = clock;
    }

    /** {@code GET /}: the empty builder form. */
    public void builder(Request request, Response response, Callback callback, Map<String, String> params) {
        sendBuilder(request, response, callback, HttpStatus.OK_200, BuilderForm.initial(), new FieldErrors());
    }

    /** {@code POST /}: builds, or changes the form (a user row, a vessel more or less, reset) and shows it again. */
    public void submitBuilder(Request request, Response response, Callback callback, Map<String, String> params) {
        Optional<FormInput> input = readForm(request, response, callback);
        if (input.isEmpty()) {
            return;
        }
        String action = input.get().value(ACTION);
        if (action.equals("reset")) {
            sendBuilder(request, response, callback, HttpStatus.OK_200, BuilderForm.initial(), new FieldErrors());
            return;
        }
        BuilderForm.Read read = BuilderForm.read(input.get());
        BuilderForm form = read.form();
        if (action.equals("addUser") || action.equals("addVessel") || action.startsWith("removeVessel")) {
            BuilderForm changed = switch (action) {
                case "addUser" -> form.withUser();
                case "addVessel" -> form.withVessel();
                default -> form.withoutVessel(column(action.substring("removeVessel".length())));
            };
            sendBuilder(request, response, callback, HttpStatus.OK_200, changed, read.errors());
            return;
        }
        BuilderForm.Checked checked = read.check();
        if (checked.request().isEmpty()) {
            sendBuilder(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, form, checked.errors());
            return;
        }
        build(request, response, callback, checked.request().orElseThrow(), false);
    }

    /** {@code GET /fastlane/} */
    public void fastlane(Request request, Response response, Callback callback, Map<String, String> params) {
        sendFastlane(request, response, callback, HttpStatus.OK_200, new FieldErrors());
    }

    /** {@code POST /fastlane/}: the uploaded key owns one vessel of the whole 80% split. */
    public void submitFastlane(Request request, Response response, Callback callback, Map<String, String> params) {
        Optional<FormInput> input = readForm(request, response, callback);
        if (input.isEmpty()) {
            return;
        }
        FieldErrors errors = new FieldErrors();
        Optional<FormInput.Upload> upload = input.get().file(FastlanePage.KEY_FIELD);
        Optional<SeattlePublicKey> key = Optional.empty();
        if (upload.isEmpty()) {
            errors.add(FastlanePage.KEY_FIELD, "Your public key: choose your public key file (Seattle key text 'e n'"
                    + " or PEM).");
        } else if (upload.get().content().length > BuilderForm.MAX_KEY_FILE_BYTES) {
            errors.add(FastlanePage.KEY_FIELD, "Your public key file: it has " + upload.get().content().length
                    + " bytes, more than the " + BuilderForm.MAX_KEY_FILE_BYTES + " a public key file can have ("
                    + PublicKeyReader.TEXT_RULE + ")");
        } else {
            try {
                key = Optional.of(PublicKeyReader.readText(upload.get().text(), "Your public key file"));
            } catch (InvalidInputException e) {
                errors.add(FastlanePage.KEY_FIELD, e.problems().get(0).describe());
            }
        }
        if (key.isEmpty()) {
            sendFastlane(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, errors);
            return;
        }
        BuildRequest buildRequest;
        try {
            buildRequest = BuildRequest.parse(
                    List.of(Map.of("percentage", BuildRequest.USER_TOTAL, "owner", FastlanePage.OWNER)),
                    Map.of(FastlanePage.OWNER, Map.of("public_key", key.get().toText())));
        } catch (XmlRpcFault fault) {
            errors.add(FieldErrors.FORM, fault.message());
            sendFastlane(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, errors);
            return;
        }
        build(request, response, callback, buildRequest, true);
    }

    /** {@code GET /{build}/}: the installers page. */
    public void installers(Request request, Response response, Callback callback, Map<String, String> params) {
        Optional<BuildId> id = buildId(params);
        try {
            Optional<StoredBuild> build = id.isPresent() ? builds.find(id.get()) : Optional.empty();
            if (build.isEmpty()) {
                sendNoSuchBuild(request, response, callback);
                return;
            }
            List<InstallersPage.Installer> installers = new ArrayList<>();
            for (ClearinghousePlatform platform : builds.platforms()) {
                Optional<Download> download = builds.download(build.get(), platform);
                if (download.isEmpty()) {
                    continue;
                }
                try (Download open = download.get()) {
                    installers.add(installer(request, id.get(), platform, open));
                }
            }
            Optional<PendingKeys.Waiting> waiting = waiting(request, id.get());
            Optional<KeysPage> keysPart = waiting.map(found -> keysPage(request, id.get(), Optional.of(found)));
            String share = buildUrl(request, id.get());
            InstallersPage page = new InstallersPage(id.get().hex(), installers, vessels(build.get(), waiting),
                    KeyFingerprint.of(operatorKey).hex(), urls.base(request) + "/" + OPERATOR_KEY_FILE, share,
                    QrCode.of(share), keysPart, fastlane(request));
            pages.send(response, callback, HttpStatus.OK_200, "installers.jte", page);
        } catch (IOException e) {
            failed(request, response, callback, e);
        }
    }

    /** {@code GET /{build}/keys/}: the generated keys, while this browser's handle reaches them. */
    public void keysPage(Request request, Response response, Callback callback, Map<String, String> params) {
        Optional<BuildId> id = buildId(params);
        try {
            if (id.isEmpty() || builds.find(id.get()).isEmpty()) {
                sendNoSuchBuild(request, response, callback);
                return;
            }
        } catch (IOException e) {
            failed(request, response, callback, e);
            return;
        }
        pages.send(response, callback, HttpStatus.OK_200, "keys.jte", keysPage(request, id.get(), waiting(request, id.get())));
    }

    /** {@code POST /{build}/keys/private_keys.zip}: the private keys, once; they are dropped as they are sent. */
    public void privateKeys(Request request, Response response, Callback callback, Map<String, String> params) {
        if (refusals.overRate(request, response)) {
            tooMany(request, response, callback);
            return;
        }
        Optional<BuildId> id = buildId(params);
        Optional<PendingKeys.Handle> handle = handle(request);
        Optional<PendingKeys.Waiting> taken = id.isPresent() && handle.isPresent() ? keys.take(handle.get(), id.get())
                : Optional.empty();
        if (taken.isEmpty()) {
            sendGone(request, response, callback, id);
            return;
        }
        byte[] zip = KeyArchives.privateKeys(taken.get().publicKeys(), taken.get().privateKeys(), clock.instant());
        attachment(response, callback, KeyArchives.PRIVATE_KEYS, zip);
    }

    /** {@code GET /{build}/keys/public_keys.zip}: every user's public key, while the build's keys are here. */
    public void publicKeys(Request request, Response response, Callback callback, Map<String, String> params) {
        Optional<BuildId> id = buildId(params);
        Optional<PendingKeys.Waiting> waiting = id.isPresent() ? waiting(request, id.get()) : Optional.empty();
        if (waiting.isEmpty()) {
            sendGone(request, response, callback, id);
            return;
        }
        attachment(response, callback, KeyArchives.PUBLIC_KEYS,
                KeyArchives.publicKeys(waiting.get().publicKeys(), clock.instant()));
    }

    /** {@code GET /operator.pub.pem} */
    public void operatorKey(Request request, Response response, Callback callback, Map<String, String> params) {
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + OPERATOR_KEY_FILE + "\"");
        Responses.send(response, callback, HttpStatus.OK_200, "application/x-pem-file",
                PublicKeyPem.encode(operatorKey).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private void build(Request request, Response response, Callback callback, BuildRequest buildRequest,
            boolean fastlane) {
        if (!buildRequest.allKeysGiven() && !keys.hasRoom()) {
            sendBusy(request, response, callback);
            return;
        }
        ClearinghouseApi.BuildResult result;
        try {
            result = builds.build(buildRequest);
        } catch (IOException e) {
            failed(request, response, callback, e);
            return;
        }
        String installersUrl = buildUrl(request, result.id()) + (fastlane ? "?" + FASTLANE_FLAG : "");
        if (result.generated().isEmpty()) {
            Responses.seeOther(response, callback, installersUrl);
            return;
        }
        Optional<PendingKeys.Handle> handle = keys.hold(result.id(), result.keys(), result.generated());
        if (handle.isEmpty()) {
            LOG.warn("Build {} was made, but its generated keys could not wait for their download: too many wait",
                    result.id());
            sendBusy(request, response, callback);
            return;
        }
        URI base = URI.create(urls.base(request));
        Response.addCookie(response, HttpCookie.build(KEYS_COOKIE, handle.get().value())
                .path(basePath(base) + "/" + result.id().hex() + "/")
                .httpOnly(true)
                .secure("https".equalsIgnoreCase(base.getScheme()))
                .sameSite(HttpCookie.SameSite.STRICT)
                .maxAge(PendingKeys.LIFETIME.toSeconds())
                .build());
        Responses.seeOther(response, callback, fastlane ? installersUrl : buildUrl(request, result.id()) + "keys/");
    }

    private InstallersPage.Installer installer(Request request, BuildId id, ClearinghousePlatform platform,
            Download download) {
        String url = urls.installer(request, id, platform);
        String name = platform.fileName();
        return new InstallersPage.Installer(platform.apiName(), label(platform), name, url, download.facts().size(),
                download.facts().sha256Hex(), url + name + ChecksumFile.EXTENSION, url + name + DetachedSignature.EXTENSION,
                checkCommand(platform));
    }

    private static String label(ClearinghousePlatform platform) {
        return switch (platform) {
            case LINUX -> "Linux";
            case MAC -> "macOS";
            case WINDOWS -> "Windows";
        };
    }

    /** The command that checks a download against its {@code .sha256} on the platform it is for. */
    private static String checkCommand(ClearinghousePlatform platform) {
        String name = platform.fileName();
        return switch (platform) {
            case LINUX -> "sha256sum -c " + name + ChecksumFile.EXTENSION;
            case MAC -> "shasum -a 256 -c " + name + ChecksumFile.EXTENSION;
            case WINDOWS -> "certutil -hashfile " + name + " SHA256";
        };
    }

    private List<InstallersPage.Vessel> vessels(StoredBuild build, Optional<PendingKeys.Waiting> waiting)
            throws IOException {
        VesselInfo vesselInfo = BuildService.vesselInfo(build);
        Map<SeattlePublicKey, String> names = new HashMap<>();
        waiting.ifPresent(found -> found.publicKeys().forEach((name, key) -> names.putIfAbsent(key, name)));
        List<VesselSpec> specs = vesselInfo.vessels();
        List<InstallersPage.Vessel> vessels = new ArrayList<>();
        for (int index = 0; index < specs.size(); index++) {
            VesselSpec spec = specs.get(index);
            vessels.add(new InstallersPage.Vessel(index + 1, spec.percent(), label(spec.owner(), names),
                    spec.users().stream().map(user -> label(user, names)).toList(), index == specs.size() - 1
                            && spec.owner().equals(builds.reservedKey()) && spec.percent() == BuildService.RESERVED_PERCENT));
        }
        return vessels;
    }

    private static InstallersPage.KeyLabel label(SeattlePublicKey key, Map<SeattlePublicKey, String> names) {
        return new InstallersPage.KeyLabel(Optional.ofNullable(names.get(key)), key.fingerprint().toString());
    }

    private KeysPage keysPage(Request request, BuildId id, Optional<PendingKeys.Waiting> waiting) {
        String keysUrl = buildUrl(request, id) + "keys/";
        KeysPage.State state = waiting.map(found -> found.downloaded() ? KeysPage.State.DOWNLOADED : KeysPage.State.WAITING)
                .orElse(KeysPage.State.GONE);
        return new KeysPage(id.hex(), state,
                waiting.map(found -> List.copyOf(found.generated())).orElse(List.of()),
                waiting.map(found -> List.copyOf(found.publicKeys().keySet())).orElse(List.of()),
                waiting.map(PendingKeys.Waiting::expires).orElse(clock.instant()),
                keysUrl + KeyArchives.PRIVATE_KEYS, keysUrl + KeyArchives.PUBLIC_KEYS, buildUrl(request, id));
    }

    private Optional<PendingKeys.Waiting> waiting(Request request, BuildId id) {
        return handle(request).flatMap(handle -> keys.peek(handle, id));
    }

    private static Optional<PendingKeys.Handle> handle(Request request) {
        return Request.getCookies(request).stream().filter(cookie -> cookie.getName().equals(KEYS_COOKIE))
                .map(cookie -> PendingKeys.Handle.parse(cookie.getValue())).flatMap(Optional::stream).findFirst();
    }

    /** Reads a form POST after the access checks; empty when an answer was already sent. */
    private Optional<FormInput> readForm(Request request, Response response, Callback callback) {
        if (refusals.overRate(request, response)) {
            tooMany(request, response, callback);
            return Optional.empty();
        }
        if (!access.mayWrite(request)) {
            sendMessage(response, callback, refusals.markWithoutToken(request, response), new MessagePage("Token needed",
                    "Building on this service needs its token: give it as the password when your browser asks"
                            + " (any user name).", urls.base(request) + "/", "Back to the builder"));
            return Optional.empty();
        }
        try {
            return Optional.of(FormInput.read(request, limits));
        } catch (FormInput.UnreadableFormException e) {
            refusals.markUnreadableForm(request, response, e.status());
            sendMessage(response, callback, e.status(), new MessagePage("The form could not be read", e.getMessage(),
                    urls.base(request) + "/", "Back to the builder"));
            return Optional.empty();
        }
    }

    private void sendBuilder(Request request, Response response, Callback callback, int status, BuilderForm form,
            FieldErrors errors) {
        pages.send(response, callback, status, "builder.jte", new BuilderPage(urls.base(request) + "/", form, errors,
                reserved(), access.tokenRequired(), keyBits));
    }

    private void sendFastlane(Request request, Response response, Callback callback, int status, FieldErrors errors) {
        pages.send(response, callback, status, "fastlane.jte", new FastlanePage(urls.base(request) + "/fastlane/",
                errors, reserved(), access.tokenRequired(), BuildRequest.USER_TOTAL));
    }

    private BuilderPage.ReservedVessel reserved() {
        KeyFingerprint reserved = builds.reservedKey().fingerprint();
        return new BuilderPage.ReservedVessel(BuildService.RESERVED_PERCENT, reserved.toString(),
                reserved.equals(KeyFingerprint.of(operatorKey)));
    }

    private void sendNoSuchBuild(Request request, Response response, Callback callback) {
        sendMessage(response, callback, HttpStatus.NOT_FOUND_404, new MessagePage("No such build",
                "There is no build at this address, or it has expired.", urls.base(request) + "/",
                "Build an installer"));
    }

    private void sendGone(Request request, Response response, Callback callback, Optional<BuildId> id) {
        sendMessage(response, callback, HttpStatus.GONE_410, new MessagePage("The keys are gone",
                "The generated private keys of a build are offered once, to the browser that made the build, for "
                        + PendingKeys.LIFETIME.toMinutes() + " minutes: they were downloaded already, their time is"
                        + " up, or this browser did not make the build. The service keeps no copy.",
                id.map(found -> buildUrl(request, found)).orElse(urls.base(request) + "/"),
                id.isPresent() ? "The installers" : "Build an installer"));
    }

    private void sendBusy(Request request, Response response, Callback callback) {
        sendMessage(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, new MessagePage("Try again later",
                "Too many generated keys are waiting for their download right now: try again in a few minutes.",
                urls.base(request) + "/", "Back to the builder"));
    }

    /** Whether the installers page answers the fastlane ({@code ?fastlane}, which the share link leaves out). */
    private static boolean fastlane(Request request) {
        String query = request.getHttpURI().getQuery();
        return query != null && java.util.Arrays.asList(query.split("&")).contains(FASTLANE_FLAG);
    }

    /** The 429 page, once {@link Refusals#overRate} has counted it and set its headers. */
    private void tooMany(Request request, Response response, Callback callback) {
        sendMessage(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, new MessagePage("Too many requests",
                "Too many requests from this client: try again in a second.", urls.base(request) + "/",
                "Back to the builder"));
    }

    private void failed(Request request, Response response, Callback callback, IOException e) {
        if (e instanceof DatabaseUnavailableException) {
            LOG.warn("A page failed: {}", e.getMessage());
            response.getHeaders().put(HttpHeader.RETRY_AFTER, DatabaseUnavailableException.RETRY_AFTER_SECONDS);
            sendMessage(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, new MessagePage("Try again later",
                    DatabaseUnavailableException.ADVICE, urls.base(request) + "/", "Back to the builder"));
            return;
        }
        LOG.error("A page failed: {}", e.getMessage(), e);
        sendMessage(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, new MessagePage("Something went wrong",
                "The installer builder service failed; its log says what went wrong.", urls.base(request) + "/",
                "Back to the builder"));
    }

    private void sendMessage(Response response, Callback callback, int status, MessagePage page) {
        pages.send(response, callback, status, "message.jte", page);
    }

    private static void attachment(Response response, Callback callback, String fileName, byte[] content) {
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        Responses.send(response, callback, HttpStatus.OK_200, "application/zip", content);
    }

    private String buildUrl(Request request, BuildId id) {
        return urls.base(request) + "/" + id.hex() + "/";
    }

    private static String basePath(URI base) {
        String path = base.getRawPath();
        return path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Optional<BuildId> buildId(Map<String, String> params) {
        String text = params.get("build");
        return text != null && BuildId.isWellFormed(text) ? Optional.of(new BuildId(text)) : Optional.empty();
    }

    private static int column(String text) {
        return text.matches("[0-9]{1,2}") ? Integer.parseInt(text) : 0;
    }
}
