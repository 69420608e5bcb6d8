package io.imdsguard.rules;

import org.kie.api.builder.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Drools compiler messages into {@code file:line:col: message} about the user's DRL file.
 * Drools reports against its own resource paths, sometimes without a position, and errors in a
 * consequence against the Java it generated; each case is traced back to the DRL as well as possible.
 */
final class CompileMessages {
    private static final Pattern GENERATED_JAVA = Pattern.compile("src/main/java/(.+)/[^/]+\\.java");
    private static final Pattern SNIPPET = Pattern.compile("(?:expression|for|in):\\s*(.+)$");
    /** The name javac complains about in a consequence: "The method nokey() is undefined", "foo cannot be resolved". */
    private static final Pattern JAVA_NAME = Pattern.compile("(?:method|field|type) (\\w+)|(\\w+) cannot be resolved");

    private final Map<String, RuleSource> byResourcePath;
    private final Map<RuleSource, String> packages;

    CompileMessages(Map<String, RuleSource> byResourcePath, Map<RuleSource, String> packages) {
        this.byResourcePath = byResourcePath;
        this.packages = packages;
    }

    List<String> describe(List<Message> messages) {
        List<String> out = new ArrayList<>();
        for (Message m : messages) {
            String text = m.getText() == null ? "" : m.getText().strip();
            if (text.startsWith("Java source of ")) {
                continue; // a dump of the generated class that repeats the error before it
            }
            String line = describe(m, text.replaceAll("\\s*\\R\\s*", " "));
            if (!out.contains(line)) {
                out.add(line);
            }
        }
        return out;
    }

    private String describe(Message m, String text) {
        String path = m.getPath() == null ? "" : m.getPath();
        RuleSource source = sourceAt(path);
        if (source == null) {
            Matcher generated = GENERATED_JAVA.matcher(path);
            if (generated.find()) {
                source = sourceOfPackage(generated.group(1).replace('/', '.'));
                if (source != null) {
                    return inConsequence(source, text);
                }
            }
            return (path.isEmpty() ? "<rules>" : path) + ":" + Math.max(m.getLine(), 1) + ":" + Math.max(m.getColumn(), 1) + ": " + text;
        }
        return at(source, text, m.getLine(), m.getColumn(), text);
    }

    /** Javac's position is in generated code; find the name it complains about after a {@code then} in the DRL. */
    private static String inConsequence(RuleSource source, String text) {
        Matcher name = JAVA_NAME.matcher(text);
        String[] lines = source.content().split("\\R", -1);
        if (name.find()) {
            String wanted = name.group(1) != null ? name.group(1) : name.group(2);
            boolean inThen = false;
            for (int i = 0; i < lines.length; i++) {
                String trimmed = lines[i].strip();
                inThen = trimmed.equals("then") || (inThen && !trimmed.equals("end"));
                int col = inThen ? lines[i].indexOf(wanted) : -1;
                if (col >= 0) {
                    return source.displayPath() + ":" + (i + 1) + ":" + (col + 1) + ": in a rule consequence: " + text;
                }
            }
        }
        return source.displayPath() + ":1:1: in a rule consequence: " + text;
    }

    /** When Drools gives no line, find the expression its message quotes in the file. */
    private static String at(RuleSource source, String text, int line, int column, String message) {
        if (line <= 0) {
            Matcher snippet = SNIPPET.matcher(text);
            String[] lines = source.content().split("\\R", -1);
            if (snippet.find()) {
                String wanted = snippet.group(1).strip();
                for (int i = 0; i < lines.length && line <= 0; i++) {
                    int col = lines[i].indexOf(wanted);
                    if (col >= 0) {
                        line = i + 1;
                        column = col + 1;
                    }
                }
            }
        }
        return source.displayPath() + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + message;
    }

    private RuleSource sourceAt(String path) {
        for (Map.Entry<String, RuleSource> e : byResourcePath.entrySet()) {
            if (!path.isEmpty() && (e.getKey().equals(path) || e.getKey().endsWith("/" + path) || path.endsWith("/" + e.getKey()))) {
                return e.getValue();
            }
        }
        return null;
    }

    private RuleSource sourceOfPackage(String generatedPackage) {
        // Consequences are generated into sub-packages of the DRL's package (pkg.P4E.LambdaConsequence...).
        RuleSource best = null;
        int bestLength = -1;
        for (Map.Entry<RuleSource, String> e : packages.entrySet()) {
            String pkg = e.getValue();
            if ((generatedPackage.equals(pkg) || generatedPackage.startsWith(pkg + ".")) && pkg.length() > bestLength) {
                best = e.getKey();
                bestLength = pkg.length();
            }
        }
        return best;
    }
}
