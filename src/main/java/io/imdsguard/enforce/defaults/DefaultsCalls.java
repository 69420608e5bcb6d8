package io.imdsguard.enforce.defaults;

import io.imdsguard.collect.ErrorText;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.report.Printable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsRequest;

import java.util.Optional;

/** The two EC2 calls on a region's IMDS defaults, and what their answers mean. */
final class DefaultsCalls {
    /** What ModifyInstanceMetadataDefaults takes for "clear this setting" (the hop limit takes -1). */
    static final String NO_PREFERENCE = "no-preference";
    private static final String DRY_RUN_OK = "DryRunOperation";

    private DefaultsCalls() {
    }

    static RegionDefaults read(Ec2Client ec2, String region) {
        return RegionDefaults.of(region, ec2.getInstanceMetadataDefaults(r -> { }));
    }

    /**
     * The enforcement: tokens required, and hop limit 2 only where the region has no preference (containers
     * behind IMDSv2 need 2; an explicit value was someone's choice and is kept). Unsent fields stay as they are.
     */
    static ModifyInstanceMetadataDefaultsRequest require(MetadataSettings before, boolean dryRun) {
        ModifyInstanceMetadataDefaultsRequest.Builder request = ModifyInstanceMetadataDefaultsRequest.builder()
                .httpTokens(MetadataSettings.REQUIRED).dryRun(dryRun);
        if (before.httpPutResponseHopLimit() == null) {
            request.httpPutResponseHopLimit(RegionDefaultsEnforcer.HOP_LIMIT);
        }
        return request.build();
    }

    /** A restore: every field sent, so that one the enforcement set is cleared again when it had no preference. */
    static ModifyInstanceMetadataDefaultsRequest restore(MetadataSettings to, boolean dryRun) {
        return ModifyInstanceMetadataDefaultsRequest.builder()
                .httpTokens(orNoPreference(to.httpTokens()))
                .httpPutResponseHopLimit(to.httpPutResponseHopLimit() == null ? -1 : to.httpPutResponseHopLimit())
                .httpEndpoint(orNoPreference(to.httpEndpoint()))
                .instanceMetadataTags(orNoPreference(to.instanceMetadataTags()))
                .dryRun(dryRun)
                .build();
    }

    /**
     * Sends a DryRun request: empty when AWS answered DryRunOperation (permitted), else AWS's error
     * ({@code UnauthorizedOperation: ...}). A DryRun request that AWS actually took is reported as such.
     */
    static Optional<String> prove(Ec2Client ec2, ModifyInstanceMetadataDefaultsRequest dryRun) {
        try {
            ec2.modifyInstanceMetadataDefaults(dryRun);
            return Optional.of("the DryRun call was answered as a real one (is the endpoint an emulator that ignores DryRun?)");
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && DRY_RUN_OK.equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            return Optional.of(error(e));
        }
    }

    /** One line, printable: AWS's code and message, or what went wrong on the way. */
    static String error(SdkException e) {
        return Printable.of(ErrorText.of(e));
    }

    static String printable(String text) {
        return Printable.of(text);
    }

    /** For people: "tokens optional, hop limit 3", or "no preference". */
    static String describe(MetadataSettings s) {
        if (s == null) {
            return "?";
        }
        if (s.httpTokens() == null && s.httpPutResponseHopLimit() == null) {
            return s.httpEndpoint() == null && s.instanceMetadataTags() == null ? NO_PREFERENCE.replace('-', ' ')
                    : "tokens no preference, hop limit no preference";
        }
        return "tokens " + (s.httpTokens() == null ? "no preference" : s.httpTokens()) + ", hop limit "
                + (s.httpPutResponseHopLimit() == null ? "no preference" : s.httpPutResponseHopLimit());
    }

    private static String orNoPreference(String value) {
        return value == null ? NO_PREFERENCE : value;
    }
}
