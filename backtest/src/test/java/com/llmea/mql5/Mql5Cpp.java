package com.llmea.mql5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs pieces of the EA's MQL5 code on Linux: functions are cut out of an .mqh, compiled as C++ with g++ against
 * a few MQL5 shims below, and run. The MQL5 text is used as written, except two rewrites C++ needs: array
 * parameters {@code const double &a[]} become pointers and dynamic array members {@code string m_a[];} become
 * {@code std::vector}. g++ is installed by .ci/run.
 */
final class Mql5Cpp {
    static final String SHIM = """
            #include <algorithm>
            #include <cctype>
            #include <cstdio>
            #include <iostream>
            #include <sstream>
            #include <string>
            #include <vector>
            #define ulong unsigned long long
            #define ushort unsigned short
            struct string : std::string {
                string() {}
                string(const char *s) : std::string(s) {}
                string(const std::string &s) : std::string(s) {}
            };
            static int StringLen(const string &s) { return (int) s.size(); }
            static ushort StringGetCharacter(const string &s, int i) { return (unsigned char) s[i]; }
            static string StringSubstr(const string &s, int start, int len = -1) {
                return s.substr(start, len < 0 ? std::string::npos : (size_t) len);
            }
            static int StringFind(const string &s, const string &what, int start = 0) {
                size_t i = s.find(what, start);
                return i == std::string::npos ? -1 : (int) i;
            }
            static bool IsTrimmed(char c) { return c == ' ' || c == '\\t' || c == '\\r' || c == '\\n'; }
            static int StringTrimLeft(string &s) {
                size_t i = 0;
                while (i < s.size() && IsTrimmed(s[i])) i++;
                s.erase(0, i);
                return (int) i;
            }
            static int StringTrimRight(string &s) {
                size_t n = s.size();
                while (!s.empty() && IsTrimmed(s.back())) s.pop_back();
                return (int) (n - s.size());
            }
            static bool StringToLower(string &s) {
                std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return (char) std::tolower(c); });
                return true;
            }
            static string DoubleToString(double v, int digits) {
                char b[64];
                std::snprintf(b, sizeof b, "%.*f", digits, v);
                return string(b);
            }
            template <class T> static int ArraySize(const std::vector<T> &a) { return (int) a.size(); }
            template <class T> static int ArrayResize(std::vector<T> &a, int n) { a.resize(n); return n; }
            """;

    private Mql5Cpp() {
    }

    /** A free function or method in MetaQuotes layout: from its signature to the closing brace in column 3. */
    static String function(String mqh, String signatureStart) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(signatureStart) + ".*?\\n  }\\n", Pattern.DOTALL).matcher(mqh);
        if (!m.find()) {
            throw new AssertionError("no function starting '" + signatureStart + "'");
        }
        return toCpp(m.group());
    }

    /** A class declaration, from {@code class NAME} to its closing {@code "  };"}. */
    static String classDeclaration(String mqh, String name) {
        Matcher m = Pattern.compile("(?m)^class " + name + "\\b.*?\\n  };\\n", Pattern.DOTALL).matcher(mqh);
        if (!m.find()) {
            throw new AssertionError("no class " + name);
        }
        return toCpp(m.group());
    }

    private static String toCpp(String mql) {
        return mql.replaceAll("const double &(\\w+)\\[\\]", "const double *$1")
                .replaceAll("(?m)^(\\s*)(\\w+)(\\s+)(m_\\w+)\\[\\];", "$1std::vector<$2>$3$4;");
    }

    /** Compiles C++ source to an executable in dir; fails with g++'s output. */
    static Path compile(Path dir, String source) throws IOException, InterruptedException {
        Path src = dir.resolve("mql5.cpp");
        Path exe = dir.resolve("mql5");
        Files.writeString(src, source, StandardCharsets.UTF_8);
        String out = run(dir, "", "g++", "-std=c++17", "-O0", "-o", exe.toString(), src.toString());
        assertEquals("", out.strip(), "g++ output for:\n" + source);
        return exe;
    }

    /** A finished process: its exit status and its stdout and stderr together. */
    record Result(int exit, String output) {
    }

    /** Runs a command (in dir when not null) with the given stdin; fails clearly if it cannot start or hangs. */
    static Result exec(Path dir, String stdin, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd[0] + " (node is needed for the MQL5 syntax check, g++ to run the"
                    + " EA's MQL5 code here; .ci/run installs both): " + e.getMessage(), e);
        }
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out:\n" + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** Runs a command that must succeed; returns its output. */
    static String run(Path dir, String stdin, String... cmd) throws IOException, InterruptedException {
        Result r = exec(dir, stdin, cmd);
        assertEquals(0, r.exit(), String.join(" ", cmd) + ":\n" + r.output());
        return r.output();
    }
}
