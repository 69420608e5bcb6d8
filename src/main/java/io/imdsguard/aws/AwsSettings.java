package io.imdsguard.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach AWS: the home region (for STS and the global services), an optional endpoint that
 * replaces every service's endpoint (the AWS CLI's {@code --endpoint-url}), an optional named
 * profile, and how long one attempt of a call may wait for its answer ({@code timeout}). Null fields
 * fall back to the SDK's usual chains ({@code AWS_REGION}, {@code AWS_PROFILE},
 * {@code AWS_ENDPOINT_URL}, the default credential chain) and to {@link #DEFAULT_TIMEOUT}.
 */
public record AwsSettings(String region, URI endpoint, String profile, Duration timeout) {
    /**
     * Long enough for a slow page of a big DescribeInstances or GetAccountAuthorizationDetails, short
     * enough that an endpoint that takes the connection and never answers is noticed in seconds.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Nothing set: region, profile and endpoint come from the environment as with the AWS CLI. */
    public static final AwsSettings DEFAULTS = new AwsSettings(null, null, null);

    public AwsSettings {
        region = blankToNull(region);
        profile = blankToNull(profile);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** With the default timeout. */
    public AwsSettings(String region, URI endpoint, String profile) {
        this(region, endpoint, profile, null);
    }

    /**
     * The endpoint every client is pointed at: the explicit one, else {@code AWS_ENDPOINT_URL}
     * (resolved here rather than left to the SDK so that S3 path-style addressing follows it too).
     */
    public Optional<URI> effectiveEndpoint() {
        if (endpoint != null) {
            return Optional.of(endpoint);
        }
        String env = blankToNull(System.getProperty("aws.endpointUrl", System.getenv("AWS_ENDPOINT_URL")));
        if (env == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(env));
        } catch (URISyntaxException e) {
            // The raw value may carry credentials (https://user:token@proxy): name it only in its safe form,
            // and drop the cause, whose message (and --verbose stack trace) would repeat it.
            throw new IllegalArgumentException("AWS_ENDPOINT_URL is not a valid URL: " + EndpointText.of(env));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
