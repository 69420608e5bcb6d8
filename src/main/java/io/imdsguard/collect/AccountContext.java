package io.imdsguard.collect;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.EndpointText;
import io.imdsguard.aws.NoAnswerException;
import io.imdsguard.inventory.AwsApi;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Region;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The first two calls of a run, without which nothing else makes sense: who the account is
 * (STS GetCallerIdentity) and which regions it has enabled (EC2 DescribeRegions). Their failure
 * is fatal, unlike every later call's. Public so that {@code usage} resolves its selection exactly as a
 * collection does.
 */
public final class AccountContext {
    private static final Set<String> ENABLED = Set.of("opt-in-not-required", "opted-in");

    private final AwsClients clients;

    public AccountContext(AwsClients clients) {
        this.clients = clients;
    }

    public String accountId() throws CollectionFailedException {
        return fatal(AwsApi.STS + ":" + AwsApi.GET_CALLER_IDENTITY, () -> clients.sts().getCallerIdentity(r -> { }).account());
    }

    /** The regions to collect: every enabled one, or the requested ones after checking each is enabled. */
    public List<String> regions(CollectRequest request) throws CollectionFailedException {
        String home = clients.homeRegion().id();
        List<Region> all = fatal(AwsApi.EC2 + ":" + AwsApi.DESCRIBE_REGIONS,
                () -> clients.ec2(home).describeRegions(r -> r.allRegions(true)).regions());
        // No OptInStatus at all (older emulators) counts as enabled.
        Set<String> enabled = new TreeSet<>();
        all.stream().filter(r -> r.optInStatus() == null || ENABLED.contains(r.optInStatus()))
                .forEach(r -> enabled.add(r.regionName()));
        if (request.allRegions()) {
            return List.copyOf(enabled);
        }
        Set<String> known = new TreeSet<>();
        all.forEach(r -> known.add(r.regionName()));
        for (String region : request.regions()) {
            if (!enabled.contains(region)) {
                String why = known.contains(region) ? "region '" + region + "' is not enabled in this account"
                        : "unknown region '" + region + "'";
                throw new UnknownRegionException(why + " (enabled: " + String.join(", ", enabled) + ")");
            }
        }
        return request.regions().stream().sorted().toList();
    }

    private <T> T fatal(String call, Supplier<T> supplier) throws CollectionFailedException {
        try {
            return supplier.get();
        } catch (AwsServiceException e) {
            throw new CollectionFailedException(call + " failed: " + ErrorText.of(e), e);
        } catch (SdkClientException e) {
            throw new CollectionFailedException(NoAnswerException.in(e).map(NoAnswerException::describe)
                    .orElseGet(() -> describeClientFailure(e)), e);
        } catch (SdkException e) {
            throw new CollectionFailedException(call + " failed: " + ErrorText.of(e), e);
        }
    }

    private String describeClientFailure(SdkClientException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Unable to load credentials") || message.contains("Profile file contained no credentials")) {
            return "no usable AWS credentials (use --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)";
        }
        String where = clients.endpoint().map(uri -> EndpointText.of(uri.toString()))
                .orElse("the " + clients.homeRegion().id() + " endpoints");
        return "cannot reach AWS at " + where + ": " + ErrorText.rootMessage(e);
    }
}
