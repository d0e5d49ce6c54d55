/*
 * llmea-bench CONFIG [CALLS]
 *
 * The bridge's cost, from C as the EA pays it: the first llmea_open (which creates the JVM), the first
 * llmea_on_bar, then CALLS warm llmea_on_bar calls on a trivial strategy (NoopStrategy: lookback 20, always
 * NONE), reported as mean and percentiles in microseconds. For comparison, the argument-check path (a call that
 * fails in C without reaching Java) shows the C side alone.
 */
#include "llmea.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: llmea-bench CONFIG [CALLS]\n");
        return 2;
    }
    int calls = argc > 2 ? atoi(argv[2]) : 100000;
    if (calls < 100) {
        calls = 100;
    }
    uint16_t path[4096];
    size_t i = 0;
    for (; argv[1][i] && i < 4095; i++) {
        path[i] = (unsigned char)argv[1][i];
    }
    path[i] = 0;

    double t0 = now_us();
    int64_t h = llmea_open(path);
    double open_us = now_us() - t0;
    if (h <= 0) {
        uint16_t e[2048];
        char m[2048];
        llmea_last_error(0, e, 2048);
        for (i = 0; e[i] && i < 2047; i++) {
            m[i] = (char)e[i];
        }
        m[i] = 0;
        fprintf(stderr, "llmea_open failed (%lld): %s\n", (long long)h, m);
        return 1;
    }
    double closes[20];
    for (int k = 0; k < 20; k++) {
        closes[k] = 1.1 + 0.0001 * k;
    }
    int32_t action;
    double volume;
    uint16_t forecast[256];
    t0 = now_us();
    int32_t st = llmea_on_bar(h, 1700000000LL, closes, 20, LLMEA_POS_FLAT, 0, 0, 0, &action, &volume, forecast, 256);
    double first_us = now_us() - t0;
    if (st != LLMEA_OK) {
        fprintf(stderr, "llmea_on_bar failed: %d\n", (int)st);
        return 1;
    }

    for (int k = 0; k < calls / 5; k++) { /* warm-up: let the JIT compile the Java side */
        llmea_on_bar(h, 1700000000LL + k * 300LL, closes, 20, LLMEA_POS_FLAT, 0, 0, 0, &action, &volume, forecast, 256);
    }
    double *lat = malloc((size_t)calls * sizeof *lat);
    if (!lat) {
        return 1;
    }
    double total0 = now_us();
    for (int k = 0; k < calls; k++) {
        double a = now_us();
        st = llmea_on_bar(h, 1700000000LL + k * 300LL, closes, 20, LLMEA_POS_LONG, 0.1, 1.1, k, &action, &volume,
                          forecast, 256);
        lat[k] = now_us() - a;
        if (st != LLMEA_OK) {
            fprintf(stderr, "call %d failed: %d\n", k, (int)st);
            return 1;
        }
    }
    double total = now_us() - total0;
    qsort(lat, (size_t)calls, sizeof *lat, by_value);

    /* the C side alone: a call rejected by the argument check (n below the lookback) */
    double c0 = now_us();
    for (int k = 0; k < calls; k++) {
        llmea_on_bar(h, 0, closes, 1, LLMEA_POS_FLAT, 0, 0, 0, &action, &volume, forecast, 256);
    }
    double c_only = (now_us() - c0) / calls;

    printf("first llmea_open (JVM start + strategy): %.1f ms\n", open_us / 1000);
    printf("first llmea_on_bar: %.2f ms\n", first_us / 1000);
    printf("llmea_on_bar, trivial strategy, %d calls: mean %.2f us, p50 %.2f us, p90 %.2f us, p99 %.2f us, max %.0f us\n",
           calls, total / calls, lat[calls / 2], lat[calls * 9 / 10], lat[calls * 99 / 100], lat[calls - 1]);
    printf("C side alone (argument check, no Java): %.3f us per call\n", c_only);
    llmea_close(h);
    free(lat);
    return 0;
}
