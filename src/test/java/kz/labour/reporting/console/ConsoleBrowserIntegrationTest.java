package kz.labour.reporting.console;

import static kz.labour.reporting.console.ConsoleService.APP;
import static kz.labour.reporting.console.ConsoleService.MONITOR;
import static kz.labour.reporting.console.ConsoleService.MONITOR_PASSWORD;
import static kz.labour.reporting.console.ConsoleService.OPERATOR;
import static kz.labour.reporting.console.ConsoleService.OPERATOR_PASSWORD;
import static kz.labour.reporting.console.ConsoleService.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.support.Instance;

/**
 * The console as an operator uses it: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), driven by Selenium through the running service. Without Chromium the
 * test is skipped with a message, except on CI ({@code CI=true}), where it fails: .ci/run installs
 * Chromium first. The routes page is saved as target/console-routes.png, and also as
 * docs/console-routes.png (the operators' guide shows it) with {@code -Dconsole.screenshot.docs=true}.
 */
class ConsoleBrowserIntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Hawtio's first page loads a few megabytes of script; a loaded CI machine takes its time. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path outbox;

    static Instance service;
    static String base;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void startTheServiceWithADeliveredForm() {
        if (!chromiumInstalled()) {
            return; // each test says why it is skipped (or, on CI, the class fails here)
        }
        service = ConsoleService.start(outbox, Map.of());
        base = "http://127.0.0.1:" + service.port();
        // delivered by the operator through Jolokia, as a script would: the ledger's answer to look up
        String delivered = new ConsoleService.Client(service.port())
                .jolokia(OPERATOR, OPERATOR_PASSWORD, exec(APP, "transmit", "2025-06", "2-OZh", false)).path("value").asText();
        assertThat(delivered).contains("DELIVERED");
    }

    static final String MISSING = "Chromium is not installed (" + CHROMIUM + " and " + CHROMEDRIVER
            + ": Debian's chromium and chromium-driver, which .ci/run installs)";

    /** Whether the browser is there; on CI its absence is a failure, never a skip. */
    static boolean chromiumInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(MISSING + "; on CI the browser test must run, not be skipped");
        }
        return installed;
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void openABrowser() {
        Assumptions.assumeTrue(chromiumInstalled(), MISSING + "; the browser test is skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1280",
                "--lang=en-US");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anonymousIsShownTheLoginPageAndAWrongPasswordIsRefused() {
        browser.get(base + "/actuator/hawtio/");
        wait.until(ExpectedConditions.urlToBe(base + "/login"));
        assertThat(browser.findElements(By.name("username"))).hasSize(1);
        assertThat(browser.findElements(By.name("password"))).hasSize(1);

        logIn(MONITOR, "not-the-password");
        wait.until(ExpectedConditions.urlToBe(base + "/login?error"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo("Invalid credentials");

        browser.get(base + "/actuator/hawtio/camel/routes");
        wait.until(ExpectedConditions.urlToBe(base + "/login"));
    }

    @Test
    void aMonitorSeesEveryRouteStartedAndCannotTransmit() throws IOException {
        logInToTheConsole(MONITOR, MONITOR_PASSWORD);

        browser.get(base + "/actuator/hawtio/camel/routes");
        click(By.xpath("//*[text()='routes']"));
        Set<String> routes = service.camel().getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
        wait.until(d -> d.findElements(By.cssSelector("td[data-label='Name']")).size() == routes.size());
        Map<String, String> states = new TreeMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("tbody tr"))) {
            states.put(row.findElement(By.cssSelector("td[data-label='Name']")).getText(),
                    row.findElement(By.cssSelector("td[data-label='State']")).getText());
        }
        assertThat(states.keySet()).containsExactlyInAnyOrderElementsOf(routes).contains("transmit", "deliver", "monthly-trigger");
        assertThat(states).allSatisfy((route, state) -> assertThat(state).as(route).isEqualTo("Started"));
        screenshot("console-routes.png");

        String answer = runOperation("transmit(java.lang.String,java.lang.String,boolean)", "2025-05");
        assertThat(answer).contains("Operation transmit(java.lang.String,java.lang.String,boolean) forbidden");
        assertThat(new JdbcTemplate(service.pipeline()).queryForObject("SELECT count(*) FROM transmission WHERE period = '2025-05'",
                Integer.class)).as("nothing was built or sent").isZero();
    }

    @Test
    void anOperatorRunsStatusForAPeriodAndSeesTheLedgersAnswer() {
        logInToTheConsole(OPERATOR, OPERATOR_PASSWORD);

        String answer = runOperation("status(java.lang.String)", "2025-06");

        List<String> lines = answer.lines().toList();
        assertThat(lines.get(0)).startsWith("FORM      PERIOD  VER   ACT STATUS");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2-OZh").contains("2025-06", "V0001", "DELIVERED", "DONE",
                "JMX", "jmx:" + OPERATOR));
        assertThat(answer).doesNotContain("1-MEIZhM");
    }

    // ---- steps ----------------------------------------------------------------------------------

    void logIn(String user, String password) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** From the console's address, through the login page, into Hawtio. */
    void logInToTheConsole(String user, String password) {
        browser.get(base + "/actuator/hawtio/");
        wait.until(ExpectedConditions.urlToBe(base + "/login"));
        logIn(user, password);
        wait.until(ExpectedConditions.urlContains("/actuator/hawtio/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[normalize-space(text())='" + user + "']")));
    }

    /** JMX, the application MBean, Operations: runs one with its first argument, returns Hawtio's result. */
    String runOperation(String signature, String firstArgument) {
        browser.get(base + "/actuator/hawtio/jmx");
        click(By.xpath("//*[text()='kz.labour.reporting']/ancestor::li[1]//button"));
        click(By.xpath("//*[text()='Reporting']/ancestor::li[1]//button"));
        click(By.xpath("//*[text()='Reporting']/ancestor::li[1]//li//*[text()='labour-reporting']"));
        click(By.xpath("//a[text()='Operations']"));
        By operation = By.cssSelector("li[aria-labelledby='operation " + signature + "']");
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(operation));
        item.findElement(By.cssSelector("button[aria-label='Details']")).click();
        WebElement argument = wait.until(d -> d.findElement(operation).findElement(By.cssSelector("input[type='text']")));
        argument.sendKeys(firstArgument);
        item.findElement(By.xpath(".//button[normalize-space()='Execute']")).click();
        return wait.until(d -> {
            List<WebElement> result = d.findElement(operation).findElements(By.cssSelector(".pf-v5-c-clipboard-copy__expandable-content pre"));
            return result.isEmpty() || result.get(0).getText().isBlank() ? null : result.get(0).getText();
        });
    }

    void click(By what) {
        wait.until(ExpectedConditions.elementToBeClickable(what)).click();
    }

    void screenshot(String name) throws IOException {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("console.screenshot.docs")) {
            Files.copy(shot.toPath(), Path.of("docs", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
