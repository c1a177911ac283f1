package io.github.seattleinstaller.service.pages;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a build's installers page ({@code installers.jte}) shows: a download per platform with its size, SHA-256 and
 * signature, the vessels the installers set up, how to check a download against the operator key, and a share link
 * with its QR code.
 *
 * @param operatorFingerprint the operator key's fingerprint, 64 hex digits
 * @param shareUrl            this page's address without any query
 * @param keys                the keys of this build when this browser made it and they are still here
 * @param fastlane            whether the page answers a fastlane build (keys and installers on one page)
 */
public record InstallersPage(String buildId, List<Installer> installers, List<Vessel> vessels,
        String operatorFingerprint, String operatorKeyUrl, String shareUrl, QrCode qr, Optional<KeysPage> keys,
        boolean fastlane) {

    /** One platform's installer and the files beside it. */
    public record Installer(String platform, String label, String fileName, String url, long size, String sha256,
            String checksumUrl, String signatureUrl, String checkCommand) {
        /** For example "5.1 MB". */
        public String sizeText() {
            if (size < 1000) {
                return size + " bytes";
            }
            if (size < 1_000_000) {
                return String.format(Locale.ROOT, "%.1f kB", size / 1e3);
            }
            return String.format(Locale.ROOT, "%.1f MB", size / 1e6);
        }

        public String signatureName() {
            return fileName + ".sig";
        }

        public String checksumName() {
            return fileName + ".sha256";
        }
    }

    /**
     * One vessel of the build's vesselinfo: its share of the donation and its keys, each by fingerprint and, when
     * this browser made the build, by the user's name.
     */
    public record Vessel(int number, int percent, KeyLabel owner, List<KeyLabel> users, boolean reserved) {
        public Vessel {
            users = List.copyOf(users);
        }
    }

    /** A key as the page names it. */
    public record KeyLabel(Optional<String> user, String fingerprint) {
    }

    public InstallersPage {
        installers = List.copyOf(installers);
        vessels = List.copyOf(vessels);
    }
}
