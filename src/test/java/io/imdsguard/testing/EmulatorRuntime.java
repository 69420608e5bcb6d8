package io.imdsguard.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The one emulator + stub pair of a test JVM: started lazily by the first test that needs it and
 * stopped by a shutdown hook, because starting moto costs seconds and every test class shares it.
 */
final class EmulatorRuntime {

    private static EmulatorRuntime instance;
    /** A failed start is remembered so later test classes fail fast instead of retrying the install. */
    private static RuntimeException startFailure;

    final Upstream upstream;
    final WireMockServer wireMock;
    final StubFilter stub;
    final URI endpoint;

    private EmulatorRuntime(Upstream upstream, WireMockServer wireMock, StubFilter stub) {
        this.upstream = upstream;
        this.wireMock = wireMock;
        this.stub = stub;
        this.endpoint = URI.create("http://127.0.0.1:" + wireMock.port());
    }

    static synchronized EmulatorRuntime get() {
        if (startFailure != null) {
            throw new IllegalStateException("AWS emulator failed to start earlier in this run", startFailure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            EmulatorRuntime started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "aws-emulator-shutdown"));
        }
        return instance;
    }

    private static EmulatorRuntime start() {
        Upstream upstream = chooseUpstream();
        StubFilter stub = new StubFilter();
        stub.commandInvocations.upstream(upstream.endpoint());
        stub.ec2Upstream.endpoint(upstream.endpoint());
        WireMockServer wireMock = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .gzipDisabled(true)
                .proxyTimeout(120_000)
                .containerThreads(32)
                .extensions(stub));
        try {
            wireMock.start();
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
        // Lowest priority catch-all: anything the filter does not answer goes to the emulator.
        wireMock.stubFor(any(anyUrl()).atPriority(100)
                .willReturn(aResponse().proxiedFrom(upstream.endpoint().toString())));
        System.err.println("[AwsEmulator] stub " + wireMock.baseUrl() + " -> " + upstream.endpoint());
        return new EmulatorRuntime(upstream, wireMock, stub);
    }

    /** Env AWS_ENDPOINT_URL, else LocalStack when Docker works, else our own moto server. */
    private static Upstream chooseUpstream() {
        String external = System.getenv("AWS_ENDPOINT_URL");
        if (external != null && !external.isBlank()) {
            return new Upstream.External(URI.create(external.trim()));
        }
        String forced = System.getProperty("imdsguard.emulator", System.getenv("IMDSGUARD_EMULATOR"));
        if (!"moto".equals(forced) && ("localstack".equals(forced) || LocalStackUpstream.dockerAvailable())) {
            return LocalStackUpstream.start();
        }
        return MotoServerProcess.start(projectDir());
    }

    static Path projectDir() {
        String configured = System.getProperty("imdsguard.projectDir");
        return Path.of(configured != null && !configured.isBlank() ? configured : System.getProperty("user.dir"))
                .toAbsolutePath();
    }

    /** Wipes the emulator's state and the stub's (faults, seeded data, journal). */
    synchronized void reset() {
        upstream.reset();
        stub.reset();
    }

    private void stop() {
        try {
            wireMock.stop();
        } finally {
            upstream.close();
        }
    }
}
