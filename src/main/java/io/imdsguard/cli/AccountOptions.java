package io.imdsguard.cli;

import io.imdsguard.collect.AccountSelection;
import io.imdsguard.collect.Collector;
import io.imdsguard.collect.Shard;
import io.imdsguard.config.ScanConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The options that choose which accounts, and which share of them, {@code collect}, {@code scan} and
 * {@code usage} read: a picocli mixin beside {@link AwsOptions}. Apart from it because the commands that act
 * on AWS (trace, enforce) work in one account and must not offer these.
 */
public final class AccountOptions {
    static final String ACCOUNTS = "--accounts";
    static final String ORG = "--org";
    static final String ROLE = "--assume-role";
    static final String EXTERNAL_ID = "--external-id";
    static final String SHARD = "--shard";
    static final String CONCURRENCY = "--concurrency";
    /** Every option here: a snapshot scan makes no AWS call, so it refuses them all. */
    static final List<String> NAMES = List.of(ACCOUNTS, ORG, ROLE, EXTERNAL_ID, SHARD, CONCURRENCY);

    @Option(names = ACCOUNTS, paramLabel = "ID[,ID...]",
            description = "Read these accounts (12-digit ids, comma-separated, repeatable); the caller's own with its "
                    + "credentials, every other through --assume-role (default: the caller's account only).")
    List<String> accounts = new ArrayList<>();

    @Option(names = ORG, description = "Read every ACTIVE account of the Organization (Organizations ListAccounts, "
            + "from the management account or a delegated administrator); needs --assume-role.")
    boolean org;

    @Option(names = ROLE, paramLabel = "NAME",
            description = "The role to assume in every account but the caller's: arn:aws:iam::<account>:role/NAME "
                    + "(session name " + AccountSelection.SESSION_NAME + ").")
    String role;

    @Option(names = EXTERNAL_ID, paramLabel = "ID",
            description = "The external id the member roles' trust policies require (sts:ExternalId).")
    String externalId;

    @Option(names = SHARD, paramLabel = "K/N",
            description = "Read only shard K of N: a deterministic share of the (account, region) units, sorted by "
                    + "account then region; 'imdsguard merge' joins the N reports into one.")
    String shard;

    @Option(names = CONCURRENCY, paramLabel = "N",
            description = "Tasks run at once: one service in one account and region (collect, scan), one region of "
                    + "one account (usage) (default: "
                    + Collector.DEFAULT_THREADS + ").")
    Integer concurrency;

    /** Fills what the command line left unset from the configuration file's keys. */
    void defaults(ScanConfig config, CommandSpec spec) {
        if (!matched(spec, ACCOUNTS) && !matched(spec, ORG)) {
            accounts = new ArrayList<>(config.accounts());
            org = Boolean.TRUE.equals(config.org());
        }
        if (!matched(spec, ROLE) && config.role() != null) {
            role = config.role();
        }
        if (!matched(spec, EXTERNAL_ID) && config.externalId() != null) {
            externalId = config.externalId();
        }
        if (!matched(spec, CONCURRENCY) && config.concurrency() != null) {
            concurrency = config.concurrency();
        }
    }

    /** The accounts to read; a malformed id, or another account without --assume-role, is a usage error. */
    AccountSelection selection() {
        List<String> ids = CommaList.items(ACCOUNTS, "account id", "name accounts, comma-separated", accounts);
        if (org && !ids.isEmpty()) {
            throw new UsageException(ORG + " and " + ACCOUNTS
                    + " cannot be combined: --org already reads every account");
        }
        if (org && role == null) {
            throw new UsageException(ORG + " reads the member accounts through a role: give " + ROLE
                    + " NAME (e.g. OrganizationAccountAccessRole)");
        }
        if (externalId != null && role == null) {
            throw new UsageException(EXTERNAL_ID + " is sent when a role is assumed: give " + ROLE + " NAME too");
        }
        if (role != null && !role.isBlank() && !AccountSelection.validRoleName(role)) {
            throw new UsageException(ROLE + ": not an IAM role name: '" + role + "'");
        }
        try {
            return new AccountSelection(ids, org, role, externalId);
        } catch (IllegalArgumentException e) {
            // The role was checked above: what is left is about the account ids.
            throw new UsageException(ACCOUNTS + ": " + e.getMessage(), e);
        }
    }

    /** The shard to read ({@link Shard#ALL} without --shard). */
    Shard shard() {
        if (shard == null) {
            return Shard.ALL;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException(SHARD + ": " + e.getMessage(), e);
        }
    }

    int threads() {
        int n = concurrency == null ? Collector.DEFAULT_THREADS : concurrency;
        if (n < 1 || n > ScanConfig.MAX_CONCURRENCY) {
            throw new UsageException(CONCURRENCY + " must be between 1 and " + ScanConfig.MAX_CONCURRENCY + ", got "
                    + n);
        }
        return n;
    }

    /** Fails on a malformed selection before any AWS call is made. */
    void validate() {
        selection();
        shard();
        threads();
    }

    private static boolean matched(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
