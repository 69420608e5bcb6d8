package io.imdsguard.cli;

import io.imdsguard.trace.ssm.Batch;
import io.imdsguard.trace.ssm.Dispatch;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.SentCommand;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Sends a phase's batches and writes the run file after each one SSM accepted, so the file always
 * names every command that reached hosts, even when a later batch fails or the process is killed.
 * A refused batch is reported on stderr and the others are still sent.
 */
final class TraceSender {
    private TraceSender() {
    }

    /** What a send did: the run with its new commands, commands accepted, hosts they went to, batches refused. */
    record Result(RunFile run, int commands, int hosts, int failedBatches) {
    }

    static Result send(AwsSession session, Dispatch dispatch, RunFile run, Path runFile, PrintWriter err, Clock clock) {
        RunFileOption.write(run, runFile);
        int commands = 0;
        int hosts = 0;
        int failed = 0;
        for (Batch batch : dispatch.batches()) {
            SentCommand sent;
            try {
                sent = dispatch.send(session.clients.ssm(batch.region()), batch, clock);
            } catch (SdkException e) {
                failed++;
                err.println("imdsguard: SSM SendCommand in " + batch.region() + " for " + batch.instanceIds().size()
                        + (batch.instanceIds().size() == 1 ? " instance" : " instances") + " failed: " + session.describe(e));
                continue;
            }
            run = run.with(sent);
            RunFileOption.write(run, runFile);
            commands++;
            hosts += sent.instanceIds().size();
        }
        err.flush();
        return new Result(run, commands, hosts, failed);
    }
}
