package com.llmea.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C programs built with the bridge, each in its own process where the bridge creates the JVM itself
 * (as in MetaTrader): llmea-test plain, with a rejected JVM option, under AddressSanitizer, and its JVM-free
 * part under LeakSanitizer and valgrind; llmea-bench for the overhead figures (target/native/bench.txt).
 */
class NativeProgramsTest {
    @TempDir
    Path dir;

    static final Path NATIVE = NativeBridge.nativeDir();

    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }

    record Result(int exit, String output) {
    }

    static Result run(Map<String, String> env, List<String> command, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (var in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + out);
        }
        reader.join(10000);
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        return new Result(p.exitValue(), text);
    }

    private List<String> testCommand(Path exe, String... extra) throws IOException {
        Path work = Files.createTempDirectory(dir, "work");
        List<String> c = new ArrayList<>(List.of(exe.toString(), classPath(), javaHome(), work.toString()));
        c.addAll(List.of(extra));
        return c;
    }

    @Test
    void cTestCreatesItsOwnJvm() throws Exception {
        Result r = run(Map.of(), testCommand(NATIVE.resolve("linux-x86_64/llmea-test")), 300);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("OK: 0 failed checks"), r.output());
    }

    @Test
    void cTestRejectedJvmOption() throws Exception {
        Result r = run(Map.of(), testCommand(NATIVE.resolve("linux-x86_64/llmea-test"), "--bad-option"), 120);
        assertEquals(0, r.exit(), r.output());
    }

    /**
     * AddressSanitizer over the bridge's C code with the JVM running (heap overflows, use after free). The JVM
     * uses SIGSEGV itself, so ASan leaves that signal alone; LeakSanitizer cannot stop a live JVM's threads
     * at exit, so leaks are checked on the JVM-free run below.
     */
    @Test
    void cTestUnderAddressSanitizer() throws Exception {
        Map<String, String> env = Map.of("ASAN_OPTIONS",
                "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:allow_user_segv_handler=1:detect_stack_use_after_return=0"
                        + ":detect_leaks=0:abort_on_error=0:exitcode=66");
        Result r = run(env, testCommand(NATIVE.resolve("linux-x86_64-asan/llmea-test")), 600);
        assertEquals(0, r.exit(), r.output());
        assertTrue(!r.output().contains("AddressSanitizer"), r.output());
    }

    @Test
    void cTestWithoutJvmUnderLeakSanitizer() throws Exception {
        Path supp = Path.of("src/test/c/lsan.supp").toAbsolutePath();
        Map<String, String> env = Map.of("ASAN_OPTIONS", "detect_leaks=1:exitcode=66",
                "LSAN_OPTIONS", "suppressions=" + supp);
        Result r = run(env, testCommand(NATIVE.resolve("linux-x86_64-asan/llmea-test"), "--no-jvm"), 120);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void cTestWithoutJvmUnderValgrind() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/valgrind")), "valgrind is not installed");
        List<String> c = new ArrayList<>(List.of("valgrind", "--error-exitcode=42", "--leak-check=full",
                "--suppressions=" + Path.of("src/test/c/valgrind.supp").toAbsolutePath(),
                "--errors-for-leak-kinds=definite,indirect,possible", "--show-leak-kinds=definite,indirect,possible"));
        c.addAll(testCommand(NATIVE.resolve("linux-x86_64/llmea-test"), "--no-jvm"));
        Result r = run(Map.of(), c, 300);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("ERROR SUMMARY: 0 errors"), r.output());
    }

    @Test
    void smokeTestOfTheLinuxLibrary() throws Exception {
        Result r = run(Map.of(), List.of(NATIVE.resolve("linux-x86_64/llmea-smoke").toString(),
                Files.createTempDirectory(dir, "smoke").toString()), 60);
        assertEquals(0, r.exit(), r.output());
    }

    /** The Windows DLL at run time, where wine is installed (not in CI): its JVM-free paths and Win32 threads. */
    @Test
    void smokeTestOfTheWindowsDllUnderWine() throws Exception {
        Path wine = Path.of("/usr/lib/wine/wine64");
        assumeTrue(Files.isExecutable(wine), "wine64 is not installed");
        Path work = Files.createTempDirectory(dir, "wine");
        Map<String, String> env = Map.of("WINEDEBUG", "-all", "WINEPREFIX", dir.resolve("wineprefix").toString());
        Result r = run(env, List.of(wine.toString(), NATIVE.resolve("win-x86_64/llmea-smoke.exe").toString(),
                "Z:" + work.toString().replace('/', '\\')), 300);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("OK: 0 failed checks"), r.output());
        assertTrue(r.output().contains("expected bin\\server\\jvm.dll"), r.output());
    }

    @Test
    void benchmark() throws Exception {
        Path cfg = NativeBridge.config(dir, "noop.cfg", Map.of("strategy.class", NoopStrategy.class.getName(),
                "java.home", javaHome(), "java.class_path", classPath()));
        Result r = run(Map.of(), List.of(NATIVE.resolve("linux-x86_64/llmea-bench").toString(), cfg.toString(), "50000"),
                300);
        assertEquals(0, r.exit(), r.output());
        Files.writeString(NATIVE.resolve("bench.txt"), r.output());
        System.out.print("llmea-bench:\n" + r.output());
        Matcher m = Pattern.compile("mean ([0-9.]+) us").matcher(r.output());
        assertTrue(m.find(), r.output());
        // the goal is < 20 us on an idle machine; this bound only catches a broken hand-off on a busy CI box
        assertTrue(Double.parseDouble(m.group(1)) < 500, r.output());
    }
}
