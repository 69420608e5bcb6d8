package io.imdsguard.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds DRL files: the bundled pack and user directories ({@code --rules DIR}).
 *
 * <p>The bundled pack is listed in {@code rules/index.txt} (one file name a line) because a
 * classpath directory cannot be listed inside a jar. When the index is not on the classpath
 * (running from a source checkout without a build), the top-level {@code rules/} directory is read.
 */
public final class RuleSources {
    /** The classpath resource listing the bundled DRL files. */
    public static final String BUNDLED_INDEX = "rules/index.txt";

    private RuleSources() {
    }

    /** The bundled rule pack. */
    public static List<RuleSource> bundled() throws RuleLoadException {
        ClassLoader loader = RuleSources.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream(BUNDLED_INDEX)) {
            if (index == null) {
                return fromSourceTree();
            }
            List<RuleSource> sources = new ArrayList<>();
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (name.isBlank() || name.startsWith("#")) {
                    continue;
                }
                try (InputStream drl = loader.getResourceAsStream("rules/" + name.strip())) {
                    if (drl == null) {
                        throw new RuleLoadException(List.of(BUNDLED_INDEX + ": lists " + name.strip() + ", which is not bundled"));
                    }
                    sources.add(new RuleSource("rules/" + name.strip(), new String(drl.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RuleSource> fromSourceTree() throws RuleLoadException {
        Path dir = Path.of(System.getProperty("imdsguard.projectDir", ".")).resolve("rules");
        if (!Files.isDirectory(dir)) {
            throw new RuleLoadException(List.of(BUNDLED_INDEX + ": the bundled rule pack is missing from the classpath"));
        }
        return directory(dir);
    }

    /** Every {@code *.drl} file under {@code dir} (recursively), in path order; a directory without any is an error. */
    public static List<RuleSource> directory(Path dir) throws RuleLoadException {
        if (!Files.isDirectory(dir)) {
            throw new RuleLoadException(List.of(dir + (Files.exists(dir) ? ": not a directory" : ": no such directory")));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
            if (files.isEmpty()) {
                // Most likely a mistyped --rules path; loading nothing silently would hide the user's rules.
                throw new RuleLoadException(List.of(dir + ": no *.drl files"));
            }
            List<RuleSource> sources = new ArrayList<>();
            for (Path file : files) {
                sources.add(new RuleSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return sources;
        } catch (IOException e) {
            throw new RuleLoadException(List.of(dir + ": " + e.getMessage()));
        }
    }

    /**
     * The bundled pack plus every user directory, in the order given. A user file that is a copy of a
     * bundled one (same name and text: say, {@code rules validate rules} in a checkout) is that bundled
     * file, loaded once rather than refused as a duplicate of itself.
     */
    public static List<RuleSource> bundledAnd(List<Path> userDirs) throws RuleLoadException {
        List<RuleSource> bundled = bundled();
        List<RuleSource> all = new ArrayList<>(bundled);
        for (Path dir : userDirs) {
            directory(dir).stream().filter(s -> bundledCopy(s, bundled).isEmpty()).forEach(all::add);
        }
        return all;
    }

    /** The bundled file that {@code source} is a copy of, if any. */
    public static Optional<RuleSource> bundledCopy(RuleSource source, List<RuleSource> bundled) {
        String name = Path.of(source.displayPath()).getFileName().toString();
        return bundled.stream().filter(b -> b.content().equals(source.content())
                && Path.of(b.displayPath()).getFileName().toString().equals(name)).findFirst();
    }
}
