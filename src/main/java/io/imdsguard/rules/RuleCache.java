package io.imdsguard.rules;

import org.kie.api.KieBase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiled rule packs that are not the bundled one (the bundled pack plus {@code --rules}), kept on disk
 * by content: compiling takes seconds, loading a cached kjar a fraction of one. The key is the sources'
 * digest and this build's own precompiled pack, which every build writes anew, so a cache entry never
 * outlives the fact classes it was compiled against. Best effort: a cache that cannot be read or written
 * is only a slower scan, never an error.
 *
 * <p>Where: {@code -Dimdsguard.rulesCache=DIR}, else {@code $XDG_CACHE_HOME/imdsguard/rules}, else
 * {@code ~/.cache/imdsguard/rules}; {@code -Dimdsguard.rulesCache=off} turns it off.
 */
final class RuleCache {
    private final Path dir;
    private final AtomicInteger loads = new AtomicInteger();

    RuleCache(Path dir) {
        this.dir = dir;
    }

    /** The cache this process uses, or empty when it is turned off. */
    static Optional<RuleCache> standard() {
        String configured = System.getProperty("imdsguard.rulesCache");
        if ("off".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new RuleCache(Path.of(configured)));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(new RuleCache(base.resolve("imdsguard").resolve("rules")));
    }

    /** How many packs this cache has loaded instead of compiling. */
    int loads() {
        return loads.get();
    }

    Optional<KieBase> load(List<RuleSource> sources) {
        Optional<Path> file = file(sources);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        try {
            KieBase base = PrecompiledPack.base(Files.readAllBytes(file.get()));
            loads.incrementAndGet();
            return Optional.of(base);
        } catch (IOException | RuntimeException | LinkageError e) {
            // A damaged or foreign entry: compile instead, and let the store below replace it.
            return Optional.empty();
        }
    }

    void store(List<RuleSource> sources, byte[] kjar) {
        Optional<Path> file = file(sources);
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            // Written beside and renamed: a concurrent scan reads a whole entry or none.
            Path temp = Files.createTempFile(dir, "pack-", ".tmp");
            Files.write(temp, kjar);
            Files.move(temp, file.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort (read-only home, full disk): the next scan compiles again.
        }
    }

    /** Empty when this build has no precompiled pack to key on (running from unbuilt sources). */
    private Optional<Path> file(List<RuleSource> sources) {
        try (InputStream build = RuleCache.class.getClassLoader().getResourceAsStream(PrecompiledPack.KJAR)) {
            if (build == null) {
                return Optional.empty();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(build.readAllBytes());
            sha.update(PrecompiledPack.digest(sources).getBytes(StandardCharsets.US_ASCII));
            return Optional.of(dir.resolve(HexFormat.of().formatHex(sha.digest()) + ".kjar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
