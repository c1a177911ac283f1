package io.github.seattleinstaller.runtime.keys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM blocks as OpenSSL writes them: 64-character lines and "\n" line ends on every platform. */
public final class Pem {
    private Pem() {
    }

    /** A {@code -----BEGIN <type>-----} block holding {@code der}, ending with a newline. */
    public static String encode(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
