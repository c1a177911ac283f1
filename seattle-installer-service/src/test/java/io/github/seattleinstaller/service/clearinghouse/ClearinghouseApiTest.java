package io.github.seattleinstaller.service.clearinghouse;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.xmlrpc.MethodCall;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClearinghouseApiTest {
    private final BuildId id = BuildId.random(new SecureRandom());
    private final List<BuildRequest> requests = new ArrayList<>();
    private final SeattlePrivateKey generated = new SeattlePrivateKey(BigInteger.valueOf(2753), BigInteger.valueOf(61),
            BigInteger.valueOf(53));
    private final ClearinghouseApi api = new ClearinghouseApi(new ClearinghouseApi.Builds() {
        @Override
        public ClearinghouseApi.BuildResult build(BuildRequest request) {
            requests.add(request);
            return new ClearinghouseApi.BuildResult(id, List.of(ClearinghousePlatform.LINUX, ClearinghousePlatform.WINDOWS),
                    Map.of("owner", new SeattlePublicKey(BigInteger.valueOf(17), BigInteger.valueOf(3233))),
                    Map.of("owner", generated));
        }

        @Override
        public Optional<List<ClearinghousePlatform>> platformsOf(BuildId wanted) {
            return wanted.equals(id) ? Optional.of(List.of(ClearinghousePlatform.MAC)) : Optional.empty();
        }
    });

    private Object call(String method, Object... params) throws Exception {
        return api.call(new MethodCall(method, List.of(params)), (build, platform) -> "u/" + build + "/" + platform.apiName());
    }

    private String fault(String method, Object... params) {
        return assertThrows(XmlRpcFault.class, () -> call(method, params)).faultString();
    }

    @Test
    void answersAsVersion2() throws Exception {
        assertEquals("2.0", call("api_version"));
        assertEquals(Map.of("build_id", id.hex(),
                "installers", Map.of("linux", "u/" + id + "/linux", "windows", "u/" + id + "/windows"),
                "users", Map.of("owner", Map.of("public_key", "17 3233", "private_key", "2753 61 53"))),
                call("build_installers", List.of(Map.of("percentage", 80, "owner", "owner"))));
        assertEquals(1, requests.size());
        assertEquals(Map.of("mac", "u/" + id + "/mac"), call("get_urls", id.hex()));
    }

    @Test
    void refusesWrongCallsAsPythonDid() {
        assertEquals("TypeError:api_version() takes 0 positional arguments but 2 were given", fault("api_version", 1, 2));
        assertEquals("TypeError:get_urls() takes 1 positional argument but 2 were given", fault("get_urls", "a", "b"));
        assertEquals("ValidationError:Invalid build_id provided.", fault("get_urls", "g".repeat(40)));
        assertEquals("ValidationError:Given build ID does not exist.", fault("get_urls", "f".repeat(40)));
        assertEquals("Exception:method \"system.listMethods\" is not supported", fault("system.listMethods"));
        assertEquals(List.of(), requests, "nothing is built for a refused call");
    }

    @Test
    void buildIdsAre160RandomBitsAsLowercaseHex() {
        SecureRandom random = new SecureRandom();
        BuildId one = BuildId.random(random);
        BuildId two = BuildId.random(random);
        assertEquals(40, one.hex().length());
        assertEquals(true, one.hex().matches("[0-9a-f]{40}") && !one.equals(two));
        assertThrows(IllegalArgumentException.class, () -> new BuildId("A".repeat(40)));
    }
}
