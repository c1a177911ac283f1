package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.builder.keys.DonorKeyGenerator;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.http.Pages;
import io.github.seattleinstaller.service.testing.QrImages;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page templates with their models: what each shows, escaped, and forms that work without scripts. */
class PageTemplatesTest {
    private static final Pages PAGES = new Pages();
    private static final BuilderPage.ReservedVessel RESERVED = new BuilderPage.ReservedVessel(20, "sha256:" + "ab".repeat(32),
            true);
    private static final String HOSTILE = "<script>alert('x')</script>\"&";

    private static Document builder(BuilderForm form, FieldErrors errors) {
        String html = PAGES.render("builder.jte", new BuilderPage("http://h/custom_install/", form, errors, RESERVED,
                false, 2048));
        assertFalse(html.contains("<script>alert"), "what the user typed is escaped");
        return Jsoup.parse(html);
    }

    @Test
    void theBuilderFormPostsWithoutScriptsAndKeepsWhatWasEntered() {
        SeattlePublicKey key = new DonorKeyGenerator(1024).generate().publicKey();
        BuilderForm form = new BuilderForm(List.of(
                new BuilderForm.UserRow(HOSTILE, BuilderForm.KeySource.UPLOAD,
                        Optional.of(new BuilderForm.GivenKey("alice<1>.pem", key))),
                new BuilderForm.UserRow("bob123", BuilderForm.KeySource.GENERATE, Optional.empty())),
                List.of(new BuilderForm.VesselColumn("50", "1", List.of("2")), new BuilderForm.VesselColumn("30", "2", List.of())));
        Document page = builder(form, new FieldErrors());
        Element formElement = page.getElementById("builder");
        assertEquals("post", formElement.attr("method"));
        assertEquals("multipart/form-data", formElement.attr("enctype"));
        assertEquals("http://h/custom_install/", formElement.attr("action"));
        assertEquals(HOSTILE, page.getElementById("user1.name").val());
        assertEquals(key.toText(), page.selectFirst("input[name=user1.carried]").val(), "the uploaded key rides along");
        assertEquals("alice<1>.pem", page.selectFirst("input[name=user1.carriedName]").val());
        assertTrue(page.selectFirst("input[name=user1.key][value=upload]").hasAttr("checked"));
        assertTrue(page.selectFirst("input[name=user2.key][value=generate]").hasAttr("checked"));
        assertEquals("50", page.selectFirst("select[name=vessel1.percent] option[selected]").val());
        assertTrue(page.selectFirst("input[name=vessel1.owner][value=1]").hasAttr("checked"));
        assertFalse(page.selectFirst("input[name=vessel1.owner][value=2]").hasAttr("checked"));
        assertTrue(page.selectFirst("input[name=vessel1.user][value=2]").hasAttr("checked"));
        assertEquals(List.of("10", "20", "30", "40", "50", "60", "70", "80"),
                page.select("select[name=vessel2.percent] option").eachAttr("value"));
        assertEquals("80", page.getElementById("total").text());
        assertTrue(page.text().contains(RESERVED.fingerprint()), "the reserved vessel and its key are shown");
        Element firstButton = formElement.selectFirst("button[type=submit]");
        assertEquals("build", firstButton.val(), "Enter in a field builds, as the first submit button does");
        assertNull(page.getElementById("errors"));
    }

    @Test
    void eachErrorStandsNextToItsFieldAndInTheSummary() {
        FieldErrors errors = new FieldErrors();
        errors.add("user1.name", "User 1's name: Username must be at least 3 characters long.");
        errors.add("vessel1.owner", "Vessel 1's owner: All vessels must have a specified owner.");
        errors.add("vessels", "Vessels: Vessel resources must total 80% exactly. Current vessels total 70%.");
        BuilderForm form = new BuilderForm(List.of(new BuilderForm.UserRow("ab", BuilderForm.KeySource.GENERATE,
                Optional.empty())), List.of(new BuilderForm.VesselColumn("70", "", List.of())));
        Document page = builder(form, errors);
        Element name = page.getElementById("user1.name");
        assertEquals("true", name.attr("aria-invalid"));
        assertEquals("User 1's name: Username must be at least 3 characters long.",
                name.parent().selectFirst(".error").text());
        assertEquals(List.of("#user1.name", "#vessel1.owner", "#vessels"),
                page.select("#errors a").eachAttr("href"), "the summary links to each field");
        assertTrue(page.getElementById("vessel1.owner").parent().text().contains("All vessels must have a specified owner."));
        assertFalse(page.getElementById("user1.file").hasAttr("aria-invalid"));
    }

    @Test
    void aFullSplitOffersNoMoreVessels() {
        BuilderForm form = BuilderForm.initial();
        for (int i = 1; i < BuilderForm.MAX_VESSELS; i++) {
            form = form.withVessel();
        }
        Document page = builder(form, new FieldErrors());
        assertNull(page.selectFirst("button[value=addVessel]"));
        assertEquals(BuilderForm.MAX_VESSELS, page.select("button[value^=removeVessel]").size());
        assertNull(builder(BuilderForm.initial(), new FieldErrors()).selectFirst("button[value^=removeVessel]"),
                "the only vessel stays");
    }

    @Test
    void theKeysAreOfferedByAFormThatWorksWithoutScripts() {
        KeysPage waiting = new KeysPage("ab".repeat(20), KeysPage.State.WAITING, List.of("bob123", "carol1"),
                List.of("alice", "bob123", "carol1"), Instant.parse("2026-12-01T10:15:00Z"), "http://h/k/private_keys.zip",
                "http://h/k/public_keys.zip", "http://h/i/");
        Document page = Jsoup.parse(PAGES.render("keys.jte", waiting));
        Element download = page.getElementById("private-keys");
        assertEquals("post", download.attr("method"));
        assertEquals("http://h/k/private_keys.zip", download.attr("action"));
        assertTrue(page.text().contains("bob123 and carol1"), page.text());
        assertTrue(page.text().contains("10:15 UTC (15 minutes after the build)"), page.text());
        assertEquals("http://h/i/", page.selectFirst("#proceed a").attr("href"), "'proceed' is in the page itself");

        KeysPage downloaded = new KeysPage(waiting.buildId(), KeysPage.State.DOWNLOADED, List.of(), waiting.users(),
                waiting.expires(), waiting.privateKeysUrl(), waiting.publicKeysUrl(), waiting.installersUrl());
        Document after = Jsoup.parse(PAGES.render("keys.jte", downloaded));
        assertNull(after.getElementById("private-keys"));
        assertTrue(after.text().contains("private_keys.zip was downloaded"));
        assertEquals("http://h/k/public_keys.zip", after.selectFirst("a[download]").attr("href"));
        assertTrue(after.select("script").isEmpty(), "nothing to wait for");
    }

    @Test
    void theInstallersPageShowsEachDownloadTheChecksAndTheShareLink() {
        String share = "http://h/custom_install/" + "ab".repeat(20) + "/";
        InstallersPage model = new InstallersPage("ab".repeat(20), List.of(new InstallersPage.Installer("linux", "Linux",
                "seattle_linux.tgz", share + "installers/linux/", 4_886_218, "f5".repeat(32),
                share + "installers/linux/seattle_linux.tgz.sha256", share + "installers/linux/seattle_linux.tgz.sig",
                "sha256sum -c seattle_linux.tgz.sha256")),
                List.of(new InstallersPage.Vessel(1, 80, new InstallersPage.KeyLabel(Optional.of(HOSTILE), "sha256:1"),
                        List.of(), false), new InstallersPage.Vessel(2, 20, new InstallersPage.KeyLabel(Optional.empty(),
                        "sha256:2"), List.of(), true)),
                "cd".repeat(32), "http://h/custom_install/operator.pub.pem", share, QrCode.of(share), Optional.empty(), false);
        String html = PAGES.render("installers.jte", model);
        assertFalse(html.contains("<script>alert"));
        Document page = Jsoup.parse(html);
        Element row = page.getElementById("installer-linux");
        assertEquals(share + "installers/linux/", row.selectFirst("a.installer").attr("href"));
        assertEquals("4886218", row.selectFirst("td[data-bytes]").attr("data-bytes"));
        assertTrue(row.text().contains("4.9 MB"));
        assertEquals("f5".repeat(32), row.selectFirst(".sha256").text());
        assertEquals(share + "installers/linux/seattle_linux.tgz.sig", row.selectFirst("a.signature").attr("href"));
        assertEquals("sha256:" + "cd".repeat(32), page.getElementById("operator-fingerprint").text());
        String text = page.text();
        assertTrue(text.contains("openssl dgst -sha256 -verify operator.pub.pem -signature seattle_linux.tgz.sig seattle_linux.tgz"));
        assertTrue(text.contains("openssl pkey -pubin -in operator.pub.pem -outform DER | sha256sum"));
        assertTrue(text.contains("sha256sum -c seattle_linux.tgz.sha256"));
        assertTrue(text.contains(HOSTILE) && text.contains("2 (reserved)"));
        assertEquals(share, page.getElementById("share").attr("href"));
        Element svg = page.getElementById("qr");
        assertNotNull(svg);
        int size = Integer.parseInt(svg.attr("viewBox").split(" ")[2]);
        assertEquals(share, QrImages.decode(QrImages.render(svg.selectFirst("path").attr("d"), size, 4)),
                "the served SVG path holds the share link");
    }

    @Test
    void theFastlaneTakesOneKeyFile() {
        FieldErrors errors = new FieldErrors();
        errors.add(FastlanePage.KEY_FIELD, "Your public key: choose your public key file (Seattle key text 'e n' or PEM).");
        Document page = Jsoup.parse(PAGES.render("fastlane.jte", new FastlanePage("http://h/custom_install/fastlane/",
                errors, RESERVED, true, 80)));
        Element form = page.selectFirst("form");
        assertEquals("multipart/form-data", form.attr("enctype"));
        assertEquals("http://h/custom_install/fastlane/", form.attr("action"));
        assertEquals("file", page.getElementById("key").attr("type"));
        assertTrue(page.getElementById("key").parent().nextElementSibling().text().startsWith("Your public key: choose"));
        assertTrue(page.text().contains("needs this service's token"));
    }

    @Test
    void messagesAreEscapedToo() {
        String html = PAGES.render("message.jte", new MessagePage("Gone", HOSTILE, "http://h/", "Back"));
        assertFalse(html.contains("<script>alert"));
        assertEquals(HOSTILE, Jsoup.parse(html).selectFirst("main p").text());
    }
}
