package io.imdsguard.rules;

import java.util.List;

/**
 * The rule files could not be loaded: each message is compiler-style, {@code file:line:col: message}
 * (or {@code file:line: rule "name": missing @id} for metadata problems). The CLI exits with 2.
 */
public class RuleLoadException extends Exception {
    private final List<String> problems;

    public RuleLoadException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " rule errors:" + System.lineSeparator() + String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
