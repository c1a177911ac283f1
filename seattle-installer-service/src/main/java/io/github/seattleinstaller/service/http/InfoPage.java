package io.github.seattleinstaller.service.http;

import java.util.List;

/** What the XML-RPC endpoint's GET page shows. */
public record InfoPage(String apiVersion, String endpoint, boolean tokenRequired, int keyBits, List<String> platforms,
        String operatorFingerprint) {
    public InfoPage {
        platforms = List.copyOf(platforms);
    }
}
