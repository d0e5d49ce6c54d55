package com.llmea.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ./llm-ea ...} command line in README.md and docs/*.md parses against the real command tree:
 * a renamed command or option breaks this test, not a user following the docs. (Parsing only: the
 * commands themselves are exercised by their own tests.) Synopsis lines with {@code [...]} or {@code ...}
 * are not command lines and are left out.
 */
class DocsCommandLinesTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            for (String line : commandLines(Files.readAllLines(file, StandardCharsets.UTF_8))) {
                List<String> args = tokens(line);
                try {
                    Main.commandLine().parseArgs(args.toArray(String[]::new));
                    checked++;
                } catch (CommandLine.ParameterException e) {
                    failures.add(file.getFileName() + ": " + line + "\n    " + e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            fail("documented command lines that no longer parse:\n" + String.join("\n", failures));
        }
        assertTrue(checked >= 25, "found the documented command lines (" + checked + ")");
    }

    /** Lines starting with ./llm-ea (optionally after "$ "), continuations joined, comments and synopses dropped. */
    static List<String> commandLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("$ ")) {
                t = t.substring(2);
            }
            if (!t.startsWith("./llm-ea ")) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            while (t.endsWith("\\") && i + 1 < lines.size()) {
                sb.append(t, 0, t.length() - 1).append(' ');
                t = lines.get(++i).strip();
            }
            sb.append(t);
            String cmd = sb.toString().replaceFirst("\\s+#.*$", "").strip();
            if (cmd.contains("...") || cmd.contains("[") || cmd.contains("`")) {
                continue;
            }
            out.add(cmd.substring("./llm-ea ".length()));
        }
        return out;
    }

    /** Splits on spaces, keeping "double quoted" words whole. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
