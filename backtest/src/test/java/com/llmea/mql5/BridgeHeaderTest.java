package com.llmea.mql5;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mql5/Include/LlmEa/Bridge.mqh must mirror native-bridge/include/llmea.h exactly: the same functions with
 * the same number of arguments, each C type mapped to the one MQL5 type that passes it (see {@link #MQL5_FOR_C}),
 * and the same status, position and action codes. A mismatch here is a crash or garbage in the terminal.
 */
class BridgeHeaderTest {
    static final Path HEADER = Path.of("..", "native-bridge", "include", "llmea.h");
    static final Path MQH = Path.of("..", "mql5", "Include", "LlmEa", "Bridge.mqh");

    /** C type (normalised) → the MQL5 parameter types that pass it (normalised: tokens, then & and [] flags). */
    static final Map<String, Set<String>> MQL5_FOR_C = Map.of(
            "int32_t", Set.of("int"),
            "int64_t", Set.of("long"),
            "double", Set.of("double"),
            "const double*", Set.of("double&[]", "const double&[]"),
            "const uint16_t*", Set.of("string", "const string"),
            "uint16_t*", Set.of("string&"),
            "int32_t*", Set.of("int&"),
            "double*", Set.of("double&"));

    record Function(String returnType, String name, List<String> params) {
    }

    @Test
    void importBlockMirrorsTheHeader() throws IOException {
        List<String> problems = compare(read(HEADER), read(MQH));
        assertTrue(problems.isEmpty(), "Bridge.mqh differs from llmea.h:\n  " + String.join("\n  ", problems));
    }

    @Test
    void headerAndIncludeAreParsedCompletely() throws IOException {
        Map<String, Function> c = headerFunctions(read(HEADER));
        assertEquals(Set.of("llmea_version", "llmea_open", "llmea_on_bar", "llmea_lookback", "llmea_last_reason", "llmea_last_error",
                "llmea_close"), c.keySet(), "the header's prototypes as parsed");
        assertEquals(12, c.get("llmea_on_bar").params().size());
        assertEquals(c.keySet(), importFunctions(read(MQH)).keySet(), "the #import block's prototypes as parsed");
        Map<String, Long> codes = headerConstants(read(HEADER));
        assertEquals(9 + 3 + 5, codes.size(), "status, position and action codes: " + codes.keySet());
    }

    @Test
    void aWrongTypeIsReported() throws IOException {
        String mqh = read(MQH).replace("long llmea_open(", "int llmea_open(");
        assertHasProblem(compare(read(HEADER), mqh), "llmea_open: returns int");
    }

    @Test
    void aMissingReferenceIsReported() throws IOException {
        String mqh = read(MQH).replace("int &out_action", "int out_action");
        assertHasProblem(compare(read(HEADER), mqh), "llmea_on_bar: argument 9");
    }

    @Test
    void anIntForAnInt64IsReported() throws IOException {
        String mqh = read(MQH).replace("int  llmea_close(long handle)", "int  llmea_close(int handle)");
        assertHasProblem(compare(read(HEADER), mqh), "llmea_close: argument 1");
    }

    @Test
    void aMissingArgumentIsReported() throws IOException {
        String mqh = read(MQH).replace("string &out_forecast, int forecast_cap", "string &out_forecast");
        assertHasProblem(compare(read(HEADER), mqh), "llmea_on_bar: 11 arguments");
    }

    @Test
    void aMissingFunctionAndAChangedCodeAreReported() throws IOException {
        String h = read(HEADER).replace("#define LLMEA_ACT_REVERSE    4", "#define LLMEA_ACT_REVERSE    5")
                .replace("LLMEA_API int32_t llmea_close(int64_t handle);",
                        "LLMEA_API int32_t llmea_close(int64_t handle);\nLLMEA_API int32_t llmea_reset(int64_t handle);");
        List<String> problems = compare(h, read(MQH));
        assertHasProblem(problems, "llmea_reset: in llmea.h but not");
        assertHasProblem(problems, "LLMEA_ACT_REVERSE");
    }

    private static void assertHasProblem(List<String> problems, String start) {
        assertFalse(problems.isEmpty(), "a mismatch must be reported");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), "expected '" + start + "...' among " + problems);
    }

    /** Every difference between the header and the include, one readable line each. */
    static List<String> compare(String header, String mqh) {
        List<String> problems = new ArrayList<>();
        Map<String, Function> c = headerFunctions(header);
        Map<String, Function> m = importFunctions(mqh);
        for (String name : new TreeSet<>(c.keySet())) {
            Function cf = c.get(name);
            Function mf = m.get(name);
            if (mf == null) {
                problems.add(name + ": in llmea.h but not in Bridge.mqh's #import block");
                continue;
            }
            if (!matches(cf.returnType(), mf.returnType())) {
                problems.add(name + ": returns " + mf.returnType() + " in Bridge.mqh, " + cf.returnType() + " in llmea.h");
            }
            if (cf.params().size() != mf.params().size()) {
                problems.add(name + ": " + mf.params().size() + " arguments in Bridge.mqh, " + cf.params().size() + " in llmea.h");
                continue;
            }
            for (int i = 0; i < cf.params().size(); i++) {
                if (!matches(cf.params().get(i), mf.params().get(i))) {
                    problems.add(name + ": argument " + (i + 1) + " is '" + mf.params().get(i) + "' in Bridge.mqh but llmea.h has '"
                            + cf.params().get(i) + "' (expected one of " + MQL5_FOR_C.get(cf.params().get(i)) + ")");
                }
            }
        }
        for (String name : m.keySet()) {
            if (!c.containsKey(name)) {
                problems.add(name + ": in Bridge.mqh's #import block but not in llmea.h");
            }
        }
        Map<String, Long> cc = headerConstants(header);
        Map<String, Long> mc = mqhConstants(mqh);
        for (var e : cc.entrySet()) {
            Long v = mc.get(e.getKey());
            if (!e.getValue().equals(v)) {
                problems.add(e.getKey() + ": " + (v == null ? "missing" : v) + " in Bridge.mqh, " + e.getValue() + " in llmea.h");
            }
        }
        for (String k : mc.keySet()) {
            if (!cc.containsKey(k)) {
                problems.add(k + ": defined in Bridge.mqh but not in llmea.h");
            }
        }
        return problems;
    }

    private static boolean matches(String cType, String mqlType) {
        Set<String> allowed = MQL5_FOR_C.get(cType);
        return allowed != null && allowed.contains(mqlType);
    }

    // ---- llmea.h

    private static final Pattern C_PROTO = Pattern.compile("LLMEA_API\\s+([\\w\\s*]+?)\\s*\\b(\\w+)\\s*\\(([^)]*)\\)\\s*;");

    static Map<String, Function> headerFunctions(String header) {
        Map<String, Function> out = new LinkedHashMap<>();
        Matcher m = C_PROTO.matcher(stripComments(header));
        while (m.find()) {
            List<String> params = new ArrayList<>();
            String list = m.group(3).strip();
            if (!list.isEmpty() && !list.equals("void")) {
                for (String p : list.split(",")) {
                    params.add(cParamType(p));
                }
            }
            out.put(m.group(2), new Function(cType(m.group(1)), m.group(2), params));
        }
        return out;
    }

    /** "const uint16_t *config_path" → "const uint16_t*": the declaration without its name, spaces normalised. */
    static String cParamType(String param) {
        String p = param.strip();
        Matcher name = Pattern.compile("\\b\\w+$").matcher(p);
        if (!name.find()) {
            throw new IllegalArgumentException("cannot parse C parameter '" + param + "'");
        }
        return cType(p.substring(0, name.start()));
    }

    private static String cType(String t) {
        return t.replaceAll("\\s*\\*\\s*", "*").replaceAll("\\s+", " ").strip();
    }

    static Map<String, Long> headerConstants(String header) {
        return constants(stripComments(header));
    }

    // ---- Bridge.mqh

    private static final Pattern IMPORT_BLOCK = Pattern.compile("#import\\s+\"llmea\\.dll\"(.*?)#import\\b", Pattern.DOTALL);
    private static final Pattern MQL_PROTO = Pattern.compile("([\\w ]+?)\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*;");

    static Map<String, Function> importFunctions(String mqh) {
        Matcher block = IMPORT_BLOCK.matcher(stripComments(mqh));
        if (!block.find()) {
            throw new AssertionError("Bridge.mqh has no #import \"llmea.dll\" ... #import block");
        }
        Map<String, Function> out = new LinkedHashMap<>();
        Matcher m = MQL_PROTO.matcher(block.group(1));
        while (m.find()) {
            List<String> params = new ArrayList<>();
            String list = m.group(3).strip();
            if (!list.isEmpty() && !list.equals("void")) {
                for (String p : list.split(",")) {
                    params.add(mqlParamType(p));
                }
            }
            out.put(m.group(2), new Function(m.group(1).strip().replaceAll("\\s+", " "), m.group(2), params));
        }
        return out;
    }

    /** "double &closes[]" → "double&[]", "string &buf" → "string&", "long handle" → "long". */
    static String mqlParamType(String param) {
        String p = param.strip().replaceAll("=.*$", "").strip();
        boolean array = p.endsWith("[]");
        if (array) {
            p = p.substring(0, p.length() - 2).strip();
        }
        boolean ref = p.contains("&");
        p = p.replace("&", " ").strip();
        Matcher name = Pattern.compile("\\b\\w+$").matcher(p);
        if (!name.find()) {
            throw new IllegalArgumentException("cannot parse MQL5 parameter '" + param + "'");
        }
        String type = p.substring(0, name.start()).replaceAll("\\s+", " ").strip();
        return type + (ref ? "&" : "") + (array ? "[]" : "");
    }

    static Map<String, Long> mqhConstants(String mqh) {
        return constants(stripComments(mqh));
    }

    private static final Pattern CODE = Pattern.compile("(?m)^\\s*#define\\s+(LLMEA_(?:OK|ERR_\\w+|POS_\\w+|ACT_\\w+))\\s+\\(?\\s*(-?\\d+)\\s*\\)?\\s*$");

    private static Map<String, Long> constants(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    // ---- shared

    static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", "");
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
