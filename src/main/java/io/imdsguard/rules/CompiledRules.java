package io.imdsguard.rules;

import io.imdsguard.rules.facts.RuleHit;
import org.kie.api.KieBase;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled rule pack: the knowledge base and each rule's metadata. Thread-safe to evaluate
 * concurrently (each evaluation opens its own session).
 */
public final class CompiledRules {
    /**
     * Firings allowed per fact before the run is declared runaway (a user rule that keeps re-activating
     * itself). The bundled pack fires a few times per instance; the cap scales with the fleet so a big
     * scan is never cut short, and reaching it is an error, never a silently truncated report.
     */
    private static final int FIRINGS_PER_FACT = 50;
    private static final int MIN_FIRINGS = 10_000;

    private final KieBase base;
    private final Map<String, RuleMetadata> byId = new LinkedHashMap<>();
    private final int fileCount;
    private final long compileMillis;
    private final boolean regionScoped;

    CompiledRules(KieBase base, List<RuleMetadata> rules, int fileCount, long compileMillis, boolean regionScoped) {
        this.base = base;
        this.regionScoped = regionScoped;
        rules.forEach(r -> byId.put(r.id(), r));
        this.fileCount = fileCount;
        this.compileMillis = compileMillis;
    }

    /** Every rule's metadata, ordered by id. */
    public List<RuleMetadata> rules() {
        return byId.values().stream().sorted(Comparator.comparing(RuleMetadata::id)).toList();
    }

    public Optional<RuleMetadata> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int fileCount() {
        return fileCount;
    }

    /**
     * Whether no rule of the pack joins facts of two (account, region) units, so that units may be
     * evaluated in sessions of their own, concurrently, with the same hits as one session over all
     * of them. True of the bundled pack alone.
     */
    public boolean regionScoped() {
        return regionScoped;
    }

    /** How long parsing, checking and compiling took. */
    public long compileMillis() {
        return compileMillis;
    }

    /**
     * Inserts the facts, fires the rules to quiescence and returns the hits that still stand
     * (logically inserted hits whose justification was withdrawn are gone by then), in the session's
     * order, which is no particular one ({@link FindingBuilder} orders what it makes of them).
     */
    public List<RuleHit> evaluate(Collection<?> facts) {
        KieSession session = base.newKieSession();
        try {
            facts.forEach(session::insert);
            int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_FIRINGS, (long) facts.size() * FIRINGS_PER_FACT));
            int fired;
            try {
                fired = session.fireAllRules(limit);
            } catch (ConsequenceException e) {
                // A consequence (Java in a rule's 'then') threw: the rule's author's to fix, named as such.
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new RuleEvaluationException("rule \"" + e.getMatch().getRule().getName() + "\" failed while firing: "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
            }
            if (fired >= limit) {
                throw new RuleEvaluationException("rules fired " + fired + " times for " + facts.size()
                        + " facts and were stopped: a rule probably re-activates itself (check modify/insert in --rules)");
            }
            // A class filter reads the session's store of hits alone, not every fact of the fleet.
            List<RuleHit> hits = new ArrayList<>();
            for (Object hit : session.getObjects(new ClassObjectFilter(RuleHit.class))) {
                hits.add((RuleHit) hit);
            }
            return hits;
        } finally {
            session.dispose();
        }
    }
}
