package io.imdsguard.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step (run by Maven in {@code process-classes}): compiles the bundled rule pack into the
 * executable model once, at build time, and writes {@link PrecompiledPack#KJAR} and its sources'
 * digest into the class output, so that a scan loads the pack instead of compiling it.
 * Usage: {@code PackPrecompiler <rules dir with index.txt> <output classes dir>}.
 */
public final class PackPrecompiler {
    private PackPrecompiler() {
    }

    public static void main(String[] args) throws IOException, RuleLoadException {
        Path rules = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long started = System.nanoTime();
        List<RuleSource> sources = new ArrayList<>();
        // The same list, paths and texts as RuleSources.bundled() reads from the jar, so the digests agree.
        for (String line : Files.readAllLines(rules.resolve("index.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String name = line.strip();
                String text = Files.readString(rules.resolve(name), StandardCharsets.UTF_8);
                sources.add(new RuleSource("rules/" + name, text));
            }
        }
        byte[] kjar = RuleCompiler.compileToKjar(sources);
        Path kjarFile = out.resolve(PrecompiledPack.KJAR);
        Files.createDirectories(kjarFile.getParent());
        Files.write(kjarFile, kjar);
        Files.writeString(out.resolve(PrecompiledPack.DIGEST), PrecompiledPack.digest(sources) + "\n",
                StandardCharsets.US_ASCII);
        System.out.printf("imdsguard: precompiled %d rule files into %s (%d bytes) in %d ms%n", sources.size(),
                kjarFile,
                kjar.length, (System.nanoTime() - started) / 1_000_000);
    }
}
