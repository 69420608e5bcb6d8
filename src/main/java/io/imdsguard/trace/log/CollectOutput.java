package io.imdsguard.trace.log;

/** Decodes the host collect script's output. (Being written on branch h-parse.) */
public final class CollectOutput {
    private CollectOutput() {
    }

    public static CollectedTrace parse(String stdout) throws CollectFormatException {
        throw new UnsupportedOperationException("the collect-output decoder is not written yet");
    }
}
