package io.imdsguard.rules;

import io.imdsguard.findings.Severity;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses DRL sources (without compiling them) to report syntax errors with the user's file, line
 * and column, and to read and check every rule's metadata. Parsing first is what lets a metadata
 * problem point at the rule's line: the compiled knowledge base no longer knows where a rule came from.
 */
final class MetadataReader {
    private static final List<String> REQUIRED = List.of("id", "severity", "title", "remediation");

    private final List<RuleMetadata> rules = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, RuleMetadata> byId = new HashMap<>();
    private final Map<RuleSource, String> packages = new java.util.LinkedHashMap<>();

    List<RuleMetadata> rules() {
        return rules;
    }

    /** The package each parsed source declares. */
    Map<RuleSource, String> packages() {
        return packages;
    }

    List<String> problems() {
        return problems;
    }

    void read(RuleSource source) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.content());
        } catch (DroolsParserException e) {
            problems.add(source.displayPath() + ":1:1: " + e.getMessage());
            return;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                problems.add(syntaxError(source, error));
            }
            return;
        }
        packages.put(source, pkg.getName());
        for (RuleDescr rule : pkg.getRules()) {
            check(source, pkg.getName(), rule);
        }
    }

    private static String syntaxError(RuleSource source, DroolsError error) {
        if (error instanceof ParserError p) {
            return source.displayPath() + ":" + Math.max(p.getRow(), 1) + ":" + (p.getCol() + 1) + ": " + p.getMessage();
        }
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 1) : 1;
        return source.displayPath() + ":" + line + ":1: " + error.getMessage();
    }

    private void check(RuleSource source, String packageName, RuleDescr rule) {
        String where = source.displayPath() + ":" + rule.getLine() + ": rule \"" + rule.getName() + "\": ";
        Map<String, String> values = new HashMap<>();
        boolean complete = true;
        for (String key : REQUIRED) {
            AnnotationDescr annotation = rule.getAnnotation(key);
            String value = annotation == null ? null : text(annotation);
            if (value == null || value.isBlank()) {
                problems.add(where + "missing @" + key);
                complete = false;
            }
            values.put(key, value);
        }
        if (!complete) {
            return;
        }
        Severity severity;
        try {
            severity = Severity.valueOf(values.get("severity").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + "bad @severity \"" + values.get("severity") + "\" (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)");
            return;
        }
        RuleMetadata meta = new RuleMetadata(values.get("id").trim(), severity, values.get("title").trim(),
                values.get("remediation").trim(), packageName, rule.getName(), source.displayPath(), rule.getLine());
        RuleMetadata earlier = byId.putIfAbsent(meta.id(), meta);
        if (earlier != null) {
            problems.add(where + "duplicate @id " + meta.id() + " (already used by rule \"" + earlier.ruleName()
                    + "\" at " + earlier.source() + ":" + earlier.line() + ")");
            return;
        }
        rules.add(meta);
    }

    private static String text(AnnotationDescr annotation) {
        Object value = annotation.getSingleValueStripped();
        return value == null ? null : value.toString();
    }
}
