/* plat_posix.c - plat.h on Linux (pthreads, dlopen). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "plat.h"
#include "u16.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void plat_mutex_init(plat_mutex *m)
{
    pthread_mutex_init(m, NULL);
}

void plat_mutex_destroy(plat_mutex *m)
{
    pthread_mutex_destroy(m);
}

void plat_mutex_lock(plat_mutex *m)
{
    pthread_mutex_lock(m);
}

void plat_mutex_unlock(plat_mutex *m)
{
    pthread_mutex_unlock(m);
}

void plat_cond_init(plat_cond *c)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(c, &a);
    pthread_condattr_destroy(&a);
}

void plat_cond_destroy(plat_cond *c)
{
    pthread_cond_destroy(c);
}

void plat_cond_broadcast(plat_cond *c)
{
    pthread_cond_broadcast(c);
}

int plat_cond_wait_until(plat_cond *c, plat_mutex *m, int64_t deadline_ns)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(deadline_ns / 1000000000LL);
    ts.tv_nsec = (long)(deadline_ns % 1000000000LL);
    return pthread_cond_timedwait(c, m, &ts) == ETIMEDOUT ? 1 : 0;
}

int64_t plat_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

typedef struct {
    void (*fn)(void *);
    void *arg;
} start_args;

static void *thread_main(void *p)
{
    start_args a = *(start_args *)p;
    free(p);
    a.fn(a.arg);
    return NULL;
}

int plat_thread_start(void (*fn)(void *), void *arg, size_t stack_size)
{
    start_args *a = malloc(sizeof *a);
    if (!a) {
        return ENOMEM;
    }
    a->fn = fn;
    a->arg = arg;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_size);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    int rc = pthread_create(&t, &attr, thread_main, a);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        free(a);
    }
    return rc;
}

void *plat_lib_open(const char *path, char *err, size_t errcap)
{
    void *lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (!lib && err && errcap) {
        const char *e = dlerror();
        snprintf(err, errcap, "%s", e ? e : "dlopen failed");
    }
    return lib;
}

void *plat_lib_sym(void *lib, const char *name)
{
    return dlsym(lib, name);
}

void *plat_lib_loaded_jvm(void)
{
    /* A JVM library already mapped (the java launcher loads it RTLD_GLOBAL; RTLD_NOLOAD never loads one). */
    void *lib = dlopen("libjvm.so", RTLD_NOW | RTLD_NOLOAD);
    if (lib) {
        return lib;
    }
    return dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs") ? RTLD_DEFAULT : NULL;
}

FILE *plat_fopen_u16(const uint16_t *path, char *err, size_t errcap)
{
    size_t n = u16_len(path);
    if (n == (size_t)-1) {
        snprintf(err, errcap, "path too long");
        return NULL;
    }
    char *p = u16_to_utf8(path, n);
    if (!p) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    FILE *f = fopen(p, "rb");
    if (!f) {
        snprintf(err, errcap, "%s", strerror(errno));
    } else {
        struct stat st;
        if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            fclose(f);
            f = NULL;
            snprintf(err, errcap, "is a directory");
        }
    }
    free(p);
    return f;
}

char *plat_getenv(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? strdup(v) : NULL;
}

int plat_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int plat_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int plat_list_dir(const char *dir, const char *suffix, void (*fn)(const char *path, void *ctx), void *ctx)
{
    DIR *d = opendir(dir);
    if (!d) {
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    size_t sl = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < sl || strcmp(e->d_name + l - sl, suffix) != 0) {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) {
                break;
            }
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (names[n]) {
            n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + 1 + strlen(names[i]) + 1;
        char *p = malloc(len);
        if (p) {
            snprintf(p, len, "%s/%s", dir, names[i]);
            fn(p, ctx);
            free(p);
        }
        free(names[i]);
    }
    free(names);
    return 0;
}

char *plat_module_dir(void)
{
    Dl_info info;
    if (!dladdr((void *)plat_module_dir, &info) || !info.dli_fname) {
        return NULL;
    }
    char *p = realpath(info.dli_fname, NULL);
    if (!p) {
        p = strdup(info.dli_fname);
    }
    if (!p) {
        return NULL;
    }
    char *slash = strrchr(p, '/');
    if (slash) {
        *slash = 0;
    } else {
        strcpy(p, ".");
    }
    return p;
}

void plat_pin_module(void)
{
    /* linked with -z nodelete: dlclose never unmaps the bridge */
}

char *plat_jvm_option(const char *utf8)
{
    return strdup(utf8);
}
