package io.imdsguard.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of output formats, by name. */
public final class Renderers {
    private static final Map<String, Renderer> BY_NAME = new LinkedHashMap<>();

    static {
        for (Renderer r : List.of(new TableRenderer(), new JsonRenderer(), new SarifRenderer(), new JunitRenderer(),
                new HtmlRenderer())) {
            BY_NAME.put(r.format(), r);
        }
    }

    private Renderers() {
    }

    public static Optional<Renderer> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
