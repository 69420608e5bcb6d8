package io.imdsguard.rules;

import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The bundled rule pack as the build compiled it ({@link PackPrecompiler}): the executable model's
 * classes in a kjar on the classpath, {@value #KJAR}, with the digest of the sources it was built from.
 * Loading it takes a fraction of a second instead of the seconds the compiler needs.
 *
 * <p>The classes are defined by a class loader of their own rather than put on the class path: a
 * run-time compilation of the same DRL package (the bundled pack plus {@code --rules}) generates
 * classes of the same names, and the class path would shadow them.
 */
final class PrecompiledPack {
    /** The kjar the build writes; absent when running from sources compiled without the build step. */
    static final String KJAR = "rules/bundled.kjar";
    /** The digest of the sources the kjar was built from ({@link #digest}). */
    static final String DIGEST = "rules/bundled.sha256";
    private static final String MODEL_FILE = "drools-model";

    private PrecompiledPack() {
    }

    /**
     * The knowledge base of {@code sources} when the precompiled pack was built from exactly these
     * sources (same paths, same text); empty otherwise (a rule file changed since the build, say).
     */
    static Optional<KieBase> load(List<RuleSource> sources) {
        ClassLoader loader = PrecompiledPack.class.getClassLoader();
        try (InputStream digest = loader.getResourceAsStream(DIGEST);
             InputStream kjar = loader.getResourceAsStream(KJAR)) {
            if (digest == null || kjar == null
                    || !new String(digest.readAllBytes(), StandardCharsets.US_ASCII).strip().equals(digest(sources))) {
                return Optional.empty();
            }
            return Optional.of(base(kjar.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A digest of the sources in order, each path and text: any change to the pack changes it. */
    static String digest(List<RuleSource> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleSource source : sources) {
                sha.update(source.displayPath().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(source.content().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The knowledge base of an executable-model kjar (the build's, or one from {@link RuleCache}). */
    static KieBase base(byte[] kjar) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        List<String> modelClasses = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    classes.put(className, zip.readAllBytes());
                } else if (name.endsWith("/" + MODEL_FILE)) {
                    // First line: the model version; then one Model class name a line.
                    for (String line : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        if (!line.isBlank() && !line.contains(":")) {
                            modelClasses.add(line.strip());
                        }
                    }
                }
            }
        }
        if (modelClasses.isEmpty()) {
            throw new IllegalStateException(KJAR + " lists no executable model: rebuild the jar");
        }
        ClassLoader loader = new BytesClassLoader(classes, PrecompiledPack.class.getClassLoader());
        List<Model> models = new ArrayList<>();
        for (String name : modelClasses) {
            try {
                models.add((Model) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(KJAR + ": cannot load " + name + ": rebuild the jar", e);
            }
        }
        return KieBaseBuilder.createKieBaseFromModel(models);
    }

    /** Defines the kjar's classes; everything else (facts, Drools) comes from the parent. */
    private static final class BytesClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = classes.get(name);
                    // Own classes first: a generated class must never resolve to a same-named one elsewhere.
                    loaded = bytes == null ? super.loadClass(name, false) : defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
