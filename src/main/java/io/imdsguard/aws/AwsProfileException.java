package io.imdsguard.aws;

/** A named profile ({@code --profile}) that the AWS config files do not define: the user's to fix. */
public class AwsProfileException extends RuntimeException {
    public AwsProfileException(String message) {
        super(message);
    }
}
