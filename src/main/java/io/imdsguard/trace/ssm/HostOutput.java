package io.imdsguard.trace.ssm;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A host's stdout of a finished command: the whole object SSM wrote to the run's S3 output when there
 * is one, else (or when that object is missing) the first 24,000 characters GetCommandInvocation keeps.
 */
final class HostOutput {
    private HostOutput() {
    }

    static String read(SsmClient ssm, S3Client s3, S3Output output, String commandId, String instanceId) {
        if (output != null && s3 != null) {
            try {
                return s3.getObjectAsBytes(r -> r.bucket(output.bucket()).key(output.stdoutKey(commandId, instanceId)))
                        .asUtf8String();
            } catch (NoSuchKeyException e) {
                // SSM writes nothing for an empty stdout, and the host may lack s3:PutObject: fall back.
            } catch (SdkException e) {
                if (!(e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e && s3e.statusCode() == 403)) {
                    throw e;
                }
            }
        }
        String stdout = ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId)).standardOutputContent();
        return stdout == null ? "" : stdout;
    }
}
