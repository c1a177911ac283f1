package io.github.seattleinstaller.service.clearinghouse;

import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildRequestTest {
    private static final String KEY = "65537 " + BigInteger.ONE.shiftLeft(1023).add(BigInteger.valueOf(159));

    private static Map<String, Object> vessel(Object percentage, Object owner, Object users) {
        Map<String, Object> vessel = new LinkedHashMap<>();
        vessel.put("percentage", percentage);
        vessel.put("owner", owner);
        vessel.put("users", users);
        return vessel;
    }

    private static String refusal(Object vessels, Object userData) {
        return assertThrows(XmlRpcFault.class, () -> BuildRequest.parse(vessels, userData)).faultString();
    }

    @Test
    void readsTheClearinghousesRequest() throws Exception {
        BuildRequest request = BuildRequest.parse(List.of(vessel(80, "owner", List.of("user"))),
                Map.of("owner", Map.of("public_key", KEY), "user", Map.of("public_key", KEY)));
        assertEquals(List.of(new UserVessel(80, "owner", List.of("user"))), request.vessels());
        assertEquals(List.of("owner", "user"), List.copyOf(request.users().keySet()));
        assertTrue(request.allKeysGiven());
        assertEquals(SeattlePublicKey.parse(KEY), request.users().get("owner").orElseThrow());
    }

    @Test
    void usersWithoutKeysAreToBeGenerated() throws XmlRpcFault {
        BuildRequest request = BuildRequest.parse(List.of(vessel(40, "alice", List.of("bob")), vessel(40, "carol", null)),
                Map.of("alice", Map.of("public_key", KEY), "dave_4", Map.of()));
        assertEquals(Optional.empty(), request.users().get("bob"));
        assertEquals(Optional.empty(), request.users().get("carol"));
        assertEquals(Optional.empty(), request.users().get("dave_4"), "a user named only in user_data gets a key too");
        assertFalse(request.allKeysGiven());
        assertFalse(BuildRequest.parse(List.of(vessel(80, "owner", List.of())), null).allKeysGiven());
    }

    @Test
    void refusesWithTheOriginalsMessagesInItsOrder() {
        String total = "ValidationError:Vessel resources must total 80% exactly. Current vessels total ";
        assertEquals(total + "70%.", refusal(List.of(vessel(70, "owner", List.of())), null));
        assertEquals(total + "100%.", refusal(List.of(vessel(80, "owner", null), vessel(20, "owner", null)), null));
        assertEquals("ValidationError:Percentage should be of type int or long.", refusal(List.of(vessel("80", "owner", null)), null));
        assertEquals("ValidationError:Percentage should be of type int or long.", refusal(List.of(vessel(true, "owner", null)), null));
        assertEquals("ValidationError:Percentage should be a positive integer.", refusal(List.of(vessel(0, "owner", null)), null));
        assertEquals("ValidationError:Percentage should not exceed 100.", refusal(List.of(vessel(110L, "owner", null)), null));
        assertTrue(refusal(List.of(vessel(55, "owner", null), vessel(25, "owner", null)), null)
                .startsWith("ValidationError:Percentage should be a multiple of 10 from 10 to 80"));
        assertTrue(refusal(List.of(vessel(90, "owner", null)), null).startsWith("ValidationError:Percentage should be a multiple"));
        assertEquals("ValidationError:All vessels must have a specified owner.", refusal(List.of(vessel(80, null, null)), null));
        assertEquals("ValidationError:All vessels must have a specified owner.", refusal(List.of(vessel(80, "", null)), null));
        assertEquals("ValidationError:Username must be at least 3 characters long.", refusal(List.of(vessel(80, "ab", null)), null));
        assertEquals("ValidationError:Username must not exceed 40 characters.", refusal(List.of(vessel(80, "a".repeat(41), null)), null));
        assertEquals("ValidationError:Username can only contain these characters: 0-9a-zA-Z_",
                refusal(List.of(vessel(80, "caf\u00e9", null)), null));
        assertEquals("ValidationError:Username must start with one of these characters: 0-9a-zA-Z",
                refusal(List.of(vessel(80, "__x", null)), null));
        assertEquals("ValidationError:Username must be a string.", refusal(List.of(vessel(80, 12345, null)), null));
        assertEquals("ValidationError:Invalid public key provided.",
                refusal(List.of(vessel(80, "owner", null)), Map.of("owner", Map.of("public_key", "65537  3233"))));
        assertEquals("ValidationError:Invalid public key provided.",
                refusal(List.of(vessel(80, "owner", null)), Map.of("owner", Map.of("public_key", "65537 3233"))));
        // The first broken rule wins, as it did: the total is checked after every vessel, the keys after the total.
        assertEquals(total + "10%.", refusal(List.of(vessel(10, "owner", null)), Map.of("owner", Map.of("public_key", "x"))));
        assertEquals("ValidationError:Username must be at least 3 characters long.",
                refusal(List.of(vessel(10, "ab", null)), null));
    }

    @Test
    void aUserMayBeExactly3Or40Characters() throws XmlRpcFault {
        BuildRequest.parse(List.of(vessel(40, "abc", null), vessel(40, "9" + "z".repeat(39), List.of("a_b"))), null);
    }
}
