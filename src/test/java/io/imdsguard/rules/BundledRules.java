package io.imdsguard.rules;

/** The bundled pack compiled once for the whole test run (compiling takes seconds). */
public final class BundledRules {
    private static CompiledRules compiled;

    private BundledRules() {
    }

    public static synchronized CompiledRules get() {
        if (compiled == null) {
            try {
                compiled = RuleCompiler.compile(RuleSources.bundled());
            } catch (RuleLoadException e) {
                throw new AssertionError("the bundled pack must compile: " + e.problems(), e);
            }
        }
        return compiled;
    }
}
