package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.regex.Pattern;

/**
 * Where SSM writes the scripts' full output ({@code --s3-output BUCKET[/PREFIX]}), for hosts whose
 * output exceeds the 24,000 characters GetCommandInvocation returns.
 *
 * @param prefix the key prefix without a trailing slash, null for none
 */
@JsonPropertyOrder({"bucket", "prefix"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3Output(String bucket, String prefix) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Output {
        RunFile.require("bucket", bucket);
        prefix = prefix == null || prefix.isBlank() ? null : prefix;
    }

    /** {@code BUCKET[/PREFIX]}, also with a leading {@code s3://}; a bad bucket name is an IllegalArgumentException. */
    public static S3Output parse(String text) {
        String rest = text.strip();
        if (rest.startsWith("s3://")) {
            rest = rest.substring("s3://".length());
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? null : rest.substring(slash + 1).replaceAll("/+$", "");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name");
        }
        if (prefix != null && prefix.length() > 400) {
            throw new IllegalArgumentException("the key prefix is longer than 400 characters");
        }
        return new S3Output(bucket, prefix);
    }

    /** Where SSM puts one host's stdout of the shell plugin of {@code AWS-RunShellScript}. */
    public String stdoutKey(String commandId, String instanceId) {
        String key = commandId + "/" + instanceId + "/awsrunShellScript/0.awsrunShellScript/stdout";
        return prefix == null ? key : prefix + "/" + key;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix == null ? "" : "/" + prefix);
    }
}
