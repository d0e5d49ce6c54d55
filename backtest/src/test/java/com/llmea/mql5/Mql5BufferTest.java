package com.llmea.mql5;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every call into the bridge that fills an output buffer (a {@code uint16_t*} followed by its capacity in llmea.h)
 * passes a string sized in the same function with {@code StringInit(buf, CAP, ...)} and that same CAP as the
 * capacity: a smaller buffer than the capacity announced would let the DLL write past it.
 */
class Mql5BufferTest {

    @Test
    void outputBuffersAreSizedWhereTheyArePassed() throws IOException {
        Map<String, BridgeHeaderTest.Function> functions = BridgeHeaderTest.headerFunctions(BridgeHeaderTest.read(BridgeHeaderTest.HEADER));
        List<String> problems = new ArrayList<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(Path.of("..", "mql5"))) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.mq[5h]$") && !p.toString().contains("node_modules")).toList()) {
                String text = BridgeHeaderTest.stripComments(BridgeHeaderTest.read(f));
                for (var fn : functions.values()) {
                    List<String> params = fn.params();
                    for (int i = 0; i + 1 < params.size(); i++) {
                        if (!params.get(i).equals("uint16_t*")) {
                            continue;
                        }
                        Matcher call = Pattern.compile("\\b" + fn.name() + "\\s*\\(([^;]*?)\\)\\s*[;)!=<>]").matcher(text);
                        while (call.find()) {
                            if (text.substring(0, call.start()).matches("(?s).*#import\\s+\"llmea\\.dll\"[^#]*")) {
                                continue; // the prototype itself
                            }
                            calls++;
                            String[] args = call.group(1).split(",");
                            String where = f.getFileName() + ": " + fn.name() + "(" + call.group(1).replaceAll("\\s+", " ") + ")";
                            if (args.length != params.size()) {
                                problems.add(where + ": " + args.length + " arguments");
                                continue;
                            }
                            String buf = args[i].strip();
                            String cap = args[i + 1].strip();
                            int body = text.lastIndexOf("\n  {", call.start());
                            String before = text.substring(Math.max(body, 0), call.start());
                            if (!Pattern.compile("StringInit\\(\\s*" + Pattern.quote(buf) + "\\s*,\\s*" + Pattern.quote(cap) + "\\s*,").matcher(before).find()) {
                                problems.add(where + ": '" + buf + "' is not sized with StringInit(" + buf + "," + cap + ",...) in this function");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(4, calls, "calls of llmea_version, llmea_on_bar, llmea_last_reason, llmea_last_error found");
    }
}
