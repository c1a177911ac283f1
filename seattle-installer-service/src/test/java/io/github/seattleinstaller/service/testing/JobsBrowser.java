package io.github.seattleinstaller.service.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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
import java.util.function.Function;

/**
 * A minimal headless browser for the jobs' pages: Debian's Chromium driven by Selenium through Debian's ChromeDriver,
 * with a fresh profile, started as these machines need (no sandbox as root, no GPU, no background traffic). On a
 * machine without them it installs Debian's {@code chromium} and {@code chromium-driver} when run as root. To be
 * folded into the pages' browser helper once both are on one branch.
 */
public final class JobsBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;

    private JobsBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium, running the pages' scripts or not. */
    public static JobsBrowser start(Path work, boolean scripts) throws IOException, InterruptedException {
        ensureInstalled();
        Path profile = Files.createTempDirectory(Files.createDirectories(work), "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
        if (!scripts) {
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("profile.managed_default_content_settings.javascript", 2);
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
        return new JobsBrowser(driver);
    }

    private static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("The browser test needs Debian's chromium and chromium-driver:"
                    + " apt-get install chromium chromium-driver");
        }
        for (List<String> command : List.of(List.of("apt-get", "update"),
                List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"))) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Waits until {@code condition} holds (not null, not false; elements missing or replaced meanwhile are waited for). */
    public <T> T await(Function<WebDriver, T> condition) {
        // A page that reloads itself (no scripts) may replace an element between finding and reading it: such
        // failures are waited out; the last one is the cause of the timeout, if it comes to that.
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.WebDriverException.class).until(condition);
    }

    /** Waits for the browser to land on a job's page (after a form was sent) and returns its URL. */
    public String awaitJobPage() {
        return await(driver -> driver.getCurrentUrl().matches(".*/jobs/[0-9a-f]{40}/(\\?.*)?")
                && !driver.findElements(By.id("state")).isEmpty() ? driver.getCurrentUrl().replaceAll("\\?.*", "") : null);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
