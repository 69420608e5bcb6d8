package io.imdsguard.trace;

/** The POSIX sh scripts that run on hosts, from {@code src/main/resources/trace/}. (Being written on branch h-parse.) */
public final class HostScripts {
    private HostScripts() {
    }

    /** The script {@code name} ("start", "collect", "stop") as it is sent to hosts. */
    public static String text(String name) {
        throw new UnsupportedOperationException("the host scripts are not written yet");
    }
}
