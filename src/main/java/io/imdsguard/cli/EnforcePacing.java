package io.imdsguard.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How enforce and its rollback pace their changes: calls at once, and how long to wait for {@code applied}. */
final class EnforcePacing {
    private static final int MAX_CONCURRENCY = 64;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for a running instance's options to be applied (default: ${DEFAULT-VALUE}).")
    String waitTimeout;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Calls to AWS at once, 1..64 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    Duration waitTimeout() {
        return TraceDurations.parse("--wait-timeout", waitTimeout, Duration.ofSeconds(1), Duration.ofHours(6));
    }

    int concurrency() {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new UsageException("--concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        return concurrency;
    }
}
