package io.imdsguard.cli;

/** Process entry point: the only place that calls {@link System#exit(int)}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ImdsguardCommand.commandLine().execute(args));
    }
}
