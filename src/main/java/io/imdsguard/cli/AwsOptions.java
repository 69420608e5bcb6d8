package io.imdsguard.cli;

import io.imdsguard.aws.AwsSettings;
import io.imdsguard.aws.EndpointText;
import io.imdsguard.collect.CollectRequest;
import io.imdsguard.config.ScanConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options that choose what AWS to read, shared by {@code collect} and {@code scan} as a picocli mixin.
 */
public final class AwsOptions {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    // Split here, not by picocli: its split drops the empty items ("", "a,,") that betray an unset variable.
    @Option(names = "--regions", paramLabel = "REGION[,REGION...]",
            description = "Regions to read, comma-separated (repeatable), or 'all' (default: every region enabled in the account).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (as the AWS CLI's --endpoint-url; AWS_ENDPOINT_URL also works).")
    String endpointUrl;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Named profile from the AWS config files (default: AWS_PROFILE or the default credential chain).")
    String profile;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "How long a connection to AWS may stay silent before the attempt is given up: 30s, 2m or "
                    + "plain seconds (default: 15s; an answer that keeps arriving may take four times that).")
    String timeout;

    @Option(names = "--region", paramLabel = "REGION", hidden = true,
            description = "Home region for STS and region discovery (default: AWS_REGION, the profile's, else us-east-1).")
    String homeRegion;

    /** Connection settings; a malformed endpoint, given here or in AWS_ENDPOINT_URL, is a usage error. */
    public AwsSettings settings() {
        AwsSettings settings = new AwsSettings(homeRegion, endpoint(), profile, timeout == null ? null : duration(timeout));
        try {
            settings.effectiveEndpoint();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return settings;
    }

    /** The selection; an empty region name (an unset CI variable, a stray comma) is a usage error, not "all". */
    public CollectRequest request() {
        return new CollectRequest(CommaList.items("--regions", "region name", "name regions, comma-separated, or 'all'",
                regions));
    }

    /** Takes the configuration file's {@code regions} unless --regions was given. */
    void defaults(ScanConfig config, CommandSpec spec) {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--regions") && !config.regions().isEmpty()) {
            regions = new ArrayList<>(config.regions());
        }
    }

    /** Fails on a malformed selection before any AWS call is made. */
    void validate() {
        settings();
        request();
    }

    /** "30s", "2m", "500ms", "1h" or plain seconds ("20"). */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--timeout must be a duration such as 30s, 2m or 45, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new UsageException("--timeout must be more than zero, got '" + text + "'");
        }
        return d;
    }

    private URI endpoint() {
        if (endpointUrl == null || endpointUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(endpointUrl.trim());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new UsageException("--endpoint-url must be an http(s) URL, got '" + EndpointText.of(endpointUrl) + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url is not a valid URL: '" + EndpointText.of(endpointUrl) + "'");
        }
    }
}
