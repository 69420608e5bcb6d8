package io.imdsguard.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code imdsguard ...} command in a fenced code block of README.md and docs/*.md parses with the real
 * command spec (flags exist, values fit their types, subcommands are named right), so that an example a
 * reader copies is not refused for a renamed or invented flag.
 */
class DocsCommandsTest {
    private static final Path ROOT = Path.of(System.getProperty("imdsguard.projectDir", "."));
    /** A command starts a line (after a prompt) or follows a pipe, {@code &&}, {@code ;} or {@code $(}. */
    private static final Pattern COMMAND = Pattern.compile("(?:^|[|;&(]\\s*|^\\$\\s+)(imdsguard (?:[a-z]+)\\b.*)$");

    @Test
    void everyDocumentedCommandParses() throws Exception {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> checked = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            boolean fenced = false;
            String fence = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    fence = line.strip().substring(3);
                    continue;
                }
                if (!fenced || !(fence.isEmpty() || fence.matches("bash|sh|shell|console"))) {
                    continue;
                }
                int at = i + 1;
                StringBuilder command = new StringBuilder(line);
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                for (String piece : command.toString().split("\\|\\||&&|[|;]")) {
                    Matcher m = COMMAND.matcher(piece.strip());
                    if (!m.find()) {
                        continue;
                    }
                    String text = m.group(1).replaceAll("\\s+#\\s.*$", "").replaceAll("\\s*[<>]\\s*\\S+", "")
                            .replaceAll("\\)+\\s*$", "").strip();
                    if (text.contains(" [-") || text.contains("..")) {
                        continue; // a synopsis (imdsguard rules list [--rules DIR]..), not an example
                    }
                    String where = ROOT.relativize(doc) + ":" + at + ": " + text;
                    checked.add(where);
                    String problem = problem(text);
                    if (problem != null) {
                        refused.add(where + "\n    -> " + problem);
                    }
                }
            }
        }
        assertThat(checked).as("the docs show commands").hasSizeGreaterThan(50);
        assertThat(refused).as("documented commands that imdsguard refuses").isEmpty();
    }

    /** Why picocli refuses {@code command}, or null when it parses. */
    private static String problem(String command) {
        List<String> words = DocumentedCommands.split(DocumentedCommands.expand(command));
        CommandLine cl = ImdsguardCommand.commandLine();
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            return parsed.hasSubcommand() || words.size() == 1 || parsed.isUsageHelpRequested()
                    || parsed.isVersionHelpRequested() ? null : "no subcommand";
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }
}
