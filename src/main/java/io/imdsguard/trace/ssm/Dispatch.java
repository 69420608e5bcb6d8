package io.imdsguard.trace.ssm;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One phase's SendCommand calls: {@code AWS-RunShellScript} with the host script, its
 * {@code executionTimeout}, the run's limits, a comment naming the run and phase, and the S3 output
 * when the run has one. {@link #planLines} says the same in words before anything is sent.
 */
public final class Dispatch {
    public static final String DOCUMENT = "AWS-RunShellScript";

    private final Phase phase;
    private final RunFile run;
    private final CommandSettings settings;
    private final List<Batch> batches;

    public Dispatch(Phase phase, RunFile run, CommandSettings settings, List<Batch> batches) {
        this.phase = phase;
        this.run = run;
        this.settings = settings;
        this.batches = List.copyOf(batches);
    }

    public List<Batch> batches() {
        return batches;
    }

    /** SSM's Comment (at most 100 characters; run ids are at most 64). */
    public String comment() {
        return "imdsguard trace " + run.runId() + " " + phase.scriptName();
    }

    /** The request for one batch, as it will be sent. */
    public SendCommandRequest request(Batch batch) {
        SendCommandRequest.Builder request = SendCommandRequest.builder()
                .documentName(DOCUMENT)
                .instanceIds(batch.instanceIds())
                .parameters(Map.of(
                        "commands", HostCommand.commands(phase, run),
                        "executionTimeout", List.of(Integer.toString(phase.executionTimeoutSeconds()))))
                .maxConcurrency(settings.maxConcurrency())
                .maxErrors(settings.maxErrors())
                .timeoutSeconds(settings.deliveryTimeoutSeconds())
                .comment(comment());
        if (run.s3Output() != null) {
            request.outputS3BucketName(run.s3Output().bucket());
            if (run.s3Output().prefix() != null) {
                request.outputS3KeyPrefix(run.s3Output().prefix());
            }
        }
        return request.build();
    }

    /** Sends one batch and returns what to record. */
    public SentCommand send(SsmClient ssm, Batch batch, Clock clock) {
        String commandId = ssm.sendCommand(request(batch)).command().commandId();
        return new SentCommand(phase, batch.region(), commandId, batch.instanceIds(), clock.instant());
    }

    /** What would be sent, one line each, indented for a plan. */
    public List<String> planLines() {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (Batch batch : batches) {
            n++;
            lines.add(String.format(Locale.ROOT, "  %d. %s: %d instance%s (%s)", n, batch.region(),
                    batch.instanceIds().size(), batch.instanceIds().size() == 1 ? "" : "s", abbreviated(batch.instanceIds())));
        }
        lines.add("  document " + DOCUMENT + ", script '" + phase.scriptName() + "' (imdsguard trace script "
                + phase.scriptName() + " prints it), executionTimeout " + phase.executionTimeoutSeconds() + "s");
        lines.add("  max concurrency " + settings.maxConcurrency() + ", max errors " + settings.maxErrors()
                + ", delivery timeout " + settings.deliveryTimeoutSeconds() + "s, comment \"" + comment() + "\"");
        lines.add("  output: " + (run.s3Output() == null ? "kept by SSM (the first 24,000 characters per host)"
                : run.s3Output() + " (full output)"));
        return lines;
    }

    private static String abbreviated(List<String> ids) {
        return ids.size() <= 3 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 3)) + ", ... " + (ids.size() - 3) + " more";
    }
}
