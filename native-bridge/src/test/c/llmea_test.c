/*
 * llmea-test CLASS_PATH JAVA_HOME WORK_DIR [--no-jvm | --bad-option]
 *
 * The C test of the bridge in a plain C process: the path where the bridge creates the JVM itself, as it
 * does inside MetaTrader. Calls every export like the EA does, the bad calls (null pointers, short and
 * NaN closes, unknown and closed handles, tiny buffers, missing config, wrong Java home, a Java side that
 * throws or times out) and 8 threads on 4 handles. With --no-jvm it stops before the JVM is created (the
 * part valgrind runs); with --bad-option it checks a JVM option the JVM rejects (a JVM that failed to start
 * cannot start again, so this needs its own process). Exits with the number of failed checks. Run by NativeProgramsTest, plain and with
 * AddressSanitizer/LeakSanitizer.
 */
#include "llmea.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int failures;
static const char *work;
static const char *class_path;

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                                \
            printf(__VA_ARGS__);                                                                                       \
            printf("\n");                                                                                              \
        }                                                                                                              \
    } while (0)

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* UTF-8 (ASCII here) to a NUL-terminated UTF-16 buffer. */
static void u16(uint16_t *dst, size_t cap, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++) {
        dst[i] = (unsigned char)s[i];
    }
    dst[i] = 0;
}

static void ascii(char *dst, size_t cap, const uint16_t *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++) {
        dst[i] = s[i] < 128 ? (char)s[i] : '?';
    }
    dst[i] = 0;
}

static const char *last_error(int64_t h)
{
    static char out[4096];
    uint16_t buf[4096];
    llmea_last_error(h, buf, 4096);
    ascii(out, sizeof out, buf);
    return out;
}

static const char *last_reason(int64_t h)
{
    static char out[4096];
    uint16_t buf[4096];
    llmea_last_reason(h, buf, 4096);
    ascii(out, sizeof out, buf);
    return out;
}

/* Writes WORK/name with the lines given, returns its path (static buffer per call site via caller's copy). */
static void write_config(char *path, size_t cap, const char *name, const char *body)
{
    snprintf(path, cap, "%s/%s", work, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(100);
    }
    fputs(body, f);
    fclose(f);
}

static int64_t open_cfg(const char *name, const char *body)
{
    char path[1024];
    uint16_t p16[1024];
    write_config(path, sizeof path, name, body);
    u16(p16, 1024, path);
    return llmea_open(p16);
}

static void no_jvm_checks(const char *java_home)
{
    uint16_t buf[64];
    char s[64];
    CHECK(llmea_version(buf, 64) == LLMEA_OK, "version");
    ascii(s, sizeof s, buf);
    CHECK(strncmp(s, "llm-ea ", 7) == 0, "version text '%s'", s);
    uint16_t tiny[3] = {7, 7, 7};
    CHECK(llmea_version(tiny, 2) == LLMEA_ERR_BUFFER && tiny[0] == 'l' && tiny[1] == 0 && tiny[2] == 7, "tiny version");
    CHECK(llmea_version(NULL, 5) == LLMEA_ERR_ARGUMENT, "version null");

    CHECK(llmea_open(NULL) == LLMEA_ERR_ARGUMENT, "open null");
    CHECK(strstr(last_error(0), "null") != NULL, "open null message '%s'", last_error(0));
    uint16_t missing[256];
    u16(missing, 256, "/nonexistent/llmea.cfg");
    CHECK(llmea_open(missing) == LLMEA_ERR_CONFIG, "open missing");
    CHECK(strstr(last_error(0), "No such file") != NULL, "missing message '%s'", last_error(0));

    int32_t action = 9;
    double volume = 9, closes[3] = {1, 2, 3};
    CHECK(llmea_on_bar(12345, 0, closes, 3, 0, 0, 0, 0, &action, &volume, NULL, 0) == LLMEA_ERR_HANDLE && action == 0,
          "unknown handle");
    CHECK(llmea_close(12345) == LLMEA_ERR_HANDLE, "close unknown");
    CHECK(llmea_last_reason(12345, buf, 64) == LLMEA_ERR_HANDLE, "reason unknown");

    char body[4096];
    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\njava.home = %s/no-java-here\n"
             "java.class_path = %s\n", work, class_path);
    CHECK(open_cfg("badhome.cfg", body) == LLMEA_ERR_JVM, "wrong java home");
    CHECK(strstr(last_error(0), "no JVM library under Java home") != NULL, "wrong home message '%s'", last_error(0));

    char fake[1024];
    snprintf(fake, sizeof fake, "mkdir -p %s/fakejava/lib/server && echo 'not a library' > %s/fakejava/lib/server/libjvm.so",
             work, work);
    CHECK(system(fake) == 0, "make fake java");
    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\njava.home = fakejava\n"
             "java.class_path = %s\n", class_path);
    CHECK(open_cfg("fakehome.cfg", body) == LLMEA_ERR_JVM, "fake java home");
    CHECK(strstr(last_error(0), "cannot load the JVM library") != NULL, "fake home message '%s'", last_error(0));

    char *saved = getenv("JAVA_HOME") ? strdup(getenv("JAVA_HOME")) : NULL;
    unsetenv("JAVA_HOME");
    CHECK(open_cfg("nohome.cfg", "strategy.class = com.llmea.bridge.EchoStrategy\n") == LLMEA_ERR_JVM, "no java home");
    CHECK(strstr(last_error(0), "no Java: set java.home") != NULL, "no home message '%s'", last_error(0));
    if (saved) {
        setenv("JAVA_HOME", saved, 1);
        free(saved);
    }

    /* a real Java home but no class path and no llmea-bridge.jar beside the library */
    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\njava.home = %s\n", java_home);
    CHECK(open_cfg("nocp.cfg", body) == LLMEA_ERR_CONFIG, "no class path");
    CHECK(strstr(last_error(0), "java.class_path is not set") != NULL, "no class path message '%s'", last_error(0));
}

typedef struct {
    int64_t h;
    int thread, calls;
    char (*results)[96];
} job;

static void one_call(int64_t h, int thread, int i, char *out, size_t cap)
{
    double closes[8];
    int n = 3 + i % 5;
    for (int j = 0; j < n; j++) {
        closes[j] = 1.1 + 0.0001 * ((thread * 31 + i * 7 + j * 13) % 97);
    }
    int32_t action = -1;
    double volume = -1;
    uint16_t f16[64];
    char f[64];
    int side = i % 3;
    int32_t st = llmea_on_bar(h, 1600000000LL + i * 300LL, closes, n, side, side ? 0.01 * (1 + i % 4) : 0, side ? 1.1 : 0,
                              i % 9, &action, &volume, f16, 64);
    ascii(f, sizeof f, f16);
    snprintf(out, cap, "%d %d %g %s", (int)st, (int)action, volume, f);
}

static void *run_job(void *p)
{
    job *j = p;
    for (int i = 0; i < j->calls; i++) {
        one_call(j->h, j->thread, i, j->results[i], sizeof j->results[i]);
    }
    return NULL;
}

/* A JVM option the JVM rejects: a clear error with the JVM's own words, and no second attempt in this process. */
static void bad_option_checks(const char *java_home)
{
    char body[4096];
    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\njava.home = %s\njava.class_path = %s\n"
             "java.options = -Xbogus-option\n", java_home, class_path);
    CHECK(open_cfg("badopt.cfg", body) == LLMEA_ERR_JVM, "bad JVM option");
    CHECK(strstr(last_error(0), "Unrecognized option: -Xbogus-option") != NULL, "bad option message '%s'", last_error(0));
    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\njava.home = %s\njava.class_path = %s\n",
             java_home, class_path);
    CHECK(open_cfg("afterbad.cfg", body) == LLMEA_ERR_JVM, "no second JVM");
    CHECK(strstr(last_error(0), "failed to start earlier") != NULL, "second attempt message '%s'", last_error(0));
}

typedef struct {
    const char *body;
    char name[32];
    int64_t h;
} opener;

static void *run_open(void *p)
{
    opener *o = p;
    o->h = open_cfg(o->name, o->body);
    return NULL;
}

static void jvm_checks(const char *java_home)
{
    char body[4096];

    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\necho.lookback = 3\njava.home = %s\n"
             "java.class_path = %s\njava.options = -Xmx256m -Dllmea.test=\"a b\"\n", java_home, class_path);
    /* four opens at once, as four charts starting with the terminal: one of them creates the JVM */
    enum { OPENERS = 4 };
    opener op[OPENERS];
    pthread_t ot[OPENERS];
    double t0 = now_ms();
    for (int k = 0; k < OPENERS; k++) {
        op[k].body = body;
        snprintf(op[k].name, sizeof op[k].name, "echo%d.cfg", k);
        pthread_create(&ot[k], NULL, run_open, &op[k]);
    }
    for (int k = 0; k < OPENERS; k++) {
        pthread_join(ot[k], NULL);
        CHECK(op[k].h > 0, "concurrent open %d: %lld %s", k, (long long)op[k].h, last_error(0));
    }
    double open_ms = now_ms() - t0;
    int64_t h = op[0].h;
    if (h <= 0) {
        return;
    }
    int32_t action = -1;
    double volume = -1;
    uint16_t f16[64];
    char f[64];
    double closes[5] = {1.1, 1.2, 1.3, 1.4, 1.5};
    t0 = now_ms();
    CHECK(llmea_on_bar(h, 1700000000LL, closes, 5, LLMEA_POS_FLAT, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_OK,
          "on_bar %s", last_error(h));
    double first_ms = now_ms() - t0;
    printf("jvm-start: 4 concurrent llmea_open %.1f ms (one created the JVM), first llmea_on_bar %.2f ms\n", open_ms, first_ms);
    ascii(f, sizeof f, f16);
    CHECK(action == LLMEA_ACT_OPEN_BUY && volume == 0.1 && strcmp(f, "1.5 3") == 0, "decision %d %g '%s'", (int)action,
          volume, f);
    CHECK(strcmp(last_reason(h), "echo t=1700000000 n=3 first=1.3 last=1.5 side=FLAT vol=0.0 price=0.0 held=0") == 0,
          "reason '%s'", last_reason(h));

    /* bad calls on a live handle */
    double nan_closes[3] = {1.1, NAN, 1.3};
    CHECK(llmea_on_bar(h, 1, nan_closes, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_ARGUMENT, "NaN");
    CHECK(llmea_on_bar(h, 1, closes, 2, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_ARGUMENT, "n < lookback");
    CHECK(strstr(last_error(h), "at least 3") != NULL, "n message '%s'", last_error(h));
    CHECK(llmea_on_bar(h, 1, NULL, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_ARGUMENT, "null closes");
    CHECK(llmea_on_bar(h, 1, closes, 3, 0, 0, 0, 0, NULL, &volume, f16, 64) == LLMEA_ERR_ARGUMENT, "null action");
    uint16_t small[4] = {7, 7, 7, 7};
    CHECK(llmea_on_bar(h, 1, closes, 5, 0, 0, 0, 0, &action, &volume, small, 3) == LLMEA_ERR_BUFFER && small[2] == 0
              && small[3] == 7 && action == LLMEA_ACT_OPEN_BUY,
          "small forecast");
    double boom[3] = {1.1, 1.2, 777};
    CHECK(llmea_on_bar(h, 5, boom, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_JAVA && action == 0, "throws");
    CHECK(strstr(last_error(h), "IllegalStateException: echo asked to fail at 5") != NULL, "throw message '%s'",
          last_error(h));

    /* 8 threads on the 4 handles against the single-threaded results */
    enum { THREADS = 8, HANDLES = 4, CALLS = 2000 };
    int64_t hs[HANDLES];
    for (int k = 0; k < HANDLES; k++) {
        hs[k] = op[k].h;
    }
    static char expected[THREADS][CALLS][96], got[THREADS][CALLS][96];
    for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < CALLS; i++) {
            one_call(hs[t % HANDLES], t, i, expected[t][i], sizeof expected[t][i]);
        }
    }
    pthread_t th[THREADS];
    job jobs[THREADS];
    t0 = now_ms();
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (job){hs[t % HANDLES], t, CALLS, got[t]};
        pthread_create(&th[t], NULL, run_job, &jobs[t]);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
    }
    printf("concurrency: %d threads x %d calls on %d handles in %.0f ms\n", THREADS, CALLS, HANDLES, now_ms() - t0);
    int diff = 0;
    for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < CALLS; i++) {
            if (strcmp(expected[t][i], got[t][i]) != 0 && diff++ < 5) {
                printf("  thread %d call %d: '%s' != '%s'\n", t, i, got[t][i], expected[t][i]);
            }
            if (strncmp(expected[t][i], "0 ", 2) != 0 && diff++ < 5) {
                printf("  thread %d call %d failed: '%s'\n", t, i, expected[t][i]);
            }
        }
    }
    CHECK(diff == 0, "%d concurrent results differ", diff);
    for (int k = 0; k < HANDLES; k++) {
        CHECK(llmea_close(hs[k]) == LLMEA_OK, "close %d", k);
    }
    CHECK(llmea_close(h) == LLMEA_ERR_HANDLE, "close twice");
    CHECK(llmea_on_bar(h, 1, closes, 5, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_HANDLE, "closed handle");

    /* a Java side that times out, then recovers; a new "tester pass" reopens in the same process */
    snprintf(body, sizeof body, "strategy.class = com.llmea.bridge.EchoStrategy\necho.sleep_ms = 800\n"
             "java.timeout_ms = 100\n");
    h = open_cfg("slow.cfg", body);
    CHECK(h > 0, "open slow: %s", last_error(0));
    double slow[3] = {1, 2, 999};
    t0 = now_ms();
    CHECK(llmea_on_bar(h, 1, slow, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_TIMEOUT, "timeout");
    double waited = now_ms() - t0;
    CHECK(waited >= 95 && waited < 700, "timeout after %.0f ms", waited);
    CHECK(llmea_on_bar(h, 2, closes, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_TIMEOUT, "still busy");
    struct timespec ts = {0, 900 * 1000000L};
    nanosleep(&ts, NULL);
    CHECK(llmea_on_bar(h, 3, closes, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_OK, "recovered: %s",
          last_error(h));
    /* close while a slow call runs: returns, and the late worker cleans up after itself */
    CHECK(llmea_on_bar(h, 4, slow, 3, 0, 0, 0, 0, &action, &volume, f16, 64) == LLMEA_ERR_TIMEOUT, "timeout 2");
    CHECK(llmea_close(h) == LLMEA_OK, "close slow");
    int64_t again = open_cfg("echo.cfg", body);
    CHECK(again > 0, "reopen: %s", last_error(0));
    CHECK(llmea_close(again) == LLMEA_OK, "close reopened");
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: llmea-test CLASS_PATH JAVA_HOME WORK_DIR [--no-jvm | --bad-option]\n");
        return 100;
    }
    class_path = argv[1];
    work = argv[3];
    setvbuf(stdout, NULL, _IONBF, 0);
    no_jvm_checks(argv[2]);
    if (argc >= 5 && strcmp(argv[4], "--bad-option") == 0) {
        bad_option_checks(argv[2]);
    } else if (argc < 5 || strcmp(argv[4], "--no-jvm") != 0) {
        jvm_checks(argv[2]);
    }
    printf("%s: %d failed checks\n", failures ? "FAILED" : "OK", failures);
    return failures > 99 ? 99 : failures;
}
