package io.github.seattleinstaller.service.clearinghouse;

import io.github.seattleinstaller.builder.Platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * The platforms under the names the original builder used, which the clearinghouse puts in its download links,
 * with the file names donors got from it.
 */
public enum ClearinghousePlatform {
    LINUX("linux", Platform.LINUX, "seattle_linux.tgz", "application/gzip"),
    MAC("mac", Platform.MACOS, "seattle_mac.tgz", "application/gzip"),
    WINDOWS("windows", Platform.WINDOWS, "seattle_win.zip", "application/zip");

    private final String apiName;
    private final Platform platform;
    private final String fileName;
    private final String contentType;

    ClearinghousePlatform(String apiName, Platform platform, String fileName, String contentType) {
        this.apiName = apiName;
        this.platform = platform;
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** {@code linux}, {@code mac}, {@code windows}: the keys of {@code installers} in the API. */
    public String apiName() {
        return apiName;
    }

    public Platform platform() {
        return platform;
    }

    /** The original's download name: {@code seattle_linux.tgz}, {@code seattle_mac.tgz}, {@code seattle_win.zip}. */
    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public static ClearinghousePlatform of(Platform platform) {
        return Arrays.stream(values()).filter(each -> each.platform == platform).findFirst().orElseThrow();
    }

    public static Optional<ClearinghousePlatform> ofApiName(String name) {
        return Arrays.stream(values()).filter(each -> each.apiName.equals(name)).findFirst();
    }
}
