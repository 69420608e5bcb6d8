package io.imdsguard.collect;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regions are collected concurrently: behind a front that adds {@value #DELAY_MS} ms to every call (as a
 * distant AWS endpoint does), collecting three regions together takes well under the sum of collecting
 * each alone, and close to the slowest one. Units are (account, region) pairs; when collection spans
 * accounts, more accounts become more units here, measured the same way.
 */
class CollectionLatencyTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final int DELAY_MS = 100;
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

    static WireMockServer front;

    @BeforeAll
    static void seedAndFront() {
        for (String region : REGIONS) {
            ScaleFleet.seed(AWS, region, 20, 1, 1);
        }
        front = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .gzipDisabled(true).containerThreads(48));
        front.start();
        front.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(AWS.endpoint().toString())
                .withFixedDelay(DELAY_MS)));
    }

    @AfterAll
    static void stopFront() {
        if (front != null) {
            front.stop();
        }
    }

    @Test
    void regionsTogetherTakeAboutAsLongAsTheSlowestAlone() throws Exception {
        List<Duration> alone = new ArrayList<>();
        long calls = 0;
        for (String region : REGIONS) {
            Timed run = collect(region);
            alone.add(run.elapsed);
            calls += run.calls;
        }
        Timed together = collect(REGIONS.toArray(String[]::new));
        long serial = alone.stream().mapToLong(Duration::toMillis).sum();
        long slowest = alone.stream().mapToLong(Duration::toMillis).max().orElseThrow();
        String figures = "together " + together.elapsed.toMillis() + " ms, alone " + alone + ", "
                + together.calls + " calls (" + together.calls * DELAY_MS + " ms of delay if made one by one)";
        System.err.println("[CollectionLatencyTest] " + figures);
        // Each call really waited: a region alone is a dozen calls deep at least.
        assertThat(slowest).as(figures).isGreaterThan(10L * DELAY_MS);
        assertThat(together.calls).as("the same calls, made once").isLessThanOrEqualTo(calls);
        assertThat(together.elapsed.toMillis()).as(figures).isLessThan((long) (0.6 * serial));
        assertThat(together.elapsed.toMillis()).as(figures).isLessThan((long) (1.5 * slowest));
    }

    private record Timed(Duration elapsed, long calls) {
    }

    private static Timed collect(String... regions) throws Exception {
        AwsSettings settings = new AwsSettings(AwsEmulator.DEFAULT_REGION, URI.create(front.baseUrl()), null);
        try (AwsClients clients = new AwsClients(settings, new ApiCallCounter(), AWS.credentials())) {
            long started = System.nanoTime();
            CollectionResult result = new Collector(clients).collect(new CollectRequest(List.of(regions)),
                    CollectProgress.NONE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(result.snapshot().gaps()).isEmpty();
            return new Timed(elapsed, result.apiCallCount());
        }
    }
}
