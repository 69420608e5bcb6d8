package io.imdsguard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's standalone server as a child process: installed by scripts/emulator/ensure-moto.sh (pinned
 * version, cached venv), bound to a free loopback port, logging to target/moto-server.log.
 */
final class MotoServerProcess implements Upstream {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI endpoint;

    private MotoServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static MotoServerProcess start(Path projectDir) {
        Path target = projectDir.resolve("target");
        try {
            Files.createDirectories(target);
            String motoServer = install(projectDir, target.resolve("moto-install.log"));
            int port = freePort();
            Path log = target.resolve("moto-server.log");
            ProcessBuilder builder = new ProcessBuilder(motoServer, "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            // Real credentials in the environment must never reach the emulator or its log.
            builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            Process process = builder.start();
            MotoServerProcess server = new MotoServerProcess(process, URI.create("http://127.0.0.1:" + port));
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start moto_server: " + e.getMessage(), e);
        }
    }

    /** Runs ensure-moto.sh and returns the moto_server path from its last stdout line. */
    private static String install(Path projectDir, Path installLog) throws IOException {
        Path script = projectDir.resolve("scripts/emulator/ensure-moto.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Cannot find " + script + "; set -Dimdsguard.projectDir to the checkout");
        }
        Process p = new ProcessBuilder("bash", script.toString())
                .redirectError(ProcessBuilder.Redirect.to(installLog.toFile()))
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("ensure-moto.sh failed; see " + installLog + ":\n"
                        + Files.readString(installLog));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing moto", e);
        }
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("ensure-moto.sh printed no moto_server path");
        }
        return lines.get(lines.size() - 1).trim();
    }

    private void awaitReady(Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for moto_server", e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("moto_server did not answer within " + STARTUP_TIMEOUT + "; see " + log);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        int status = Upstream.post(endpoint, "/moto-api/reset");
        if (status != 200) {
            throw new IllegalStateException("moto reset failed with HTTP " + status);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
