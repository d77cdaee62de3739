package io.github.llmclient.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The chat page in a real browser: headless Chromium, driven by Selenium through ChromeDriver,
 * against the running application and its demo model.
 *
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; other paths through the system properties
 * {@code chromium.binary} and {@code chromium.driver}). Without them the tests are skipped,
 * except when the environment variable {@code CI} is {@code true}, where they fail: CI installs
 * them and must run these tests. Snapshots of the page are read with one script each, so a
 * snapshot's state and text belong to the same moment; waits poll, nothing sleeps.
 *
 * <p>
 * The tests also save screenshots of the page under {@code target/screenshots} (the README's
 * pictures in {@code docs/} are copies of them).
 */
@EnabledIf(value = "browserInstalled", disabledReason = "Chromium or ChromeDriver is not installed "
		+ "(apt-get install -y chromium chromium-driver): skipping the browser test")
class ChatPageBrowserTests extends SampleAppTestSupport {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

	private static ChromeDriverService service;

	private static WebDriver driver;

	private WebDriverWait wait;

	/**
	 * Whether the browser can run; evaluated before anything starts, so a machine without it
	 * skips the class without starting the application.
	 * @return true when Chromium and ChromeDriver are installed
	 */
	static boolean browserInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("Chromium or ChromeDriver not found (looked for " + CHROMIUM + " and " + CHROMEDRIVER
					+ "); CI=true, so the browser test must run. Install them with: "
					+ "apt-get install -y chromium chromium-driver");
		}
		return installed;
	}

	@BeforeAll
	static void startBrowser(@TempDir Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without the background-networking flags, Chromium keeps calling Google's hosts, which a
		// closed network refuses; a fresh profile keeps runs independent.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
		if (service != null) {
			service.stop();
		}
	}

	@BeforeEach
	void openPage() {
		driver.get(baseUrl() + "/");
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(10));
	}

	@Test
	void showsTheAnswerPieceByPieceAsItStreams() {
		ask("How do server-sent events work in a browser?");
		// Each snapshot reads the state and the text in one script, so they belong together.
		Snapshot partial = this.wait.until((d) -> {
			Snapshot now = snapshot();
			return (now.streaming() && !now.text().isEmpty()) ? now : null;
		});
		Snapshot longer = this.wait.until((d) -> {
			Snapshot now = snapshot();
			return (now.text().length() > partial.text().length()) ? now : null;
		});
		this.wait.until((d) -> "done".equals(snapshot().state()));
		Snapshot complete = snapshot();

		assertThat(complete.text()).isEqualTo("You asked: \"How do server-sent events work in a browser?\". "
				+ "I am the offline demo model: I echo your words one chunk at a time, so you can watch the answer "
				+ "stream in.");
		assertThat(complete.text()).startsWith(partial.text()).startsWith(longer.text());
		assertThat(partial.text().length()).isLessThan(complete.text().length());
		assertThat(Integer.parseInt(complete.chunks())).isGreaterThan(10);
		assertThat(driver.findElement(By.id("meta")).getText()).contains("finish: stop")
			.contains("tokens: 8 in / " + complete.chunks() + " out");
		assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
	}

	@Test
	void showsAProblemReadablyWhenTheModelFails() {
		ask("#fail-always Will this work?");
		this.wait.until((d) -> "error".equals(snapshot().state()));
		WebElement error = driver.findElement(By.id("error"));
		assertThat(error.isDisplayed()).isTrue();
		assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("502 · The model provider failed");
		assertThat(driver.findElement(By.id("error-detail")).getText())
			.startsWith("HTTP 503 Service Unavailable from openai: The demo model is overloaded");
	}

	@Test
	void asksForAQuestionWhenThePromptIsBlank() {
		ask("   ");
		this.wait.until((d) -> "error".equals(snapshot().state()));
		assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("400 · Empty prompt");
	}

	@Test
	void listsTheClientsFromTheActuatorEndpoint() {
		WebElement row = this.wait
			.until((d) -> d.findElements(By.cssSelector("#clients-body tr[data-client='default']"))
				.stream()
				.findFirst()
				.orElse(null));
		assertThat(field(row, "name")).isEqualTo("default");
		assertThat(field(row, "provider")).isEqualTo("openai");
		assertThat(field(row, "host")).isEqualTo("localhost:" + PORT);
		assertThat(field(row, "model")).isEqualTo("demo-echo");
		assertThat(field(row, "load")).isEqualTo("0 / 0 (max 10)");
		assertThat(field(row, "circuit")).isEqualTo("disabled");
		assertThat(field(row, "cost")).endsWith(" USD");
		assertThat(driver.findElement(By.id("clients-error")).isDisplayed()).isFalse();
	}

	@Test
	void submitsABatchAndShowsItsProgressUntilTheAnswersAreIn() {
		driver.findElement(By.id("tab-batch")).click();
		driver.findElement(By.id("batch-submit")).click();
		WebElement progress = driver.findElement(By.id("batch-progress"));
		// the bar shows the running job before it ends (the demo job runs for a few seconds)
		this.wait.until((d) -> progress.isDisplayed() && "IN_PROGRESS".equals(progress.getDomAttribute("data-status")));
		this.wait.until((d) -> d.findElements(By.cssSelector("#batch-results li")).size() == 3);
		assertThat(progress.getDomProperty("value")).isEqualTo("1");
		assertThat(driver.findElement(By.id("batch-status")).getText()).isEqualTo("COMPLETED · 3 of 3 answered");
		assertThat(driver.findElements(By.cssSelector("#batch-results li"))).extracting(WebElement::getText)
			.containsExactly("Batch answer 1: What is Reactor?", "Batch answer 2: What is a batch job?",
					"Batch answer 3: Why stream results?");
		assertThat(driver.findElement(By.id("batch-error")).isDisplayed()).isFalse();
		// the clients panel, refreshed when the answers came, shows what they cost
		this.wait.until((d) -> !field(d.findElement(By.cssSelector("#clients-body tr[data-client='default']")), "cost")
			.startsWith("0.000000"));
		assertThat(field(driver.findElement(By.cssSelector("#clients-body tr[data-client='default']")), "cost"))
			.endsWith(" USD");
	}

	@Test
	void toolsTabShowsEachCallAndResultThenTheAnswer() {
		driver.findElement(By.id("tab-tools")).click();
		driver.findElement(By.id("tools-send")).click();
		this.wait.until((d) -> "done".equals(d.findElement(By.id("tools-steps")).getAttribute("data-state")));
		List<WebElement> steps = driver.findElements(By.cssSelector("#tools-steps li"));
		assertThat(steps).extracting((step) -> step.getAttribute("data-kind")).containsExactly("call", "result", "answer");
		assertThat(steps.get(0).getText()).isEqualTo("turn 1 · the model calls clock({\"timeZone\":\"Asia/Tokyo\"})");
		assertThat(steps.get(1).getText()).startsWith("the app ran clock → {\"timeZone\":\"Asia/Tokyo\",\"date\":");
		assertThat(steps.get(2).getText()).isEqualTo("turn 2 · the model answers (stop)");
		assertThat(driver.findElement(By.id("tools-answer")).getText())
			.startsWith("The clock tool answered: timeZone: Asia/Tokyo, date: ");
		screenshot("sample-app-tools");
	}

	@Test
	void typedAnswerTabShowsTheExtractedRecord() {
		driver.findElement(By.id("tab-typed")).click();
		driver.findElement(By.id("typed-send")).click();
		this.wait.until((d) -> !d.findElements(By.cssSelector("#typed-body tr")).isEmpty());
		assertThat(recordRows("typed-body")).isEqualTo(Map.of("name", "Ada Lovelace", "email", "ada@analytical.example",
				"company", "Analytical Engines"));
		assertThat(driver.findElement(By.id("typed-error")).isDisplayed()).isFalse();
	}

	@Test
	void typedAnswerTabShowsAWrongShapedAnswerAsAProblem() {
		driver.findElement(By.id("tab-typed")).click();
		WebElement text = driver.findElement(By.id("typed-text"));
		text.clear();
		text.sendKeys("#not-json Ada Lovelace");
		driver.findElement(By.id("typed-send")).click();
		WebElement error = this.wait.until((d) -> {
			WebElement shown = d.findElement(By.id("typed-error"));
			return shown.isDisplayed() ? shown : null;
		});
		assertThat(error.getText()).startsWith("502 · The model's answer was not of the type asked for");
		assertThat(driver.findElement(By.id("typed-record")).isDisplayed()).isFalse();
	}

	@Test
	void similarTabRanksTheSentencesWithScoreBars() {
		driver.findElement(By.id("tab-similar")).click();
		driver.findElement(By.id("similar-send")).click();
		this.wait.until((d) -> d.findElements(By.cssSelector("#similar-list li")).size() == 6);
		List<WebElement> items = driver.findElements(By.cssSelector("#similar-list li"));
		assertThat(items.get(0).findElement(By.className("sentence")).getText())
			.isEqualTo("The cat sleeps on the warm windowsill all afternoon.");
		List<Double> scores = items.stream().map((item) -> Double.parseDouble(item.getAttribute("data-score"))).toList();
		assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(scores.get(0)).isGreaterThan(scores.get(1));
		// The bar is as long as the score: the first one is wider than the second
		assertThat(items.get(0).findElement(By.className("bar")).getSize().getWidth())
			.isGreaterThan(items.get(1).findElement(By.className("bar")).getSize().getWidth());
		screenshot("sample-app-similar");
	}

	@Test
	void imageTabDescribesAnImageGivenByUrl() {
		driver.findElement(By.id("tab-image")).click();
		driver.findElement(By.id("image-url")).sendKeys("https://example.com/cat.png");
		driver.findElement(By.id("image-send")).click();
		String answer = this.wait.until((d) -> {
			String text = d.findElement(By.id("image-answer")).getText();
			return text.isEmpty() ? null : text;
		});
		assertThat(answer).contains("https://example.com/cat.png");
	}

	@Test
	void springAiTabShowsTheTypedAnswerOfChatClient() {
		driver.findElement(By.id("tab-spring-ai")).click();
		driver.findElement(By.id("spring-ai-send")).click();
		this.wait.until((d) -> !d.findElements(By.cssSelector("#spring-ai-body tr")).isEmpty());
		assertThat(recordRows("spring-ai-body")).containsEntry("timeZone", "Asia/Tokyo").containsKey("date");
	}

	@Test
	void stormMakesTheRetriesChartRiseAndTheQueueMove() {
		WebElement card = this.wait.until((d) -> d.findElements(By.cssSelector("#live-clients [data-client='default']"))
			.stream()
			.findFirst()
			.orElse(null));
		assertThat(card.getAttribute("data-max-retries")).isEqualTo("0");
		driver.findElement(By.id("storm")).click();
		this.wait.withTimeout(Duration.ofSeconds(60))
			.until((d) -> Double.parseDouble(card.getAttribute("data-max-retries")) > 0
					&& Double.parseDouble(card.getAttribute("data-max-queued")) > 0);
		this.wait.withTimeout(Duration.ofSeconds(60))
			.until((d) -> "done".equals(d.findElement(By.id("storm-status")).getAttribute("data-state")));
		assertThat(driver.findElement(By.id("storm-status")).getText()).startsWith("50 prompts: 50 answered, 0 failed");
		assertThat(card.findElement(By.cssSelector("[data-chart='retries'] .values")).getText()).containsPattern(
				"max [1-9]");
		assertThat(card.findElements(By.cssSelector("[data-chart='load'] polyline"))).hasSize(2);
		driver.manage().window().setSize(new Dimension(1280, 1500));
		((JavascriptExecutor) driver).executeScript("document.getElementById('live').scrollIntoView()");
		screenshot("sample-app-live");
		driver.manage().window().setSize(new Dimension(1280, 900));
	}

	@Test
	void meterStreamSendsEventsAndEndsWhenThePageCloses() {
		this.wait.until((d) -> Integer.parseInt(d.findElement(By.id("live-clients")).getAttribute("data-events")) >= 2);
		WebElement card = driver.findElement(By.cssSelector("#live-clients [data-client='default']"));
		assertThat(card.findElement(By.className("circuit")).getText()).isEqualTo("circuit: disabled");
		assertThat(card.findElements(By.cssSelector("figure[data-chart]"))).extracting((f) -> f.getAttribute("data-chart"))
			.containsExactly("requests", "retries", "first-chunk", "tokens", "load", "waits");
		assertThat(meterStreams()).isEqualTo(1);
		driver.get("about:blank");
		this.wait.until((d) -> meterStreams() == 0);
	}

	private int meterStreams() {
		Map<String, Integer> body = this.client.get()
			.uri("/api/meters/subscriptions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Integer>>() {
			})
			.returnResult()
			.getResponseBody();
		return body.get("active");
	}

	private static Map<String, String> recordRows(String bodyId) {
		Map<String, String> rows = new java.util.LinkedHashMap<>();
		for (WebElement row : driver.findElements(By.cssSelector("#" + bodyId + " tr"))) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			rows.put(cells.get(0).getText(), cells.get(1).getText());
		}
		return rows;
	}

	private static void screenshot(String name) {
		Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
		try {
			Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
			Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not save the screenshot " + name, ex);
		}
	}

	private static String field(WebElement row, String name) {
		return row.findElement(By.cssSelector("td[data-field='" + name + "']")).getText();
	}

	private static void ask(String prompt) {
		WebElement input = driver.findElement(By.id("prompt"));
		input.clear();
		input.sendKeys(prompt);
		driver.findElement(By.id("send")).click();
	}

	private static Snapshot snapshot() {
		Object result = ((JavascriptExecutor) driver).executeScript(
				"const answer = document.getElementById('answer');"
						+ "return [answer.dataset.state, answer.textContent, answer.dataset.chunks];");
		List<?> values = (List<?>) result;
		return new Snapshot(String.valueOf(values.get(0)), String.valueOf(values.get(1)),
				String.valueOf(values.get(2)));
	}

	/** The answer element at one moment. */
	private record Snapshot(String state, String text, String chunks) {

		boolean streaming() {
			return "streaming".equals(this.state);
		}

	}

}
