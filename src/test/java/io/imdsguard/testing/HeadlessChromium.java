package io.imdsguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol (a WebSocket, JDK client): open a
 * page, evaluate script in it, click where an element is as a user would (mouse events through the input
 * pipeline, not a synthetic {@code click()}), take a screenshot. Installs Chromium with the project's own
 * {@code scripts/ci/ensure-chromium.sh} when it is missing, as the emulator harness installs moto, so the
 * README's test command works on a fresh machine. No WebDriver: nothing to keep in step with the browser.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    /** Set once connected; the listener exists before the socket does. */
    private WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts Chromium on {@code url} (width x height viewport) and connects to that page. */
    public static HeadlessChromium open(String url, int width, int height) throws IOException, InterruptedException {
        ensureInstalled();
        Path profile = Files.createTempDirectory("imdsguard-chromium");
        List<String> command = new ArrayList<>(List.of(BROWSER.toString(), "--headless", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height));
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to run as root with its sandbox (CI containers run as root).
            command.add("--no-sandbox");
        }
        // Start on a blank page and navigate once connected: the page Chromium opens on its command line may
        // still be about:blank (and "complete") when the first script runs, on a loaded machine.
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HeadlessChromium chromium = new HeadlessChromium(process, profile);
        try {
            URI page = pageSocket(URI.create(listeningOn(process)));
            chromium.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(page, chromium.listener()).join();
            chromium.navigate(url);
        } catch (RuntimeException | IOException | InterruptedException e) {
            chromium.close();
            throw e;
        }
        return chromium;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    String text = message.toString();
                    message.setLength(0);
                    received(text);
                }
                webSocket.request(1);
                return null;
            }
        };
    }

    private void received(String text) {
        try {
            JsonNode reply = JSON.readTree(text);
            if (reply.has("id")) {
                CompletableFuture<JsonNode> future = pending.remove(reply.get("id").asInt());
                if (future != null) {
                    future.complete(reply);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Sends one DevTools command and returns its {@code result}; a protocol error fails the test. */
    public JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        socket.sendText(message.toString(), true).join();
        JsonNode answer = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Evaluates a script expression in the page and returns its value as JSON; a thrown exception fails. */
    public JsonNode eval(String expression) {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return result.at("/result/value");
    }

    /** Clicks the middle of the first element matching {@code selector}, scrolled into view, with the mouse. */
    public void click(String selector) {
        JsonNode box = eval("(() => { const e = document.querySelector(" + JSON.valueToTree(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        if (box == null || box.isNull()) {
            throw new IllegalStateException("no element matches " + selector);
        }
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type).put("x", box.get("x").asDouble())
                    .put("y", box.get("y").asDouble()).put("button", "left").put("clickCount", 1));
        }
    }

    /** Presses and releases one key (e.g. {@code ArrowDown}) in the focused element, as the keyboard would. */
    public void press(String key, int keyCode) {
        for (String type : List.of("keyDown", "keyUp")) {
            send("Input.dispatchKeyEvent", JSON.createObjectNode().put("type", type).put("key", key).put("code", key)
                    .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
        }
    }

    /** A PNG of the viewport, or with {@code fullPage} of the whole page, written to {@code file}. */
    public Path screenshot(Path file, boolean fullPage) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", fullPage);
        if (fullPage) {
            JsonNode size = eval("({w: document.documentElement.scrollWidth,"
                    + " h: document.documentElement.scrollHeight})");
            params.putObject("clip").put("x", 0).put("y", 0).put("width", size.get("w").asInt())
                    .put("height", size.get("h").asInt()).put("scale", 1);
        }
        JsonNode shot = send("Page.captureScreenshot", params);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Opens {@code url} in the page and waits until it is the loaded document. */
    public void navigate(String url) throws InterruptedException {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!loaded(url)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("page did not finish loading in " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Loads the page afresh (its script's state and the user's choices gone) and waits for it. */
    public void reload() throws InterruptedException {
        String url = eval("window.imdsguardStale = true; location.href").asText();
        send("Page.reload", JSON.createObjectNode().put("ignoreCache", true));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!loaded(url)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("page did not reload in " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** The marker {@link #reload} leaves on the old document tells it from the new one. */
    private boolean loaded(String url) {
        try {
            return eval("location.href === " + JSON.valueToTree(url) + " && document.readyState === 'complete'"
                    + " && !window.imdsguardStale").asBoolean();
        } catch (IllegalStateException e) {
            return false; // the old document went away mid-evaluation: still navigating
        }
    }

    /** Chromium prints its browser endpoint on stderr once it listens; the port is chosen by the OS. */
    private static String listeningOn(Process process) throws IOException {
        BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    } else if (!found.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // The browser went away; the timeout below says so.
            }
            found.completeExceptionally(new IllegalStateException("chromium exited: " + seen));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return found.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The page target's own socket, from the browser's target list on the same port. */
    private static URI pageSocket(URI browser) throws IOException, InterruptedException {
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode target : JSON.readTree(body)) {
                if ("page".equals(target.path("type").asText()) && target.has("webSocketDebuggerUrl")) {
                    return URI.create(target.get("webSocketDebuggerUrl").asText());
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium opened no page in " + TIMEOUT);
    }

    /** Runs the project's install script when the browser is missing; its message names what went wrong. */
    static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BROWSER)) {
            return;
        }
        Path script = Path.of(System.getProperty("imdsguard.projectDir", "."), "scripts/ci/ensure-chromium.sh");
        Process install = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (install.waitFor() != 0 || !Files.isExecutable(BROWSER)) {
            throw new IllegalStateException("could not install Chromium with " + script + ":\n" + output);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
