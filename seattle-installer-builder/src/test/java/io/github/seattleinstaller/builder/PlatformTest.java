package io.github.seattleinstaller.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.seattleinstaller.builder.archive.ArchiveFormat;

import org.junit.jupiter.api.Test;

import java.util.Optional;

class PlatformTest {

    @Test
    void namesAreClassifiersAndParseInAnyCase() {
        assertEquals(Platform.LINUX, Platform.parse("linux"));
        assertEquals(Platform.MACOS, Platform.parse(" MacOS "));
        assertEquals(Platform.WINDOWS, Platform.parse("WINDOWS"));
        assertEquals("macos", Platform.MACOS.classifier());
        assertEquals(ArchiveFormat.ZIP, Platform.WINDOWS.format());
        assertEquals(ArchiveFormat.TAR_GZ, Platform.MACOS.format());
    }

    @Test
    void anUnknownNameIsRefusedListingTheValidOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Platform.parse("android"));
        assertEquals("unknown platform 'android': the platforms are linux, macos, windows", refused.getMessage());
    }

    @Test
    void fileNamesEndWithPlatformAndExtension() {
        assertEquals("seattle-installer-0.1.0-linux.tar.gz", Platform.LINUX.fileName("seattle-installer-0.1.0"));
        assertEquals("s-windows.zip", Platform.WINDOWS.fileName("s"));
        assertEquals(Optional.of(Platform.MACOS), Platform.ofFileName("a-b-macos.tar.gz"));
        assertEquals(Optional.empty(), Platform.ofFileName("a-macos.zip"));
        assertEquals(Optional.of("seattle-installer-0.1.0-alice"),
                Platform.LINUX.baseNameOf("seattle-installer-0.1.0-alice-linux.tar.gz"));
        assertEquals(Optional.empty(), Platform.LINUX.baseNameOf("-linux.tar.gz"));
        assertEquals(Optional.empty(), Platform.WINDOWS.baseNameOf("x-linux.tar.gz"));
    }
}
