package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.Browser;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jobs' pages in headless Chromium against the packaged service: a job submitted through the form (a donor table
 * file uploaded, a template picked) is followed live on its page (server-sent events, no reload) until it is done,
 * its log read and its manifest fetched; a table with bad rows comes back with every problem; another job is watched
 * without JavaScript (the page reloads itself) and cancelled from its page, which the scripted page follows; the queue
 * shows both with their progress and filters by state; the cancelled job is deleted from its page.
 */
class JobsBrowserIT {
    /** Jobs take their time on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path work;

    /** Waits for the browser to land on a job's page (after a form was sent) and returns its URL. */
    private static String jobPage(Browser browser) {
        return browser.await(PATIENCE, driver -> driver.getCurrentUrl().matches(".*/jobs/[0-9a-f]{40}/(\\?.*)?")
                && !driver.findElements(By.id("state")).isEmpty() ? driver.getCurrentUrl().replaceAll("\\?.*", "") : null);
    }

    @Test
    void submitFollowCancelAndQueue() throws Exception {
        DonorTables tables = new DonorTables();
        String accept = tables.key().toText();
        Path acceptFile = Files.writeString(work.resolve("acceptdonations.publickey"), accept);
        try (ServiceProcess service = ServiceProcess.startRaw(work.resolve("data"), "/", Map.of(), List.of(
                "--bases", TestBases.shared2048().toString(),
                "--operator-key", TestBases.operatorKey2048File().toString(),
                "--acceptdonations-key", acceptFile.toString(), "--rate-limit", "0"));
             Browser browser = Browser.start(work, Browser.Scripts.ON)) {
            // Bad rows: every problem on the form, nothing queued.
            Path bad = Files.writeString(work.resolve("bad.csv"), "name,donor\n-alice," + tables.key().toText()
                    + "\nbob,65537\n");
            browser.open(service.base() + "/jobs/new");
            browser.find(By.cssSelector("#table")).sendKeys(bad.toString());
            browser.clickAndAwaitPage(browser.find(By.cssSelector("#submit")));
            List<String> problems = browser.findAll(By.cssSelector("li.problem")).stream().map(WebElement::getText).toList();
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("bad.csv line 2: row 2, column 'name': found '-alice'"), problems.get(0));
            assertTrue(problems.get(1).startsWith("bad.csv line 3: row 3, column 'donor':"), problems.get(1));

            // A job through the form, followed live to its end.
            Path table = Files.writeString(work.resolve("lab.csv"), DonorTables.csv(tables.donors(1500)));
            browser.open(service.base() + "/jobs/new");
            new Select(browser.find(By.cssSelector("#template"))).selectByValue("clearinghouse");
            browser.find(By.cssSelector("#table")).sendKeys(table.toString());
            browser.find(By.cssSelector("#submit")).click();
            String page = jobPage(browser);
            assertTrue(page.matches(".*/jobs/[0-9a-f]{40}/"), page);
            String id = page.replaceAll(".*/jobs/([0-9a-f]{40})/", "$1");
            ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true;");
            int linesAtStart = browser.findAll(By.cssSelector("#log .line")).size();
            // The log grows while the page stays (no reload): the live log at work.
            browser.await(PATIENCE, driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                    "return window.notReloaded === true && document.querySelectorAll('#log .line').length > "
                            + (linesAtStart + 5) + ";")));
            browser.await(PATIENCE, driver -> browser.text("#state").equals("done"));
            assertTrue(browser.text("#progress").startsWith("1500 of 1500 built"), browser.text("#progress"));
            String log = browser.text("#log");
            assertTrue(log.contains("Started on instance"), log);
            assertTrue(log.contains("donor donor01500: built "), log.substring(Math.max(0, log.length() - 500)));
            assertTrue(log.contains("Done: 1500 donors built"), log.substring(Math.max(0, log.length() - 500)));
            String csvUrl = browser.find(By.cssSelector("#manifest-csv")).getAttribute("href");
            JobsClient client = new JobsClient(service.base(), Optional.empty());
            List<String> manifest = new String(client.download(csvUrl), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
            assertEquals(1501, manifest.size());
            assertTrue(manifest.get(1).startsWith("donor00001,"), manifest.get(1));
            assertTrue(browser.findAll(By.cssSelector("#cancel")).isEmpty(), "nothing to cancel once done");

            // Another job, watched without scripts (the page reloads itself) and cancelled from its page (a form).
            Path large = Files.writeString(work.resolve("large.csv"), DonorTables.csv(tables.donors(20000)));
            try (Browser plain = Browser.start(work.resolve("plain"), Browser.Scripts.OFF)) {
                browser.open(service.base() + "/jobs/new");
                browser.find(By.cssSelector("#table")).sendKeys(large.toString());
                browser.find(By.cssSelector("#submit")).click();
                plain.open(jobPage(browser));
                assertTrue(plain.findAll(By.cssSelector("#live")).size() == 1, "the page says how it follows the job");
                plain.await(PATIENCE, driver -> plain.text("#state").equals("running")
                        && !plain.text("#progress").startsWith("0 of"));
                String before = plain.text("#progress");
                plain.await(PATIENCE, driver -> !plain.text("#progress").equals(before));
                plain.await(PATIENCE, driver -> {
                    driver.findElement(By.id("cancel")).click();
                    return true;
                });
                plain.await(PATIENCE, driver -> driver.findElement(By.id("notice")).getText().contains("Cancel"));
                plain.await(PATIENCE, driver -> plain.text("#state").equals("cancelled"));
            }
            // The scripted page saw the end through its live log and shows the cancelled job.
            browser.await(PATIENCE, driver -> browser.text("#state").equals("cancelled"));
            String second = browser.driver().getCurrentUrl().replaceAll("\\?.*", "");
            assertTrue(browser.text("#log").contains("Cancel requested: the job stops before its next donor"),
                    browser.text("#log"));
            assertTrue(browser.text("#log").contains("Cancelled after "), browser.text("#log"));
            assertTrue(browser.findAll(By.cssSelector("#retry")).size() == 1
                    && browser.findAll(By.cssSelector("#delete")).size() == 1);

            // The queue: newest first, a progress bar each, filtered by state.
            browser.open(service.base() + "/jobs/");
            List<WebElement> rows = browser.findAll(By.cssSelector("tr.job"));
            assertEquals(2, rows.size());
            assertEquals("cancelled", rows.get(0).getAttribute("data-state"));
            assertEquals(id, rows.get(1).getAttribute("data-id"));
            assertEquals("1500", rows.get(1).findElement(By.tagName("progress")).getAttribute("value"));
            browser.clickAndAwaitPage(browser.find(By.cssSelector("a[href$='state=done']")));
            rows = browser.findAll(By.cssSelector("tr.job"));
            assertEquals(1, rows.size());
            assertEquals(id, rows.get(0).getAttribute("data-id"));

            // Delete the cancelled job from its page.
            browser.open(second);
            browser.clickAndAwaitPage(browser.find(By.cssSelector("#delete")));
            assertTrue(browser.text("#notice").contains("deleted"), browser.text("#notice"));
            assertEquals(404, client.get("/api/jobs/" + second.replaceAll(".*/jobs/([0-9a-f]{40})/", "$1")).status());
        }
    }
}
