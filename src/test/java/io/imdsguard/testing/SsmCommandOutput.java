package io.imdsguard.testing;

/**
 * What SSM GetCommandInvocation reports for a command on one instance.
 *
 * @param status Success, Failed, TimedOut, InProgress, Cancelled, ...
 * @param responseCode the script's exit code (-1 while running)
 */
public record SsmCommandOutput(String status, int responseCode, String stdout, String stderr) {

    /** A finished, successful invocation printing {@code stdout}. */
    public static SsmCommandOutput success(String stdout) {
        return new SsmCommandOutput("Success", 0, stdout, "");
    }

    /** A failed invocation with an exit code and error text. */
    public static SsmCommandOutput failed(int exitCode, String stderr) {
        return new SsmCommandOutput("Failed", exitCode, "", stderr);
    }

    /** An invocation still running. */
    public static SsmCommandOutput inProgress() {
        return new SsmCommandOutput("InProgress", -1, "", "");
    }
}
