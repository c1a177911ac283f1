package io.github.seattleinstaller.service.clearinghouse;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.xmlrpc.MethodCall;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The original builder's XML-RPC API, version 2.0: {@code api_version()}, {@code build_installers(vessel_list,
 * user_data=None)} and {@code get_urls(build_id)}, with its arguments, results and faults. It maps calls onto
 * {@link Builds}; the HTTP layer decides who may call and where the URLs point.
 */
public final class ClearinghouseApi {
    public static final String API_VERSION = "2.0";
    public static final String BUILD_INSTALLERS = "build_installers";
    public static final String GET_URLS = "get_urls";
    public static final String GET_API_VERSION = "api_version";

    /** What the API needs of the service. */
    public interface Builds {
        /** Makes (or, for a repeated request whose keys are all given, finds) the build. */
        BuildResult build(BuildRequest request) throws IOException;

        /** The platforms a build can be downloaded for, or empty if there is no such build (or it expired). */
        Optional<List<ClearinghousePlatform>> platformsOf(BuildId id) throws IOException;
    }

    /**
     * @param id        the build
     * @param platforms what it can be downloaded for
     * @param keys      every user's public key, in the request's order
     * @param generated the private keys made for users who gave none: returned once, kept nowhere
     */
    public record BuildResult(BuildId id, List<ClearinghousePlatform> platforms, Map<String, SeattlePublicKey> keys,
            Map<String, SeattlePrivateKey> generated) {
        public BuildResult {
            platforms = List.copyOf(platforms);
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
            generated = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(generated));
        }
    }

    private final Builds builds;

    public ClearinghouseApi(Builds builds) {
        this.builds = builds;
    }

    /**
     * Runs one call.
     *
     * @param urls the download URL of a build's installer for a platform
     * @return the XML-RPC result
     * @throws XmlRpcFault for every refusal, with the original's faultString
     * @throws IOException if storage failed (an internal error, not the caller's)
     */
    public Object call(MethodCall call, BiFunction<BuildId, ClearinghousePlatform, String> urls)
            throws XmlRpcFault, IOException {
        List<Object> params = call.params();
        switch (call.methodName()) {
            case GET_API_VERSION -> {
                arguments(GET_API_VERSION, params, 0, 0, List.of());
                return API_VERSION;
            }
            case BUILD_INSTALLERS -> {
                arguments(BUILD_INSTALLERS, params, 1, 2, List.of("vessel_list"));
                BuildRequest request = BuildRequest.parse(params.get(0), params.size() > 1 ? params.get(1) : null);
                BuildResult result = builds.build(request);
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("build_id", result.id().hex());
                response.put("installers", installers(result.id(), result.platforms(), urls));
                Map<String, Object> users = new LinkedHashMap<>();
                result.keys().forEach((name, key) -> {
                    Map<String, Object> user = new LinkedHashMap<>();
                    user.put("public_key", key.toText());
                    SeattlePrivateKey generated = result.generated().get(name);
                    if (generated != null) {
                        user.put("private_key", generated.toText());
                    }
                    users.put(name, user);
                });
                response.put("users", users);
                return response;
            }
            case GET_URLS -> {
                arguments(GET_URLS, params, 1, 1, List.of("build_id"));
                if (!(params.get(0) instanceof String text) || !BuildId.isWellFormed(text)) {
                    throw BuildRequest.invalid("Invalid build_id provided.");
                }
                BuildId id = new BuildId(text);
                List<ClearinghousePlatform> platforms = builds.platformsOf(id)
                        .orElseThrow(() -> BuildRequest.invalid("Given build ID does not exist."));
                return installers(id, platforms, urls);
            }
            default -> throw XmlRpcFault.of("Exception", "method \"" + call.methodName() + "\" is not supported");
        }
    }

    private static Map<String, Object> installers(BuildId id, List<ClearinghousePlatform> platforms,
            BiFunction<BuildId, ClearinghousePlatform, String> urls) {
        Map<String, Object> installers = new LinkedHashMap<>();
        platforms.forEach(platform -> installers.put(platform.apiName(), urls.apply(id, platform)));
        return installers;
    }

    /** Python's own wording when a function gets the wrong number of arguments. */
    private static void arguments(String method, List<Object> params, int min, int max, List<String> names)
            throws XmlRpcFault {
        int given = params.size();
        if (given < min) {
            List<String> missing = names.subList(given, min);
            throw XmlRpcFault.of("TypeError", method + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": '" + String.join("' and '", missing) + "'");
        }
        if (given > max) {
            String takes = min == max ? max + " positional argument" + (max == 1 ? "" : "s")
                    : "from " + min + " to " + max + " positional arguments";
            throw XmlRpcFault.of("TypeError", method + "() takes " + takes + " but " + given
                    + (given == 1 ? " was" : " were") + " given");
        }
    }
}
