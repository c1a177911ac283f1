package io.github.seattleinstaller.service.clearinghouse;

import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The arguments of {@code build_installers(vessel_list, user_data)}, checked with the original builder's rules
 * and messages, in its order (each vessel's percentage and owner, the user names, the total, then the keys),
 * and the rule it missed: a percentage is a whole tenth, as the installer on every donor machine demands. The
 * first broken rule is the fault, as it was.
 *
 * @param vessels the user vessels, in order; the reserved vessel is not among them
 * @param users   every user named in a vessel or in {@code user_data}, in order of first mention, with the key
 *                given for it or empty when a key pair is to be generated
 */
public record BuildRequest(List<UserVessel> vessels, Map<String, Optional<SeattlePublicKey>> users) {
    /** The fault type of a broken rule, as the original raised it. */
    public static final String VALIDATION_ERROR = "ValidationError";
    /** The user vessels' share: the builder adds the reserved 20% itself. */
    public static final int USER_TOTAL = 80;

    private static final Pattern USERNAME_CHARACTERS = Pattern.compile("[0-9a-zA-Z_]*");
    private static final Pattern USERNAME_START = Pattern.compile("[0-9a-zA-Z].*", Pattern.DOTALL);
    private static final Pattern PUBLIC_KEY = Pattern.compile("[0-9]+ [0-9]+");

    public BuildRequest {
        vessels = List.copyOf(vessels);
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** True if every user has a given key: such a request always builds the same installers. */
    public boolean allKeysGiven() {
        return users.values().stream().allMatch(Optional::isPresent);
    }

    /**
     * Checks the two arguments as they came from the XML-RPC decoder.
     *
     * @param userData the second argument, or null when the call had only one
     * @throws XmlRpcFault {@code ValidationError:<message>} for the first rule broken
     */
    public static BuildRequest parse(Object vesselList, Object userData) throws XmlRpcFault {
        if (!(vesselList instanceof List<?> list)) {
            throw invalid("The vessel list must be a list of vessels.");
        }
        List<UserVessel> vessels = new ArrayList<>();
        Map<String, Optional<SeattlePublicKey>> users = new LinkedHashMap<>();
        int total = 0;
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> vessel)) {
                throw invalid("Each vessel must be a struct with 'percentage', 'owner' and 'users'.");
            }
            int percentage = percentage(vessel.get("percentage"));
            Object owner = vessel.get("owner");
            if (owner == null || owner instanceof String text && text.isEmpty()) {
                throw invalid("All vessels must have a specified owner.");
            }
            String ownerName = username(owner);
            List<String> vesselUsers = new ArrayList<>();
            Object named = vessel.get("users");
            if (named != null) {
                if (!(named instanceof List<?> names)) {
                    throw invalid("The users of a vessel must be a list of usernames.");
                }
                for (Object name : names) {
                    vesselUsers.add(username(name));
                }
            }
            users.putIfAbsent(ownerName, Optional.empty());
            vesselUsers.forEach(name -> users.putIfAbsent(name, Optional.empty()));
            vessels.add(new UserVessel(percentage, ownerName, vesselUsers));
            total += percentage;
        }
        if (total != USER_TOTAL) {
            throw invalid("Vessel resources must total " + USER_TOTAL + "% exactly. Current vessels total "
                    + total + "%.");
        }
        if (userData != null) {
            if (!(userData instanceof Map<?, ?> data)) {
                throw invalid("The user data must be a struct mapping usernames to structs.");
            }
            for (Map.Entry<?, ?> entry : data.entrySet()) {
                String name = username(entry.getKey());
                if (!(entry.getValue() instanceof Map<?, ?> details)) {
                    throw invalid("The user data of each user must be a struct.");
                }
                Object key = details.get("public_key");
                users.put(name, key == null ? users.getOrDefault(name, Optional.empty()) : Optional.of(publicKey(key)));
            }
        }
        return new BuildRequest(vessels, users);
    }

    /**
     * The original's percentage checks, in its order, and the rule it missed (whole tenths up to 80); the builder
     * page checks each vessel's field with it.
     */
    public static int percentage(Object value) throws XmlRpcFault {
        // XML-RPC's boolean would be an int in Python; here it is no percentage.
        long percentage;
        if (value instanceof Integer number) {
            percentage = number;
        } else if (value instanceof Long number) {
            percentage = number;
        } else {
            throw invalid("Percentage should be of type int or long.");
        }
        if (percentage <= 0) {
            throw invalid("Percentage should be a positive integer.");
        }
        if (percentage > 100) {
            throw invalid("Percentage should not exceed 100.");
        }
        if (percentage % 10 != 0 || percentage > USER_TOTAL) {
            throw invalid("Percentage should be a multiple of 10 from 10 to " + USER_TOTAL
                    + ": the installer gives each vessel whole tenths of the donation.");
        }
        return (int) percentage;
    }

    /** The original's username checks, in its order; the builder page checks each user's field with it. */
    public static String username(Object value) throws XmlRpcFault {
        if (!(value instanceof String name)) {
            throw invalid("Username must be a string.");
        }
        if (name.length() < 3) {
            throw invalid("Username must be at least 3 characters long.");
        }
        if (name.length() > 40) {
            throw invalid("Username must not exceed 40 characters.");
        }
        if (!USERNAME_CHARACTERS.matcher(name).matches()) {
            throw invalid("Username can only contain these characters: 0-9a-zA-Z_");
        }
        if (!USERNAME_START.matcher(name).matches()) {
            throw invalid("Username must start with one of these characters: 0-9a-zA-Z");
        }
        return name;
    }

    /** {@code "e n"} in decimal with one space, as the original demanded, and an RSA key by the runtime's rule. */
    private static SeattlePublicKey publicKey(Object value) throws XmlRpcFault {
        if (!(value instanceof String text) || !PUBLIC_KEY.matcher(text).matches()) {
            throw invalid("Invalid public key provided.");
        }
        try {
            return SeattlePublicKey.parse(text);
        } catch (KeyFormatException e) {
            throw invalid("Invalid public key provided.");
        }
    }

    static XmlRpcFault invalid(String message) {
        return XmlRpcFault.of(VALIDATION_ERROR, message);
    }
}
