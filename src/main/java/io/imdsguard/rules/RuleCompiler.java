package io.imdsguard.rules;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.internal.builder.InternalKieBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compiles DRL sources into a knowledge base with Drools' executable model. Sources are checked
 * first ({@link MetadataReader}): syntax errors and rules without metadata are refused before the
 * (slow) compiler runs. Compile once per run and reuse the {@link CompiledRules}.
 */
public final class RuleCompiler {
    private static final String RESOURCE_ROOT = "src/main/resources/";

    private RuleCompiler() {
    }

    /**
     * Compiles the sources or throws with every problem found, compiler-style. The bundled pack, unchanged
     * since the build, is loaded precompiled ({@link PrecompiledPack}); anything else (user rules from
     * {@code --rules}, an edited pack) is compiled here, or loaded from the {@link RuleCache} when these
     * very sources were compiled before by this build.
     */
    public static CompiledRules compile(List<RuleSource> sources) throws RuleLoadException {
        return compile(sources, RuleCache.standard());
    }

    static CompiledRules compile(List<RuleSource> sources, Optional<RuleCache> cache) throws RuleLoadException {
        long started = System.nanoTime();
        MetadataReader reader = check(sources);
        Optional<KieBase> loaded = PrecompiledPack.load(sources);
        if (loaded.isEmpty()) {
            loaded = cache.flatMap(c -> c.load(sources));
        }
        KieBase base;
        if (loaded.isPresent()) {
            base = loaded.get();
        } else {
            KieServices services = KieServices.Factory.get();
            Build build = build(services, sources, reader);
            base = services.newKieContainer(build.release()).getKieBase();
            cache.ifPresent(c -> c.store(sources, kjar(build)));
            // The knowledge base is built; drop the module from the JVM-wide repository so repeated compiles do not pile up.
            services.getRepository().removeKieModule(build.release());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new CompiledRules(base, reader.rules(), sources.size(), millis, isBundledPack(sources));
    }

    /**
     * Whether the sources are exactly the bundled pack, whose rules join facts only within one instance
     * or one region (docs/rules.md), so that each (account, region) may be evaluated apart. A user's rule
     * may join across regions or accounts, so any pack with {@code --rules} in it is evaluated whole.
     */
    private static boolean isBundledPack(List<RuleSource> sources) {
        try {
            return sources.equals(RuleSources.bundled());
        } catch (RuleLoadException e) {
            return false;
        }
    }

    /** The executable model of the sources as kjar bytes: what the build stores as the precompiled pack. */
    static byte[] compileToKjar(List<RuleSource> sources) throws RuleLoadException {
        KieServices services = KieServices.Factory.get();
        Build build = build(services, sources, check(sources));
        byte[] bytes = kjar(build);
        services.getRepository().removeKieModule(build.release());
        return bytes;
    }

    private static byte[] kjar(Build build) {
        return ((InternalKieModule) ((InternalKieBuilder) build.builder()).getKieModule()).getBytes();
    }

    private static MetadataReader check(List<RuleSource> sources) throws RuleLoadException {
        MetadataReader reader = new MetadataReader();
        sources.forEach(reader::read);
        if (!reader.problems().isEmpty()) {
            throw new RuleLoadException(reader.problems());
        }
        return reader;
    }

    private record Build(KieBuilder builder, ReleaseId release) {
    }

    private static Build build(KieServices services, List<RuleSource> sources, MetadataReader reader)
            throws RuleLoadException {
        KieFileSystem files = services.newKieFileSystem();
        // A fresh release id per build: the KieRepository is JVM-wide, and tests compile several packs.
        ReleaseId release = services.newReleaseId("io.imdsguard.rules", "pack-" + UUID.randomUUID(), "1.0.0");
        files.generateAndWritePomXML(release);
        Map<String, RuleSource> byResourcePath = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            // Under the package's folder (Drools warns otherwise), numbered so that equal file names from two directories coexist.
            String folder = reader.packages().getOrDefault(sources.get(i), "").replace('.', '/');
            String path = RESOURCE_ROOT + (folder.isEmpty() ? "" : folder + "/") + i + "-" + fileName(sources.get(i).displayPath());
            byResourcePath.put(path, sources.get(i));
            files.write(path, sources.get(i).content());
        }
        KieBuilder builder = services.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleLoadException(new CompileMessages(byResourcePath, reader.packages()).describe(errors));
        }
        return new Build(builder, release);
    }

    private static String fileName(String displayPath) {
        String name = displayPath.substring(displayPath.lastIndexOf('/') + 1);
        return name.endsWith(".drl") ? name : name + ".drl";
    }
}
