package io.imdsguard.enforce.instances;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.collect.ErrorText;
import io.imdsguard.enforce.MetadataSettings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsRequest;

/**
 * One ModifyInstanceMetadataOptions call sending every field of the settings: AWS documents "existing
 * state is maintained" only for some omitted fields, and emulators reset what is omitted.
 */
public final class MetadataCall {
    static final String DRY_RUN_OK = "DryRunOperation";
    static final String NOT_FOUND = "InvalidInstanceID.NotFound";

    private final AwsClients clients;

    public MetadataCall(AwsClients clients) {
        this.clients = clients;
    }

    /** How a call ended. {@code error} is AWS's "Code: message" for {@link Kind#REFUSED}. */
    public record Answer(Kind kind, String error) {
        public boolean accepted() {
            return kind == Kind.ACCEPTED;
        }
    }

    public enum Kind {
        /** The change was taken (or, for a dry run, AWS said DryRunOperation: it would be). */
        ACCEPTED,
        /** The instance is not there. */
        NOT_FOUND,
        /** AWS refused: permission, throttling past the retries, a bad value. */
        REFUSED
    }

    /** Sends {@code to} for {@code instanceId}; {@code dryRun} only asks whether it is permitted. */
    public Answer send(String region, String instanceId, MetadataSettings to, boolean dryRun) {
        ModifyInstanceMetadataOptionsRequest request = ModifyInstanceMetadataOptionsRequest.builder()
                .instanceId(instanceId).httpTokens(to.httpTokens()).httpEndpoint(to.httpEndpoint())
                .httpPutResponseHopLimit(to.httpPutResponseHopLimit()).httpProtocolIpv6(to.httpProtocolIpv6())
                .instanceMetadataTags(to.instanceMetadataTags()).dryRun(dryRun).build();
        try {
            clients.ec2(region).modifyInstanceMetadataOptions(request);
            // AWS never answers a DryRun with success; an endpoint that does has applied the change.
            return dryRun ? new Answer(Kind.REFUSED, "the endpoint ignored DryRun and applied the change")
                    : new Answer(Kind.ACCEPTED, null);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (dryRun && DRY_RUN_OK.equals(code)) {
                return new Answer(Kind.ACCEPTED, null);
            }
            if (NOT_FOUND.equals(code)) {
                return new Answer(Kind.NOT_FOUND, ErrorText.of(e));
            }
            return new Answer(Kind.REFUSED, ErrorText.of(e));
        } catch (SdkException e) {
            return new Answer(Kind.REFUSED, ErrorText.of(e));
        }
    }
}
