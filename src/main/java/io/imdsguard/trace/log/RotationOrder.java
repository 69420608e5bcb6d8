package io.imdsguard.trace.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts rotated logs in the order they were written. Python's RotatingFileHandler renames
 * {@code imds-trace.log} to {@code .1}, {@code .1} to {@code .2}, and so on, so the highest number is the
 * oldest and the plain name the newest. Files of different base names keep the order they were given in.
 */
final class RotationOrder {
    private static final Pattern ROTATED = Pattern.compile("(.*)\\.(\\d{1,4})");

    private RotationOrder() {
    }

    static List<Path> oldestFirst(List<Path> files) {
        Map<String, List<Path>> byBase = new LinkedHashMap<>();
        for (Path file : files) {
            byBase.computeIfAbsent(base(file), b -> new ArrayList<>()).add(file);
        }
        List<Path> ordered = new ArrayList<>();
        for (List<Path> group : byBase.values()) {
            group.sort(Comparator.comparingInt(RotationOrder::generation).reversed());
            ordered.addAll(group);
        }
        return ordered;
    }

    private static String base(Path file) {
        Matcher m = ROTATED.matcher(String.valueOf(file.toAbsolutePath().normalize()));
        return m.matches() ? m.group(1) : String.valueOf(file.toAbsolutePath().normalize());
    }

    private static int generation(Path file) {
        Matcher m = ROTATED.matcher(String.valueOf(file.getFileName()));
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }
}
