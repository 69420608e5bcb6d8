package io.imdsguard.analyze.iam.policy;

import java.util.List;

/** A parsed policy: the {@code name} it is reported under and its statements in document order. */
public record PolicyDocument(String name, List<Statement> statements) {
    public PolicyDocument {
        statements = List.copyOf(statements);
    }
}
