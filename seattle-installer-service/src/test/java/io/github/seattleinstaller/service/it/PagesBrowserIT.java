package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import io.github.seattleinstaller.service.testing.Browser;
import io.github.seattleinstaller.service.testing.QrImages;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in a real browser (headless Chromium driven by Selenium) against the packaged service as a process:
 * a split built through the builder form, its generated keys downloaded once as a zip, an installer downloaded and
 * verified, the installers page's sizes, digests and QR code checked against what was downloaded, the fastlane, a
 * refused form, and the whole flow again with scripts off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesBrowserIT {
    private static final String CONTEXT = "/custom_install";

    @TempDir
    static Path work;
    static ServiceProcess service;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start(work.resolve("data"), TestBases.shared(), CONTEXT, Map.of());
        browser = Browser.start(work.resolve("browser"), Browser.Scripts.ON);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop(), service.output());
        }
    }

    static Path key(String name) {
        return TestBases.exampleKeys().resolve(name);
    }

    @Test
    @Order(1)
    void buildsASplitThenOffersTheKeysOnceAndTheInstallers() throws Exception {
        browser.open(service.base() + "/");
        browser.find(By.id("user1.name")).sendKeys("alice");
        browser.find(By.id("user1.file")).sendKeys(key("alice.publickey").toString());
        click("addUser");
        assertEquals("alice", browser.find(By.id("user1.name")).getAttribute("value"), "the form keeps what was entered");
        assertTrue(browser.find(By.tagName("form")).getText().contains("uploaded: alice.publickey"),
                "the uploaded key is carried on");
        browser.find(By.id("user2.name")).sendKeys("bob123");
        click("addVessel");
        new Select(browser.find(By.id("vessel1.percent"))).selectByValue("50");
        new Select(browser.find(By.id("vessel2.percent"))).selectByValue("30");
        choose("vessel1.owner", "1");
        choose("vessel1.user", "2");
        choose("vessel2.owner", "2");
        assertEquals("80", browser.find(By.id("total")).getText(), "the running total (script)");
        browser.clickAndAwaitPage(browser.find(By.cssSelector("button.primary")));
        browser.awaitUrl(url -> url.endsWith("/keys/"));
        String buildId = browser.driver().getCurrentUrl().replaceAll(".*/([0-9a-f]{40})/keys/$", "$1");
        assertTrue(buildId.matches("[0-9a-f]{40}"), browser.driver().getCurrentUrl());

        WebElement proceed = browser.find(By.id("proceed"));
        assertFalse(proceed.isDisplayed(), "with scripts, 'proceed' waits for the download");
        browser.find(By.cssSelector("#private-keys button")).click();
        Path privateKeys = browser.awaitDownload("private_keys.zip");
        new WebDriverWait(browser.driver(), Browser.PATIENCE).until(unused -> proceed.isDisplayed());
        Map<String, String> zip = unzip(privateKeys);
        assertEquals(List.of("bob123.privatekey", "bob123.publickey"), List.copyOf(zip.keySet()));
        SeattlePrivateKey bobPrivate = SeattlePrivateKey.parse(zip.get("bob123.privatekey"));
        SeattlePublicKey bobPublic = SeattlePublicKey.parse(zip.get("bob123.publickey"));
        assertEquals(bobPublic, bobPrivate.publicKey(), "the zip's key pair belongs together");

        browser.find(By.linkText("Download public_keys.zip")).click();
        Map<String, String> publicKeys = unzip(browser.awaitDownload("public_keys.zip"));
        SeattlePublicKey alice = PublicKeyReader.readFile(key("alice.publickey"), "alice");
        assertEquals(Map.of("alice.publickey", alice.toText(), "bob123.publickey", bobPublic.toText()), publicKeys);

        browser.clickAndAwaitPage(browser.find(By.linkText("Proceed to the installers")));
        browser.awaitUrl(url -> url.endsWith("/" + buildId + "/"));
        assertTrue(browser.find(By.tagName("main")).getText().contains("private_keys.zip was downloaded"));
        Map<String, String[]> shown = installersShown();
        assertEquals(List.of("linux", "mac", "windows"), List.copyOf(shown.keySet()));

        browser.find(By.cssSelector("#installer-linux a.installer")).click();
        Path linux = browser.awaitDownload("seattle_linux.tgz");
        browser.find(By.cssSelector("#installer-linux a.signature")).click();
        browser.awaitDownload("seattle_linux.tgz.sig");
        byte[] bytes = Files.readAllBytes(linux);
        assertEquals(shown.get("linux")[0], String.valueOf(bytes.length), "the size shown is the download's");
        assertEquals(shown.get("linux")[1], sha256(bytes), "the SHA-256 shown is the download's");
        InstallerReport report = new InstallerVerifier().verify(linux, Optional.of(TestBases.operatorKey().fingerprint()));
        assertTrue(report.signatureFileChecked(), "the .sig beside it was checked");
        List<VesselSpec> vessels = VesselInfo.parse("vesselinfo", report.vesselinfo().orElseThrow()).vessels();
        assertEquals(List.of(new VesselSpec(50, alice, List.of(bobPublic)), new VesselSpec(30, bobPublic, List.of()),
                new VesselSpec(20, TestBases.operatorKey().seattlePublicKey(), List.of())), vessels,
                "the installer's vesselinfo names the uploaded and the generated keys, and the reserved vessel");
        assertEquals("sha256:" + TestBases.operatorKey().fingerprint().hex(),
                browser.find(By.id("operator-fingerprint")).getText());

        String share = service.base() + "/" + buildId + "/";
        browser.open(share + "?from=mail");
        assertEquals(share, browser.find(By.id("share")).getText(), "the share link has no query");
        assertEquals(share, QrImages.decodePng(browser.screenshot(browser.find(By.id("qr")))),
                "the QR code the browser drew holds the share link");
    }

    @Test
    @Order(2)
    void theFastlaneBuildsOneVesselForOneUploadedKey() throws Exception {
        browser.open(service.base() + "/fastlane/");
        browser.find(By.id("key")).sendKeys(key("bob.pub.pem").toString());
        browser.clickAndAwaitPage(browser.find(By.cssSelector("button.primary")));
        browser.awaitUrl(url -> url.matches(".*/[0-9a-f]{40}/\\?fastlane$"));
        SeattlePublicKey bob = PublicKeyReader.readFile(key("bob.pub.pem"), "bob");
        String page = browser.find(By.tagName("main")).getText();
        assertTrue(page.contains(bob.fingerprint().toString()), "the key and the installers on one page:\n" + page);
        browser.find(By.cssSelector("#installer-windows a.installer")).click();
        Path windows = browser.awaitDownload("seattle_win.zip");
        assertEquals(installersShown().get("windows")[1], sha256(Files.readAllBytes(windows)));
        InstallerReport report = new InstallerVerifier().verify(windows, Optional.of(TestBases.operatorKey().fingerprint()));
        assertEquals(List.of(new VesselSpec(80, bob, List.of()),
                new VesselSpec(20, TestBases.operatorKey().seattlePublicKey(), List.of())),
                VesselInfo.parse("vesselinfo", report.vesselinfo().orElseThrow()).vessels());
    }

    @Test
    @Order(3)
    void aRefusedFormShowsEachProblemAtItsFieldAndKeepsWhatWasEntered() {
        browser.open(service.base() + "/");
        browser.find(By.id("user1.name")).sendKeys("ab");
        new Select(browser.find(By.id("vessel1.percent"))).selectByValue("70");
        browser.clickAndAwaitPage(browser.find(By.cssSelector("button.primary")));
        WebElement name = browser.find(By.id("user1.name"));
        assertEquals("ab", name.getAttribute("value"));
        assertEquals("true", name.getAttribute("aria-invalid"));
        WebElement cell = name.findElement(By.xpath("./ancestor::td"));
        assertEquals("User 1's name: Username must be at least 3 characters long.",
                cell.findElement(By.className("error")).getText(), "the API's rule, next to the field it concerns");
        assertEquals("70", new Select(browser.find(By.id("vessel1.percent"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertTrue(browser.find(By.id("errors")).getText()
                .contains("Vessels: Vessel resources must total 80% exactly. Current vessels total 70%."));
    }

    @Test
    @Order(4)
    void everyStepWorksWithScriptsOff() throws Exception {
        try (Browser plain = Browser.start(work.resolve("no-scripts"), Browser.Scripts.OFF)) {
            plain.open(service.base() + "/");
            plain.find(By.id("user1.name")).sendKeys("carol1");
            click(plain, "addVessel");
            assertEquals("90", plain.find(By.id("total")).getText(), "the total as the server added it up: 80 + 10");
            new Select(plain.find(By.id("vessel1.percent"))).selectByValue("40");
            new Select(plain.find(By.id("vessel2.percent"))).selectByValue("40");
            plain.find(By.cssSelector("input[name='vessel2.owner'][value='1']")).click();
            assertEquals("90", plain.find(By.id("total")).getText(), "no script adds it up again");
            plain.clickAndAwaitPage(plain.find(By.cssSelector("button.primary")));
            plain.awaitUrl(url -> url.endsWith("/keys/"));
            assertTrue(plain.find(By.id("proceed")).isDisplayed(), "without scripts, 'proceed' is there at once");
            plain.find(By.cssSelector("#private-keys button")).click();
            Map<String, String> zip = unzip(plain.awaitDownload("private_keys.zip"));
            assertEquals(List.of("carol1.privatekey", "carol1.publickey"), List.copyOf(zip.keySet()));
            plain.driver().navigate().refresh();
            assertTrue(plain.find(By.tagName("main")).getText().contains("private_keys.zip was downloaded"),
                    "the keys are offered once");
            plain.clickAndAwaitPage(plain.find(By.linkText("Proceed to the installers")));
            plain.awaitUrl(url -> url.matches(".*/[0-9a-f]{40}/$"));
            plain.find(By.cssSelector("#installer-mac a.installer")).click();
            Path mac = plain.awaitDownload("seattle_mac.tgz");
            InstallerReport report = new InstallerVerifier().verify(mac, Optional.of(TestBases.operatorKey().fingerprint()));
            SeattlePublicKey carol = SeattlePublicKey.parse(zip.get("carol1.publickey"));
            assertEquals(List.of(new VesselSpec(40, carol, List.of()), new VesselSpec(40, carol, List.of()),
                    new VesselSpec(20, TestBases.operatorKey().seattlePublicKey(), List.of())),
                    VesselInfo.parse("vesselinfo", report.vesselinfo().orElseThrow()).vessels());
        }
    }

    /** Per platform, the size in bytes and the SHA-256 the installers page shows. */
    private static Map<String, String[]> installersShown() {
        Map<String, String[]> shown = new LinkedHashMap<>();
        for (WebElement row : browser.findAll(By.cssSelector("#installers tr[id^='installer-']"))) {
            String platform = row.getAttribute("id").substring("installer-".length());
            shown.put(platform, new String[] {row.findElement(By.cssSelector("td[data-bytes]")).getAttribute("data-bytes"),
                    row.findElement(By.cssSelector(".sha256")).getText()});
        }
        return shown;
    }

    private static void click(String action) {
        click(browser, action);
    }

    private static void click(Browser on, String action) {
        on.clickAndAwaitPage(on.find(By.cssSelector("button[name='action'][value='" + action + "']:not(.off-screen)")));
    }

    private static void choose(String name, String value) {
        browser.find(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).click();
    }

    static Map<String, String> unzip(Path zip) throws IOException {
        return Zips.textEntries(Files.readAllBytes(zip));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
