package io.imdsguard.cli;

import io.imdsguard.aws.AwsSettings;
import io.imdsguard.aws.EndpointText;
import io.imdsguard.collect.CollectRequest;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that choose what AWS to read, shared by {@code collect} and {@code scan} as a picocli mixin.
 */
public final class AwsOptions {
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

    @Option(names = "--region", paramLabel = "REGION", hidden = true,
            description = "Home region for STS and region discovery (default: AWS_REGION, the profile's, else us-east-1).")
    String homeRegion;

    /** Connection settings; a malformed endpoint, given here or in AWS_ENDPOINT_URL, is a usage error. */
    public AwsSettings settings() {
        AwsSettings settings = new AwsSettings(homeRegion, endpoint(), profile);
        try {
            settings.effectiveEndpoint();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return settings;
    }

    /** The selection; an empty region name (an unset CI variable, a stray comma) is a usage error, not "all". */
    public CollectRequest request() {
        List<String> names = new ArrayList<>();
        for (String value : regions) {
            for (String name : value.split(",", -1)) {
                if (name.isBlank()) {
                    throw new UsageException(value.isBlank()
                            ? "--regions: empty value (an unset variable?); name regions, comma-separated, or 'all'"
                            : "--regions: empty region name in '" + value + "'");
                }
                names.add(name.trim());
            }
        }
        return new CollectRequest(names);
    }

    /** Fails on a malformed selection before any AWS call is made. */
    void validate() {
        settings();
        request();
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
