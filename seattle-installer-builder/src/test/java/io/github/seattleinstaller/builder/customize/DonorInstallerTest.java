package io.github.seattleinstaller.builder.customize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The streaming customization a server sends downloads from, against the files {@link InstallerCustomizer} writes. */
class DonorInstallerTest {
    private static final VesselInfo BOB = InstallerCustomizerTest.vesselInfo(
            "Percent 80\nOwner 3 33\nUser 5 55\nPercent 20\nOwner 7 77\n");

    @TempDir
    static Path shared;
    private static Map<Platform, Path> bases;
    private static BaseSet baseSet;

    @TempDir
    Path temp;

    @BeforeAll
    static void open() throws Exception {
        bases = TestInstallers.buildBases(shared, shared.resolve("bases"));
        List<CustomizeRequest.Base> list = new ArrayList<>();
        bases.forEach((platform, file) -> list.add(new CustomizeRequest.Base(platform, file)));
        baseSet = BaseSet.open(list, TestKeys.operatorKey(), Optional.empty(), ProgressLog.NONE);
    }

    @AfterAll
    static void close() throws Exception {
        baseSet.close();
    }

    private static byte[] bytesOf(DonorInstaller installer, long offset, long length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WritableByteChannel channel = Channels.newChannel(out)) {
            installer.writeTo(channel, offset, length);
        }
        return out.toByteArray();
    }

    @Test
    void aStreamedInstallerIsByteForByteWhatTheCustomizeGoalWritesWithItsSizeDigestAndSignature() throws Exception {
        Path output = temp.resolve("out");
        CustomizeRequest.Builder request = CustomizeRequest.builder().outputDirectory(output)
                .operatorKey(TestKeys.operatorKey()).outputTimestamp(TestInstallers.TIMESTAMP)
                .donor(new DonorName("bob"), BOB);
        bases.forEach(request::base);
        List<CustomizedInstaller> written = new InstallerCustomizer(ProgressLog.NONE).customize(request.build());
        SignedVesselInfo signed = SignedVesselInfo.sign(BOB, TestKeys.operatorKey());
        for (CustomizedInstaller file : written) {
            DonorInstaller streamed = baseSet.customize(file.platform(), signed, TestInstallers.TIMESTAMP);
            byte[] expected = Files.readAllBytes(file.files().archive());
            assertArrayEquals(expected, bytesOf(streamed, 0, streamed.size()), file.classifier());
            assertEquals(expected.length, streamed.size());
            assertEquals(HexFormat.of().formatHex(io.github.seattleinstaller.runtime.filelist.FileDigest
                    .sha256Of(expected)), streamed.sha256Hex());
            assertArrayEquals(Files.readAllBytes(file.files().signatureFile()), streamed.signature());
            assertEquals(streamed.prefixLength() + streamed.suffix().remaining(), streamed.size());
        }
    }

    @Test
    void anyByteRangeIsTheSameSliceOfTheWholeInstaller() throws Exception {
        SignedVesselInfo signed = SignedVesselInfo.sign(BOB, TestKeys.operatorKey());
        Random random = new Random(42);
        for (Platform platform : baseSet.platforms()) {
            DonorInstaller installer = baseSet.customize(platform, signed, TestInstallers.TIMESTAMP);
            byte[] whole = bytesOf(installer, 0, installer.size());
            long boundary = installer.prefixLength();
            List<long[]> ranges = new ArrayList<>(List.of(new long[] {0, 0}, new long[] {0, 1},
                    new long[] {boundary - 1, 2}, new long[] {boundary, installer.size() - boundary},
                    new long[] {installer.size() - 1, 1}, new long[] {installer.size(), 0}));
            for (int round = 0; round < 20; round++) {
                long offset = (long) (random.nextDouble() * installer.size());
                ranges.add(new long[] {offset, (long) (random.nextDouble() * (installer.size() - offset))});
            }
            for (long[] range : ranges) {
                assertArrayEquals(Arrays.copyOfRange(whole, (int) range[0], (int) (range[0] + range[1])),
                        bytesOf(installer, range[0], range[1]), platform + " " + Arrays.toString(range));
            }
            assertThrows(IndexOutOfBoundsException.class, () -> bytesOf(installer, installer.size(), 1));
            assertThrows(IndexOutOfBoundsException.class, () -> bytesOf(installer, -1, 1));
        }
    }

    @Test
    void manyThreadsStreamFromOneBaseSetAtOnce() throws Exception {
        SignedVesselInfo signed = SignedVesselInfo.sign(BOB, TestKeys.operatorKey());
        DonorInstaller installer = baseSet.customize(Platform.LINUX, signed, TestInstallers.TIMESTAMP);
        byte[] whole = bytesOf(installer, 0, installer.size());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> downloads = new ArrayList<>();
            for (int index = 0; index < 16; index++) {
                downloads.add(pool.submit(() -> bytesOf(installer, 0, installer.size())));
            }
            for (Future<byte[]> download : downloads) {
                assertArrayEquals(whole, download.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theVesselinfoSignatureIsTheOperatorsAndAnotherSignerIsRefused() {
        SignedVesselInfo signed = SignedVesselInfo.sign(BOB, TestKeys.operatorKey());
        assertTrue(Sha256WithRsa.verifies(signed.text(), signed.signature(), TestKeys.operator().getPublic()));
        assertEquals(signed, SignedVesselInfo.restore(BOB, signed.signature(), TestKeys.operator().getPublic()));
        assertThrows(IllegalArgumentException.class,
                () -> SignedVesselInfo.restore(BOB, signed.signature(), TestKeys.other().getPublic()));
        SignedVesselInfo byOther = SignedVesselInfo.sign(BOB, TestKeys.otherKey());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> baseSet.customize(Platform.LINUX, byOther, TestInstallers.TIMESTAMP));
        assertTrue(refused.getMessage().contains("not by the bases' operator key"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> baseSet.customize(Platform.LINUX, signed, Instant.parse("1979-12-31T23:59:59Z")));
    }

    @Test
    void aBaseSetIsNamedByItsFilesAndKnowsOnlyItsPlatforms() throws Exception {
        try (BaseSet linuxOnly = BaseSet.open(List.of(new CustomizeRequest.Base(Platform.LINUX, bases.get(Platform.LINUX))),
                TestKeys.operatorKey(), Optional.empty(), ProgressLog.NONE)) {
            assertEquals(List.of(Platform.LINUX), linuxOnly.platforms());
            assertNotEquals(baseSet.id(), linuxOnly.id());
            assertEquals(64, linuxOnly.id().length());
            assertThrows(NoSuchElementException.class, () -> linuxOnly.base(Platform.WINDOWS));
            assertEquals(Files.size(bases.get(Platform.LINUX)), linuxOnly.base(Platform.LINUX).size());
            assertEquals("seattle-installer-0.1.0-bob-linux.tar.gz",
                    linuxOnly.base(Platform.LINUX).outputFileName(new DonorName("bob")));
        }
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> BaseSet.open(List.of(),
                TestKeys.operatorKey(), Optional.empty(), ProgressLog.NONE));
        assertTrue(refused.getMessage().contains("at least one base installer"), refused.getMessage());
    }
}
