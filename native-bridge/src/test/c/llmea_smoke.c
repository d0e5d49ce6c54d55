/*
 * llmea-smoke WORK_DIR
 *
 * The JVM-free calls in portable C, built for both targets: on Windows (llmea-smoke.exe with llmea.dll)
 * it is the one run-time check of the DLL this machine can make (under wine, when installed): version,
 * bad arguments, a missing config, wrong Java homes, unknown handles, UTF-16 buffers. Each open also starts
 * and ends a worker thread, so the Win32 threads, locks and condition variables run. Exits with the number of
 * failed checks.
 */
#include "llmea.h"

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond, what)                                                                                              \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            printf("FAIL line %d: %s\n", __LINE__, what);                                                              \
        }                                                                                                              \
    } while (0)

static void to16(uint16_t *dst, size_t cap, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++) {
        dst[i] = (unsigned char)s[i];
    }
    dst[i] = 0;
}

static const char *err0(int64_t h)
{
    static char out[2048];
    uint16_t buf[2048];
    llmea_last_error(h, buf, 2048);
    size_t i = 0;
    for (; buf[i] && i < sizeof out - 1; i++) {
        out[i] = buf[i] < 128 ? (char)buf[i] : '?';
    }
    out[i] = 0;
    return out;
}

static int64_t open_with(const char *dir, const char *name, const char *body)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        return 0;
    }
    fputs(body, f);
    fclose(f);
    uint16_t p16[1024];
    to16(p16, 1024, path);
    return llmea_open(p16);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: llmea-smoke WORK_DIR\n");
        return 100;
    }
    const char *dir = argv[1];
    uint16_t buf[64];
    CHECK(llmea_version(buf, 64) == LLMEA_OK && buf[0] == 'l' && buf[6] == ' ', "version");
    uint16_t tiny[3] = {7, 7, 7};
    CHECK(llmea_version(tiny, 2) == LLMEA_ERR_BUFFER && tiny[1] == 0 && tiny[2] == 7, "tiny buffer");
    CHECK(llmea_version(NULL, 4) == LLMEA_ERR_ARGUMENT, "null buffer");
    CHECK(llmea_open(NULL) == LLMEA_ERR_ARGUMENT, "open null");
    uint16_t missing[256];
    to16(missing, 256, "no-such-dir/llmea.cfg");
    CHECK(llmea_open(missing) == LLMEA_ERR_CONFIG, "open missing");
    CHECK(strstr(err0(0), "cannot read config") != NULL, err0(0));
    CHECK(open_with(dir, "typo.cfg", "java.classpath = x.jar\n") == LLMEA_ERR_CONFIG, "typo key");
    CHECK(strstr(err0(0), "unknown key 'java.classpath'") != NULL, err0(0));
    CHECK(open_with(dir, "home.cfg", "java.home = no-java-here\njava.class_path = x.jar\n") == LLMEA_ERR_JVM, "bad home");
    CHECK(strstr(err0(0), "no JVM library under Java home") != NULL, err0(0));
    for (int i = 0; i < 50; i++) { /* worker threads start and end */
        CHECK(open_with(dir, "home.cfg", "java.home = no-java-here\njava.class_path = x.jar\n") == LLMEA_ERR_JVM, "again");
    }
    int32_t action = 9;
    double volume = 9, closes[3] = {1, 2, 3};
    CHECK(llmea_on_bar(77, 0, closes, 3, 0, 0, 0, 0, &action, &volume, NULL, 0) == LLMEA_ERR_HANDLE && action == 0,
          "unknown handle");
    CHECK(llmea_close(77) == LLMEA_ERR_HANDLE, "close unknown");
    CHECK(llmea_last_error(77, buf, 64) == LLMEA_ERR_HANDLE, "error unknown");
    printf("%s: %d failed checks (%s)\n", failures ? "FAILED" : "OK", failures, err0(0));
    return failures;
}
