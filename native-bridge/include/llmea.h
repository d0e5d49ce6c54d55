/*
 * llmea.h - the C ABI of the llm-ea bridge, as MetaTrader 5 (MQL5 #import) calls it.
 *
 * A 64-bit DLL (Windows) / shared object (Linux) that embeds a JVM through the JNI invocation API
 * and forwards each call to the Java Strategy (com.llmea.strategy.Strategy) configured by a strategy
 * config file (docs/strategy.md). mql5/Include/LlmEa/Bridge.mqh mirrors this header exactly.
 *
 * Types are only those MQL5 can pass: int32_t (int), int64_t (long, datetime), double, double* + length
 * (double &a[]), UTF-16 strings (const uint16_t*, MQL5 string) and caller-sized UTF-16 output buffers
 * (uint16_t* + capacity in UTF-16 units, MQL5 string& pre-sized with StringInit). No structs, no C long.
 *
 * Rules every function keeps: it never aborts the process, never lets a Java exception escape, never
 * writes past a caller's buffer (output is truncated and always NUL-terminated when cap > 0, never in the
 * middle of a surrogate pair), and returns a status code below. The message for the last failure is
 * available from llmea_last_error.
 *
 * Threads: every function may be called from any thread. Calls on different handles run in parallel; calls
 * on one handle are served one at a time. No caller thread runs Java: each handle has a worker thread of the
 * bridge's own, and a caller waits for it at most java.timeout_ms (llmea_on_bar) or java.open_timeout_ms
 * (llmea_open). The JVM is created once per process and never destroyed (docs/bridge.md).
 */
#ifndef LLMEA_H
#define LLMEA_H

#include <stdint.h>

#if defined(_WIN32)
#  if defined(LLMEA_BUILD)
#    define LLMEA_API __declspec(dllexport)
#  else
#    define LLMEA_API __declspec(dllimport)
#  endif
#else
#  define LLMEA_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes (int32_t). llmea_open returns a handle > 0 or one of the negative codes. */
#define LLMEA_OK              0   /* success */
#define LLMEA_ERR_ARGUMENT   -1   /* bad argument: null pointer, n below the strategy's lookback, NaN/zero close, bad enum */
#define LLMEA_ERR_HANDLE     -2   /* unknown or already closed handle */
#define LLMEA_ERR_CONFIG     -3   /* config file missing, unreadable or invalid */
#define LLMEA_ERR_JVM        -4   /* no JVM: Java not found, jvm library not loadable, JVM creation failed */
#define LLMEA_ERR_JAVA       -5   /* the Java side failed (exception); see llmea_last_error */
#define LLMEA_ERR_BUFFER     -6   /* an output buffer was too small; its content is truncated */
#define LLMEA_ERR_TIMEOUT    -7   /* the Java side did not answer in time (or is still busy with a call that did not) */
#define LLMEA_ERR_INTERNAL   -8   /* anything else (out of memory, JNI failure) */

/* Position state passed to llmea_on_bar. */
#define LLMEA_POS_FLAT   0
#define LLMEA_POS_LONG   1
#define LLMEA_POS_SHORT  2

/* Action returned by llmea_on_bar (out_action). */
#define LLMEA_ACT_NONE       0   /* do nothing */
#define LLMEA_ACT_OPEN_BUY   1   /* open a long position of out_volume lots */
#define LLMEA_ACT_OPEN_SELL  2   /* open a short position of out_volume lots */
#define LLMEA_ACT_CLOSE      3   /* close the current position */
#define LLMEA_ACT_REVERSE    4   /* close the current position and open the opposite one of out_volume lots */

/* Writes "llm-ea <version>" into buf. Works without a JVM. Returns LLMEA_OK or LLMEA_ERR_BUFFER. */
LLMEA_API int32_t llmea_version(uint16_t *buf, int32_t cap);

/*
 * Opens a strategy from a config file path (UTF-16). Starts the JVM on first use (once per process,
 * never destroyed; an existing JVM is reused). Returns a handle > 0, or a negative status code; the
 * reason is then available from llmea_last_error(0, ...). Handles are never reused within a process;
 * llmea_open after llmea_close (a new tester pass) works.
 */
LLMEA_API int64_t llmea_open(const uint16_t *config_path);

/*
 * One decision at the open of a new bar.
 *   bar_time        the new bar's time (MQL5 datetime, seconds)
 *   closes, n       closes of the last n finished bars, shift n..1, oldest first (n >= the strategy's lookback)
 *   position_state  LLMEA_POS_*; position_volume in lots; position_price the open price; bars_held since opened
 *   out_action      receives LLMEA_ACT_*; out_volume receives lots
 *   out_forecast    receives the forecast prices as space-separated text (empty if the strategy has none),
 *                   forecast_cap its capacity in UTF-16 units including the NUL
 * Returns LLMEA_OK or a negative status; on failure out_action is LLMEA_ACT_NONE when it is not null.
 * One exception: LLMEA_ERR_BUFFER means the decision was made and out_action/out_volume hold it, only the
 * forecast text was cut to forecast_cap. out_forecast may be null with forecast_cap 0 (no forecast wanted).
 * Only the last lookback closes are used (and checked: each must be a positive finite number).
 */
LLMEA_API int32_t llmea_on_bar(int64_t handle, int64_t bar_time, const double *closes, int32_t n,
                               int32_t position_state, double position_volume, double position_price,
                               int32_t bars_held, int32_t *out_action, double *out_volume,
                               uint16_t *out_forecast, int32_t forecast_cap);

/*
 * How many closes llmea_on_bar needs on this handle (the strategy's lookback N: closes of shift N..1).
 * The EA asks once after llmea_open and copies that many closes per bar. Returns N > 0, or LLMEA_ERR_HANDLE.
 */
LLMEA_API int32_t llmea_lookback(int64_t handle);

/* The reason for the last decision on this handle (one line for the journal). Returns LLMEA_OK,
   LLMEA_ERR_BUFFER (cut), LLMEA_ERR_ARGUMENT (buf null or cap <= 0) or LLMEA_ERR_HANDLE. */
LLMEA_API int32_t llmea_last_reason(int64_t handle, uint16_t *buf, int32_t cap);

/* The message of the last failure on this handle; handle 0 gives the last failure of llmea_open (process-wide).
   For an unknown handle it writes "unknown or closed handle N" and returns LLMEA_ERR_HANDLE. */
LLMEA_API int32_t llmea_last_error(int64_t handle, uint16_t *buf, int32_t cap);

/* Closes a handle (the JVM stays): the strategy is closed on its worker thread, waited for up to 5 s (a worker
   stuck in Java finishes on its own). Returns LLMEA_OK or LLMEA_ERR_HANDLE. */
LLMEA_API int32_t llmea_close(int64_t handle);

#ifdef __cplusplus
}
#endif

#endif /* LLMEA_H */
