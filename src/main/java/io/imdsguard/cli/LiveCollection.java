package io.imdsguard.cli;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsProfileException;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.collect.CollectRequest;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.collect.CollectionResult;
import io.imdsguard.collect.Collector;

import java.time.Clock;

/**
 * A live collection as {@code collect} and {@code scan} run it: clients for the caller's account (and roles
 * assumed from it for the other selected accounts),
 * a progress bar only on a terminal, and a collection that cannot start (no credentials, endpoint
 * unreachable, unknown region or profile) as a one-line usage error.
 */
final class LiveCollection {
    private LiveCollection() {
    }

    /** @param showProgress false to never show the progress bar ({@code --quiet}) */
    static CollectionResult run(AwsOptions aws, AccountOptions accounts, boolean showProgress)
            throws InterruptedException {
        CollectRequest request = new CollectRequest(aws.request().regions(), accounts.selection(), accounts.shard());
        try (AwsClients clients = new AwsClients(aws.settings(), new ApiCallCounter())) {
            Collector collector = new Collector(clients, accounts.threads(), Clock.systemUTC());
            if (!showProgress || !TerminalProgress.interactive()) {
                return collector.collect(request, CollectProgress.NONE);
            }
            try (TerminalProgress progress = new TerminalProgress()) {
                return collector.collect(request, progress);
            }
        } catch (CollectionFailedException | AwsProfileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
