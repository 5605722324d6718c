package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (the system's, driven by its ChromeDriver) against the
 * real stack: an admin signs in, adds a SCIM integration, and the test uses the credentials read
 * off the screen as an IdP would; then the member shows on the Access List page and in the
 * integration's recent changes; the secret is rotated and the integration disabled; a list is
 * created, edited and deleted. Each test leaves a screenshot of its last screen in
 * {@code target/browser-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestStack stack;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    /** What the first test read off the credentials screen, for the later ones. */
    private static String clientId;
    private static String clientSecret;
    private static String scimBaseUrl;
    private static String tokenUrl;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getProperty("console.browser"))) {
            throw new IllegalStateException("the browser tests need Chromium and ChromeDriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + " (Debian packages chromium and chromium-driver)");
        }
        assumeTrue(present, "Chromium or ChromeDriver is not installed (Debian packages chromium, chromium-driver);"
                + " .ci/run installs them and requires these tests");
        stack = TestStack.get();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (browser == null) {
            return;
        }
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    void refusesAWrongAdminTokenAndSignsInWithTheRightOne() {
        browser.get(stack.stack.consoleUrl());
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token")));
        token.sendKeys("not-the-admin-token");
        browser.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "That is not the admin token."));

        token.clear();
        token.sendKeys(LocalStack.adminToken(stack.stack.settings().dataDir()));
        token.submit();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Integrations"));
        assertThat(browser.findElement(By.id("integrations")).getText()).contains("okta");
        // the cookie the session rides on is not readable by scripts
        assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie")).isEqualTo("");
        assertThat(browser.manage().getCookieNamed("console_session").isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed("console_session").getSameSite()).isEqualTo("Strict");
    }

    @Test
    @Order(2)
    void addsAnIntegrationWhoseCredentialsWorkForAnIdpAndShowsItsMembers() {
        browser.findElement(By.id("add-integration")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Add SCIM integration"));
        browser.findElement(By.id("connector-new")).click();
        browser.findElement(By.id("connector-name")).sendKeys("entra-browser");
        browser.findElement(By.id("connector-entity-id")).sendKeys("https://sts.windows.net/tenant-1/");
        browser.findElement(By.id("connector-sso-url")).sendKeys("https://login.microsoftonline.com/tenant-1/saml2");
        browser.findElement(By.id("integration-name")).sendKeys("Browser IdP");
        browser.findElement(By.id("create-integration")).click();

        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Credentials for Browser IdP"));
        assertThat(browser.findElement(By.cssSelector(".warning")).getText()).contains("shown only this once");
        clientId = browser.findElement(By.id("client-id")).getText();
        clientSecret = browser.findElement(By.id("client-secret")).getText();
        scimBaseUrl = browser.findElement(By.id("scim-base-url")).getText();
        tokenUrl = browser.findElement(By.id("token-url")).getText();
        assertThat(browser.findElement(By.id("credentials")).getText()).contains("entra-browser");

        // the IdP's side, with what was on the screen
        ScimClient idp = new ScimClient(scimBaseUrl, tokenUrl, clientId, clientSecret);
        ScimClient.Response user = idp.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"browser.alice@example.com\",\"active\":true}");
        assertThat(user.status()).isEqualTo(201);
        String userId = user.body().path("id").asText();
        ScimClient.Response group = idp.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"GroupRequester\"}");
        assertThat(group.status()).isEqualTo(201);
        assertThat(idp.patch("/Groups/" + group.body().path("id").asText(), "{\"schemas\":"
                + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":"
                + "\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}]}").status()).isEqualTo(204);

        // the member on the Access List page, found by search, with her history
        browser.get(stack.stack.consoleUrl() + "#/lists/scim-group-requester");
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "GroupRequester"));
        eventually(() -> {
            WebElement q = browser.findElement(By.id("member-q"));
            q.clear();
            q.sendKeys("browser.alice");
            q.submit();
            return briefly().until(d -> d.findElement(By.id("members")).getText()
                    .contains("browser.alice@example.com"));
        });
        assertThat(browser.findElement(By.id("members-table")).getText()).contains("Browser IdP").contains("active");
        assertThat(browser.findElement(By.id("linked-groups")).getText()).contains("Browser IdP")
                .contains(group.body().path("id").asText());
        browser.findElement(By.cssSelector("[aria-label='History of browser.alice@example.com']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-table"), "ADDED"));

        // and in the integration's recent changes (the page refreshes them by itself)
        browser.get(stack.stack.consoleUrl() + "#/integrations/" + clientId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recent-changes"),
                "browser.alice@example.com"));
        assertThat(browser.findElement(By.id("changes-table")).getText()).contains("ADDED").contains("GroupRequester");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-table"), "GroupRequester"));
    }

    @Test
    @Order(3)
    void rotatesTheSecretAndDisablesTheIntegration() {
        // what the IdP did last shows on the integration's page (reported every 2 s)
        eventually(() -> {
            browser.get(stack.stack.consoleUrl() + "#/integrations/" + clientId);
            browser.navigate().refresh();
            return briefly().until(d -> d.findElement(By.id("last-request")).getText()
                    .contains("PATCH /Groups/{id} → 204"));
        });
        ScimClient before = new ScimClient(scimBaseUrl, tokenUrl, clientId, clientSecret);
        String oldToken = before.token();

        browser.findElement(By.id("rotate-secret")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Credentials for Browser IdP"));
        String newSecret = browser.findElement(By.id("client-secret")).getText();
        assertThat(newSecret).isNotEqualTo(clientSecret);
        assertThat(new ScimClient(scimBaseUrl, tokenUrl, clientId, clientSecret).requestToken().status())
                .isEqualTo(401);
        ScimClient rotated = new ScimClient(scimBaseUrl, tokenUrl, clientId, newSecret);
        assertThat(rotated.get("/Users?count=1").status()).isEqualTo(200);
        assertThat(before.getWithToken("/Users?count=1", oldToken).status()).isEqualTo(401);

        browser.findElement(By.id("done")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("disable"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("integration-status"), "disabled"));
        eventually(() -> rotated.get("/Users?count=1").status() == 401);
        assertThat(new ScimClient(scimBaseUrl, tokenUrl, clientId, newSecret).requestToken().status())
                .isEqualTo(401);
        assertThat(browser.findElement(By.id("status")).getText()).contains("disabled");
    }

    @Test
    @Order(4)
    void createsEditsAndDeletesAnAccessList() {
        browser.get(stack.stack.consoleUrl() + "#/lists");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-list"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "New Access List"));
        browser.findElement(By.id("list-name")).sendKeys("browser-list");
        // a title another list holds is refused in words
        browser.findElement(By.id("list-title")).sendKeys("GroupRequester");
        browser.findElement(By.id("list-roles")).sendKeys("viewer");
        browser.findElement(By.id("list-owners")).sendKeys("platform");
        browser.findElement(By.id("save-list")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "already taken by the Access List \"scim-group-requester\""));
        WebElement title = browser.findElement(By.id("list-title"));
        title.clear();
        title.sendKeys("BrowserList");
        browser.findElement(By.id("save-list")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "BrowserList"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("roles: viewer").contains("platform");

        // edit in the form
        browser.findElement(By.id("edit-list")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Edit BrowserList"));
        WebElement roles = browser.findElement(By.id("list-roles"));
        roles.clear();
        roles.sendKeys("viewer, auditor");
        new Select(browser.findElement(By.id("list-frequency"))).selectByValue("3");
        browser.findElement(By.id("save-list")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "BrowserList"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("roles: viewer, auditor")
                .contains("every 3 months");
        assertThat(stack.stack.admin().accessLists().findValues("metadata").stream()
                .map(m -> m.path("name").asText()).toList()).contains("browser-list");

        // and in the YAML view
        browser.findElement(By.id("edit-list")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-yaml"))).click();
        WebElement yaml = wait.until(d -> {
            WebElement area = d.findElement(By.id("list-yaml"));
            return area.getAttribute("value").contains("title: BrowserList") ? area : null;
        });
        String edited = yaml.getAttribute("value").replace("title: BrowserList", "title: BrowserListRenamed");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", yaml, edited);
        browser.findElement(By.id("save-yaml")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "BrowserListRenamed"));

        // delete, after a confirmation
        browser.findElement(By.id("delete-list")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-delete-list"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Access Lists"));
        List<String> titles = browser.findElements(By.cssSelector("#lists tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(titles).contains("GroupRequester").doesNotContain("BrowserListRenamed");
        assertThat(browser.findElement(By.id("status")).getText()).contains("deleted");
    }

    @Test
    @Order(5)
    void worksWithTheKeyboardAloneOnANarrowWindow() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
        browser.get(stack.stack.consoleUrl() + "#/integrations");
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Integrations"));
        // no sideways scrolling of the page itself on a narrow window
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).isLessThanOrEqualTo(0L);

        tabTo("add-integration").sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Add SCIM integration"));
        // every field has a label
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('input,select,textarea')].filter(e => e.labels.length === 0"
                        + " && !e.closest('label')).length")).isZero();
        // choose the registered connector okta with the arrow keys, name the integration, create it
        WebElement choice = tabTo("connector-" + browser.findElement(By.cssSelector("input[name=connector]:checked"))
                .getAttribute("value"));
        for (int i = 0; i < 20 && !"connector-okta".equals(choice.getAttribute("id")); i++) {
            choice.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
            choice = browser.switchTo().activeElement();
        }
        assertThat(browser.findElement(By.id("connector-okta")).isSelected()).isTrue();
        tabTo("integration-name").sendKeys("Keyboard IdP");
        tabTo("create-integration").sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Credentials for Keyboard IdP"));
        assertThat(browser.findElement(By.id("credentials")).getText()).contains("okta");
        String keyboardClient = browser.findElement(By.id("client-id")).getText();

        // delete it, confirming with the keyboard
        tabTo("done").sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Keyboard IdP"));
        tabTo("delete").sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> "confirm-delete".equals(d.switchTo().activeElement().getAttribute("id")));
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Integrations"));
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Keyboard IdP");
        assertThat(stack.stack.admin().list().findValuesAsText("clientId")).doesNotContain(keyboardClient);
    }

    /** Presses Tab until the element with this id has the focus, as a keyboard user would. */
    private static WebElement tabTo(String id) {
        for (int i = 0; i < 60; i++) {
            WebElement active = browser.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** Retries a check that the page or the pipeline reaches eventually, until the deadline. */
    private static void eventually(java.util.concurrent.Callable<Boolean> check) {
        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.WebDriverException.class).until(check);
    }

    /** A short wait, for one attempt of an {@link #eventually} check. */
    private static WebDriverWait briefly() {
        return new WebDriverWait(browser, Duration.ofSeconds(2));
    }
}
