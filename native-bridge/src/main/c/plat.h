/*
 * plat.h - the little the bridge needs from the operating system: mutexes, condition variables with a
 * monotonic deadline, detached threads with a chosen stack size, run-time library loading, UTF-16 file
 * names and the bridge's own location. plat_posix.c (Linux, gcc) and plat_win32.c (Windows, mingw-w64)
 * implement it; everything else is portable C.
 */
#ifndef LLMEA_PLAT_H
#define LLMEA_PLAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(_WIN32)
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  include <windows.h>
typedef SRWLOCK plat_mutex;
typedef CONDITION_VARIABLE plat_cond;
#  define PLAT_MUTEX_INIT SRWLOCK_INIT
#  define PLAT_PATH_SEP '\\'
#  define PLAT_LIST_SEP ';'
#else
#  include <pthread.h>
typedef pthread_mutex_t plat_mutex;
typedef pthread_cond_t plat_cond;
#  define PLAT_MUTEX_INIT PTHREAD_MUTEX_INITIALIZER
#  define PLAT_PATH_SEP '/'
#  define PLAT_LIST_SEP ':'
#endif

void plat_mutex_init(plat_mutex *m);
void plat_mutex_destroy(plat_mutex *m);
void plat_mutex_lock(plat_mutex *m);
void plat_mutex_unlock(plat_mutex *m);

void plat_cond_init(plat_cond *c);
void plat_cond_destroy(plat_cond *c);
void plat_cond_broadcast(plat_cond *c);
/* Waits until signalled or until deadline_ns (plat_now_ns clock). Returns 0 when woken, 1 on timeout. */
int plat_cond_wait_until(plat_cond *c, plat_mutex *m, int64_t deadline_ns);

/* Monotonic clock in nanoseconds. */
int64_t plat_now_ns(void);

/* Starts a detached thread with the given stack size. Returns 0 or an OS error code. */
int plat_thread_start(void (*fn)(void *), void *arg, size_t stack_size);

/* Run-time library loading. path is UTF-8. On failure returns NULL and writes a reason into err. */
void *plat_lib_open(const char *path, char *err, size_t errcap);
void *plat_lib_sym(void *lib, const char *name);
/* The JVM library when one is already loaded in this process (a JVM may exist), else NULL. */
void *plat_lib_loaded_jvm(void);

/* fopen of a UTF-16 path, read-only binary. errno-style reason in err on failure. */
FILE *plat_fopen_u16(const uint16_t *path, char *err, size_t errcap);
/* The environment variable as UTF-8 (malloc'd), or NULL. */
char *plat_getenv(const char *name);
/* Whether a path (UTF-8) names a directory / a regular file. */
int plat_is_dir(const char *path);
int plat_is_file(const char *path);
/* Calls fn(path, ctx) for every file in dir (UTF-8) whose name ends with suffix, in name order. Returns 0 or -1. */
int plat_list_dir(const char *dir, const char *suffix, void (*fn)(const char *path, void *ctx), void *ctx);
/* The directory holding this bridge library (UTF-8, malloc'd, no trailing separator), or NULL. */
char *plat_module_dir(void);
/* A UTF-8 string in the encoding JNI_CreateJavaVM reads option strings in (Windows: the ANSI code page;
   Linux: UTF-8), malloc'd; NULL when it cannot be represented there. */
char *plat_jvm_option(const char *utf8);
/* Keeps this library loaded until the process ends (a worker thread may outlive a close). */
void plat_pin_module(void);

#endif /* LLMEA_PLAT_H */
