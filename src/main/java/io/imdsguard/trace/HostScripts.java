package io.imdsguard.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The POSIX sh scripts that run on hosts as root, from {@code src/main/resources/trace/}: what
 * {@code trace script} prints is exactly what is sent. Parameters are shell assignments the
 * dispatcher puts before the text (see each script's header).
 */
public final class HostScripts {
    /** The scripts there are, in the order they run. */
    public static final List<String> NAMES = List.of("start", "collect", "stop");

    private HostScripts() {
    }

    /** The script {@code name} ("start", "collect", "stop") as it is sent to hosts. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no host script '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = HostScripts.class.getResourceAsStream("/trace/" + name + ".sh")) {
            if (in == null) {
                throw new IllegalStateException("the host script " + name + ".sh is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
