package io.github.seattleinstaller.service.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for the pages' tests: Debian's headless Chromium driven by Selenium through Debian's ChromeDriver,
 * with a fresh profile and its own download directory, started the way these machines need (no sandbox as root, no
 * GPU, no background traffic to anywhere).
 *
 * <pre>
 * try (Browser browser = Browser.start(workDirectory, Browser.Scripts.ON)) {
 *     browser.open(service.base() + "/");
 *     browser.driver().findElement(By.id("user1.name")).sendKeys("alice");
 *     browser.driver().findElement(By.cssSelector("button.primary")).click();
 *     Path zip = browser.awaitDownload("private_keys.zip");
 * }</pre>
 *
 * {@link #start} first runs {@code src/test/browser/ensure-chromium.sh} (once per test JVM), which installs
 * Chromium and ChromeDriver on a fresh Debian machine when run as root, and otherwise fails saying what to install.
 * {@code SEATTLE_CHROMIUM} and {@code SEATTLE_CHROMEDRIVER} name other locations of both.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SEATTLE_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("SEATTLE_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    /** How long a page, an element or a download is waited for. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Whether the browser runs the pages' scripts. */
    public enum Scripts {
        ON, OFF
    }

    private static boolean installed;

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** The script that installs Chromium and ChromeDriver when they are missing. */
    public static Path ensureScript() {
        return TestBases.repositoryRoot().resolve("seattle-installer-service/src/test/browser/ensure-chromium.sh");
    }

    /** Runs {@link #ensureScript()} once per JVM; fails with its explanation when the browser cannot be had. */
    public static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        Process process = new ProcessBuilder("sh", ensureScript().toString()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ensure-chromium.sh did not finish within 10 minutes:\n" + output);
        }
        if (!output.isBlank()) {
            System.out.println(output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("The browser test cannot run:\n" + output);
        }
        installed = true;
    }

    /**
     * Starts a headless Chromium with a fresh profile under {@code workDirectory}, downloading into
     * {@code workDirectory/downloads} without asking.
     */
    public static Browser start(Path workDirectory, Scripts scripts) throws IOException, InterruptedException {
        ensureInstalled();
        Path profile = Files.createTempDirectory(Files.createDirectories(workDirectory), "chromium-profile");
        Path downloads = Files.createDirectories(workDirectory.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("download.directory_upgrade", true);
        prefs.put("safebrowsing.enabled", false);
        if (scripts == Scripts.OFF) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
        return new Browser(driver, profile, downloads);
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /**
     * Clicks an element that leads to another page (a link, a form's button) and waits until that page has replaced
     * this one and is completely loaded, so that what is found next is on the new page.
     */
    public void clickAndAwaitPage(WebElement element) {
        WebElement old = driver.findElement(By.tagName("html"));
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        wait.until(unused -> isGone(old));
        // Then the whole new page, so that what is found next is in the page that stays.
        wait.until(unused -> "complete".equals(((JavascriptExecutor) driver)
                .executeScript("return document.readyState")));
    }

    /**
     * Whether the element is no longer in the page. Chromium answers for an element of a page it has just replaced
     * either "stale element" or, while the new page is coming in, "Node with given id does not belong to the
     * document": both mean gone (Selenium's {@code stalenessOf} knows only the first and fails on the second).
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Waits up to {@code patience} until {@code condition} holds (not null, not false) and returns its value. Failures
     * of the browser meanwhile are waited out (a page that reloads itself, as a job's page without scripts does, may
     * replace an element between finding and reading it); the last one is the cause of the timeout, if it comes.
     */
    public <T> T await(Duration patience, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.WebDriverException.class).until(condition);
    }

    /** The text of the first element the CSS selector finds. */
    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Waits until the page's address satisfies the condition, for navigations after a click. */
    public void awaitUrl(java.util.function.Predicate<String> condition) {
        new WebDriverWait(driver, PATIENCE).until(unused -> condition.test(driver.getCurrentUrl()));
    }

    /**
     * Waits until {@code fileName} is completely downloaded (Chromium writes {@code .crdownload} first) and returns
     * it; a name downloaded twice gets a suffix from Chromium, so delete a download before fetching it again.
     */
    public Path awaitDownload(String fileName) throws IOException, InterruptedException {
        Path file = downloads.resolve(fileName);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && !hasPartialDownloads()) {
                return file;
            }
            Thread.sleep(50);
        }
        try (var listing = Files.list(downloads)) {
            throw new AssertionError(fileName + " was not downloaded within " + PATIENCE + "; the download directory"
                    + " holds " + listing.map(path -> path.getFileName().toString()).toList());
        }
    }

    private boolean hasPartialDownloads() throws IOException {
        try (var listing = Files.list(downloads)) {
            return listing.anyMatch(path -> path.getFileName().toString().endsWith(".crdownload"));
        }
    }

    /** The element as the browser drew it, as PNG. */
    public byte[] screenshot(WebElement element) {
        return element.getScreenshotAs(OutputType.BYTES);
    }

    /** The whole window as the browser drew it, as PNG (to look at a page while writing a test). */
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            TestBases.deleteRecursively(profile);
        }
    }
}
