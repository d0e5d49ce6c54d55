/*
 * llmea.c - the bridge: llmea.h's functions, the handle table, one worker thread per handle, and the
 * embedded JVM.
 *
 * Threads. MetaTrader calls from whatever thread runs the EA. No caller thread ever touches the JVM:
 * each handle owns a worker thread (large stack, attached to the JVM once as a daemon) that runs all of
 * that handle's Java work. A caller copies its arguments into the handle, wakes the worker and waits with a
 * deadline (java.timeout_ms); on timeout it returns LLMEA_ERR_TIMEOUT and the handle answers
 * LLMEA_ERR_TIMEOUT at once until the late Java call has finished. Different handles run in parallel.
 *
 * The JVM. Created once per process by the first worker that needs it (-Xrs, never destroyed), or found
 * with JNI_GetCreatedJavaVMs when one already exists (a Java host, a previous load of this library). The
 * JVM library is loaded at run time from java.home or JAVA_HOME: nothing is imported from it at link time.
 *
 * Lifetime. A handle is reference counted (table, worker, callers in flight); whoever drops the last
 * reference frees it, so a worker stuck in Java can outlive llmea_close safely. The library is pinned in
 * the process for the same reason.
 */
#include "llmea.h"
#include "config.h"
#include "plat.h"
#include "u16.h"

#include <jni.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LLMEA_VERSION_STRING
#define LLMEA_VERSION_STRING "0.1.0-SNAPSHOT"
#endif

#define WORKER_STACK (16u * 1024u * 1024u)
#define MAX_HANDLES 256
#define ERRLEN 2048
#define BRIDGE_CLASS "com/llmea/bridge/EaBridge"
#define DEFAULT_JAR "llmea-bridge.jar"
#define CLOSE_WAIT_MS 5000

typedef jint(JNICALL *create_vm_fn)(JavaVM **, void **, void *);
typedef jint(JNICALL *created_vms_fn)(JavaVM **, jsize, jsize *);

/* ---------------------------------------------------------------------------------------------------- */
/* The handle                                                                                            */

enum { REQ_NONE, REQ_BAR };

typedef struct handle {
    int64_t id;
    int refs; /* guarded by g_table_lock */

    plat_mutex m; /* guards everything below that is not marked worker-only */
    plat_cond cv; /* every state change is broadcast */
    bridge_config cfg;
    uint16_t *config_path;
    size_t config_path_len;

    int open_done, open_status, closing, worker_done;
    int busy;  /* a caller owns the request slot */
    int stuck; /* a request timed out and Java is still working on it */
    uint64_t req_seq, done_seq;
    int32_t lookback;

    /* the request (written by the caller owning the slot, read by the worker) */
    int64_t bar_time;
    double *closes; /* lookback values */
    int32_t side, bars_held;
    double pos_volume, pos_price;

    /* the published result */
    int32_t r_status, r_action;
    double r_volume;
    u16buf forecast, reason, error;

    /* worker-only */
    JNIEnv *env;
    jobject session;
    jdoubleArray jcloses;
    u16buf w_forecast, w_reason, w_error;
} handle;

static plat_mutex g_table_lock = PLAT_MUTEX_INIT;
static handle *g_table[MAX_HANDLES];
static int64_t g_next_id = 1;
static u16buf g_open_error; /* guarded by g_table_lock */

/* The JVM and the cached class, method and field ids; set once under g_jvm_lock, read-only afterwards. */
static plat_mutex g_jvm_lock = PLAT_MUTEX_INIT;
static JavaVM *volatile g_vm;
static jclass g_cls;
static jmethodID g_open, g_on_bar, g_close, g_throwable_to_string;
static jfieldID g_f_status, g_f_error, g_f_lookback, g_f_action, g_f_volume, g_f_reason, g_f_forecast;
static int g_ids_ready;
static char g_vm_output[4096]; /* what the JVM printed while it was being created */
static size_t g_vm_output_len;
static volatile int g_capturing; /* only while JNI_CreateJavaVM runs */
static char g_create_failed[ERRLEN]; /* why JNI_CreateJavaVM failed; it is not tried again in this process */
static const uint16_t EMPTY16[1] = {0};

static void handle_release(handle *h)
{
    plat_mutex_lock(&g_table_lock);
    int left = --h->refs;
    plat_mutex_unlock(&g_table_lock);
    if (left > 0) {
        return;
    }
    config_free(&h->cfg);
    free(h->config_path);
    free(h->closes);
    u16buf_free(&h->forecast);
    u16buf_free(&h->reason);
    u16buf_free(&h->error);
    u16buf_free(&h->w_forecast);
    u16buf_free(&h->w_reason);
    u16buf_free(&h->w_error);
    plat_cond_destroy(&h->cv);
    plat_mutex_destroy(&h->m);
    free(h);
}

/* The open handle with this id, with a reference taken; NULL when unknown or closed. */
static handle *handle_get(int64_t id)
{
    handle *found = NULL;
    plat_mutex_lock(&g_table_lock);
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (g_table[i] && g_table[i]->id == id) {
            found = g_table[i];
            found->refs++;
            break;
        }
    }
    plat_mutex_unlock(&g_table_lock);
    return found;
}

static void set_open_error(const char *fmt, ...)
{
    char msg[ERRLEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    plat_mutex_lock(&g_table_lock);
    u16buf_set_utf8(&g_open_error, msg);
    plat_mutex_unlock(&g_table_lock);
}

/* Sets h->error (caller holds h->m). */
static void set_error(handle *h, const char *fmt, ...)
{
    char msg[ERRLEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    u16buf_set_utf8(&h->error, msg);
}

/* ---------------------------------------------------------------------------------------------------- */
/* The JVM                                                                                               */

static jint JNICALL capture_vfprintf(FILE *fp, const char *fmt, va_list args)
{
    /* The JVM's own messages (bad options, out of memory at start): kept for the error message, and
       still printed, since a terminal has no console anyway. */
    char line[1024];
    va_list copy;
    va_copy(copy, args);
    int n = vsnprintf(line, sizeof line, fmt, copy);
    va_end(copy);
    if (g_capturing && n > 0 && g_vm_output_len < sizeof g_vm_output - 1) {
        size_t room = sizeof g_vm_output - 1 - g_vm_output_len;
        size_t take = (size_t)n < room ? (size_t)n : room;
        if (take > sizeof line - 1) {
            take = sizeof line - 1;
        }
        memcpy(g_vm_output + g_vm_output_len, line, take);
        g_vm_output_len += take;
        g_vm_output[g_vm_output_len] = 0;
    }
    return vfprintf(fp, fmt, args);
}

/* The JVM library file under a Java home (JDK or JRE layouts); NULL when there is none. */
static char *find_jvm_library(const char *home)
{
#if defined(_WIN32)
    static const char *rel[] = {"\\bin\\server\\jvm.dll", "\\jre\\bin\\server\\jvm.dll", "\\bin\\client\\jvm.dll"};
#else
    static const char *rel[] = {"/lib/server/libjvm.so", "/jre/lib/amd64/server/libjvm.so", "/lib/amd64/server/libjvm.so",
                                "/lib/client/libjvm.so"};
#endif
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        size_t n = strlen(home) + strlen(rel[i]) + 1;
        char *p = malloc(n);
        if (!p) {
            return NULL;
        }
        snprintf(p, n, "%s%s", home, rel[i]);
        if (plat_is_file(p)) {
            return p;
        }
        free(p);
    }
    return NULL;
}

/* Takes a pending Java exception (clearing it) and describes it into msg. Returns 1 when there was one. */
static int take_exception(JNIEnv *env, char *msg, size_t cap, const char *what)
{
    if (!(*env)->ExceptionCheck(env)) {
        return 0;
    }
    jthrowable t = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    snprintf(msg, cap, "%s: Java exception", what);
    if (t && g_throwable_to_string) {
        jstring s = (jstring)(*env)->CallObjectMethod(env, t, g_throwable_to_string);
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionClear(env);
        } else if (s) {
            const char *u = (*env)->GetStringUTFChars(env, s, NULL);
            if (u) {
                snprintf(msg, cap, "%s: %s", what, u);
                (*env)->ReleaseStringUTFChars(env, s, u);
            } else {
                (*env)->ExceptionClear(env);
            }
            (*env)->DeleteLocalRef(env, s);
        }
    }
    if (t) {
        (*env)->DeleteLocalRef(env, t);
    }
    return 1;
}

/* Finds the bridge class and its members once. Caller holds g_jvm_lock. */
static int32_t resolve_ids(JNIEnv *env, char *err, size_t errcap)
{
    if (g_ids_ready) {
        return LLMEA_OK;
    }
    jclass thr = (*env)->FindClass(env, "java/lang/Throwable");
    if (!thr || take_exception(env, err, errcap, "java.lang.Throwable")) {
        return LLMEA_ERR_JVM;
    }
    g_throwable_to_string = (*env)->GetMethodID(env, thr, "toString", "()Ljava/lang/String;");
    (*env)->DeleteLocalRef(env, thr);
    if (!g_throwable_to_string || take_exception(env, err, errcap, "Throwable.toString")) {
        return LLMEA_ERR_JVM;
    }
    jclass cls = (*env)->FindClass(env, BRIDGE_CLASS);
    if (!cls) {
        char why[1024];
        take_exception(env, why, sizeof why, "FindClass");
        snprintf(err, errcap, "com.llmea.bridge.EaBridge is not on the JVM's class path (java.class_path; a JVM that "
                 "already existed keeps its own class path): %s", why);
        return LLMEA_ERR_JVM;
    }
    g_cls = (jclass)(*env)->NewGlobalRef(env, cls);
    (*env)->DeleteLocalRef(env, cls);
    if (!g_cls) {
        snprintf(err, errcap, "NewGlobalRef failed");
        return LLMEA_ERR_INTERNAL;
    }
    struct {
        jmethodID *id;
        const char *name, *sig;
        int is_static;
    } methods[] = {
        {&g_open, "open", "(Ljava/lang/String;)Lcom/llmea/bridge/EaBridge;", 1},
        {&g_on_bar, "onBar", "(J[DIDDI)I", 0},
        {&g_close, "close", "()V", 0},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        *methods[i].id = methods[i].is_static ? (*env)->GetStaticMethodID(env, g_cls, methods[i].name, methods[i].sig)
                                              : (*env)->GetMethodID(env, g_cls, methods[i].name, methods[i].sig);
        if (!*methods[i].id || take_exception(env, err, errcap, methods[i].name)) {
            (*env)->ExceptionClear(env);
            snprintf(err, errcap, "EaBridge.%s%s not found: the bridge jar does not match this library", methods[i].name,
                     methods[i].sig);
            return LLMEA_ERR_JVM;
        }
    }
    struct {
        jfieldID *id;
        const char *name, *sig;
    } fields[] = {
        {&g_f_status, "status", "I"},   {&g_f_error, "error", "Ljava/lang/String;"},
        {&g_f_lookback, "lookback", "I"}, {&g_f_action, "action", "I"},
        {&g_f_volume, "volume", "D"},   {&g_f_reason, "reason", "Ljava/lang/String;"},
        {&g_f_forecast, "forecast", "Ljava/lang/String;"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        *fields[i].id = (*env)->GetFieldID(env, g_cls, fields[i].name, fields[i].sig);
        if (!*fields[i].id || take_exception(env, err, errcap, fields[i].name)) {
            (*env)->ExceptionClear(env);
            snprintf(err, errcap, "EaBridge field %s %s not found: the bridge jar does not match this library",
                     fields[i].sig, fields[i].name);
            return LLMEA_ERR_JVM;
        }
    }
    g_ids_ready = 1;
    return LLMEA_OK;
}

/* Finds or creates the process's JVM. Caller holds g_jvm_lock. *created is set when this thread created it
   (and so is already attached). */
static int32_t ensure_vm(const bridge_config *cfg, JNIEnv **created_env, char *err, size_t errcap)
{
    *created_env = NULL;
    if (g_vm) {
        return LLMEA_OK;
    }
    void *lib = plat_lib_loaded_jvm();
    char *home = NULL, *libpath = NULL;
    if (!lib) {
        home = cfg->java_home ? strdup(cfg->java_home) : plat_getenv("JAVA_HOME");
        if (!home) {
            snprintf(err, errcap, "no Java: set java.home in the config (%s) or the JAVA_HOME environment variable to a "
                     "64-bit Java 17+ installation", cfg->path);
            return LLMEA_ERR_JVM;
        }
        libpath = find_jvm_library(home);
        if (!libpath) {
            snprintf(err, errcap, "no JVM library under Java home '%s' (from %s): expected %s", home,
                     cfg->java_home ? "java.home" : "JAVA_HOME",
#if defined(_WIN32)
                     "bin\\server\\jvm.dll"
#else
                     "lib/server/libjvm.so"
#endif
            );
            free(home);
            return LLMEA_ERR_JVM;
        }
        char why[1024];
        lib = plat_lib_open(libpath, why, sizeof why);
        if (!lib) {
            snprintf(err, errcap, "cannot load the JVM library '%s' (a 64-bit Java is needed): %s", libpath, why);
            free(home);
            free(libpath);
            return LLMEA_ERR_JVM;
        }
    }
    created_vms_fn get_created = (created_vms_fn)plat_lib_sym(lib, "JNI_GetCreatedJavaVMs");
    create_vm_fn create = (create_vm_fn)plat_lib_sym(lib, "JNI_CreateJavaVM");
    if (!get_created || !create) {
        snprintf(err, errcap, "'%s' is not a JVM library (no JNI_CreateJavaVM)", libpath ? libpath : "libjvm");
        free(home);
        free(libpath);
        return LLMEA_ERR_JVM;
    }
    JavaVM *vms[1];
    jsize n = 0;
    if (get_created(vms, 1, &n) == JNI_OK && n > 0) {
        g_vm = vms[0]; /* reuse the JVM this process already has */
        free(home);
        free(libpath);
        return LLMEA_OK;
    }

    /* create one: once. HotSpot keeps state from a failed attempt (a second JVM then ignores its class path). */
    if (g_create_failed[0]) {
        snprintf(err, errcap, "the JVM failed to start earlier in this process and cannot be started again: restart "
                 "the terminal (or the tester agent) after fixing the config. First failure: %.1700s", g_create_failed);
        free(home);
        free(libpath);
        return LLMEA_ERR_JVM;
    }
    char *cp = cfg->class_path ? strdup(cfg->class_path) : NULL;
    if (!cfg->class_path) {
        char *dir = plat_module_dir();
        char *jar = NULL;
        if (dir) {
            size_t l = strlen(dir) + strlen(DEFAULT_JAR) + 2;
            jar = malloc(l);
            if (jar) {
                snprintf(jar, l, "%s%c%s", dir, PLAT_PATH_SEP, DEFAULT_JAR);
            }
        }
        if (!jar || !plat_is_file(jar)) {
            snprintf(err, errcap, "java.class_path is not set in %s and there is no %s beside the bridge library (%s)",
                     cfg->path, DEFAULT_JAR, jar ? jar : "?");
            free(dir);
            free(jar);
            free(home);
            free(libpath);
            return LLMEA_ERR_CONFIG;
        }
        cp = jar;
        free(dir);
    }
    size_t cpl = strlen(cp) + 32;
    char *cp_opt = malloc(cpl);
    JavaVMOption *opts = calloc((size_t)cfg->n_options + 4, sizeof *opts);
    char **owned = calloc((size_t)cfg->n_options + 2, sizeof *owned); /* option strings in the JVM's encoding */
    int n_owned = 0;
    if (!cp_opt || !opts || !owned) {
        free(cp);
        free(cp_opt);
        free(opts);
        free(owned);
        free(home);
        free(libpath);
        snprintf(err, errcap, "out of memory");
        return LLMEA_ERR_INTERNAL;
    }
    snprintf(cp_opt, cpl, "-Djava.class.path=%s", cp);
    int k = 0;
    int32_t st = LLMEA_OK;
    opts[k++].optionString = "-Xrs"; /* leave the host's signals (Ctrl-C, console close) alone */
    opts[k].optionString = "vfprintf";
    opts[k++].extraInfo = (void *)capture_vfprintf;
    for (int i = -1; i < cfg->n_options && st == LLMEA_OK; i++) {
        const char *o = i < 0 ? cp_opt : cfg->options[i];
        char *native = plat_jvm_option(o);
        if (!native) {
            snprintf(err, errcap, "JVM option '%.500s' has characters the JVM cannot read on this system (keep Java, the "
                     "class path and java.options to characters of the system code page)", o);
            st = LLMEA_ERR_CONFIG;
            break;
        }
        owned[n_owned++] = native;
        opts[k++].optionString = native;
    }
    if (st != LLMEA_OK) {
        for (int i = 0; i < n_owned; i++) {
            free(owned[i]);
        }
        free(owned);
        free(cp);
        free(cp_opt);
        free(opts);
        free(home);
        free(libpath);
        return st;
    }
    JavaVMInitArgs args;
    args.version = JNI_VERSION_1_8;
    args.nOptions = k;
    args.options = opts;
    args.ignoreUnrecognized = JNI_FALSE;
    JavaVM *vm = NULL;
    JNIEnv *env = NULL;
    g_vm_output_len = 0;
    g_vm_output[0] = 0;
    g_capturing = 1;
    jint rc = create(&vm, (void **)&env, &args);
    g_capturing = 0;
    if (rc == JNI_OK) {
        g_vm = vm;
        *created_env = env;
    } else if (rc == JNI_EEXIST && get_created(vms, 1, &n) == JNI_OK && n > 0) {
        g_vm = vms[0];
    } else {
        for (char *q = g_vm_output; *q; q++) {
            if (*q == '\n' || *q == '\r') {
                *q = ' ';
            }
        }
        snprintf(err, errcap, "JNI_CreateJavaVM failed (%d) with Java home '%.300s'%s%.1200s (check java.options; a JVM that "
                 "failed to start cannot be created again in this process: restart the terminal)",
                 (int)rc, home ? home : "?", g_vm_output_len ? ": " : "", g_vm_output);
        snprintf(g_create_failed, sizeof g_create_failed, "%s", err);
    }
    for (int i = 0; i < n_owned; i++) {
        free(owned[i]);
    }
    free(owned);
    free(cp);
    free(cp_opt);
    free(opts);
    free(home);
    free(libpath);
    return g_vm ? LLMEA_OK : LLMEA_ERR_JVM;
}

/* Gives this worker thread a JNIEnv: creating or finding the JVM, attaching as a daemon thread. */
static int32_t worker_attach(handle *h, char *err, size_t errcap)
{
    JNIEnv *env = NULL;
    plat_mutex_lock(&g_jvm_lock);
    int32_t st = ensure_vm(&h->cfg, &env, err, errcap);
    if (st == LLMEA_OK && !env) {
        char name[64];
        snprintf(name, sizeof name, "llmea-handle-%lld", (long long)h->id);
        JavaVMAttachArgs a;
        a.version = JNI_VERSION_1_8;
        a.name = name;
        a.group = NULL;
        jint rc = (*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&env, &a);
        if (rc != JNI_OK || !env) {
            snprintf(err, errcap, "AttachCurrentThreadAsDaemon failed (%d)", (int)rc);
            st = LLMEA_ERR_JVM;
            env = NULL;
        }
    }
    if (st == LLMEA_OK) {
        st = resolve_ids(env, err, errcap);
    }
    plat_mutex_unlock(&g_jvm_lock);
    h->env = env;
    return st;
}

/* Copies a Java String field of the session into a worker buffer. */
static int read_string(JNIEnv *env, jobject obj, jfieldID f, u16buf *out)
{
    jstring s = (jstring)(*env)->GetObjectField(env, obj, f);
    if (!s) {
        u16buf_set(out, NULL, 0);
        return 0;
    }
    jsize n = (*env)->GetStringLength(env, s);
    uint16_t tmp[256];
    uint16_t *dst = tmp;
    if ((size_t)n > sizeof tmp / sizeof tmp[0]) {
        dst = malloc((size_t)n * sizeof(uint16_t));
        if (!dst) {
            (*env)->DeleteLocalRef(env, s);
            return -1;
        }
    }
    (*env)->GetStringRegion(env, s, 0, n, (jchar *)dst);
    int bad = (*env)->ExceptionCheck(env);
    if (bad) {
        (*env)->ExceptionClear(env);
    } else {
        u16buf_set(out, dst, (size_t)n);
    }
    if (dst != tmp) {
        free(dst);
    }
    (*env)->DeleteLocalRef(env, s);
    return bad ? -1 : 0;
}

/* EaBridge.open(config path) on the worker. Returns a status; on failure the message is in w_error. */
static int32_t java_open(handle *h)
{
    JNIEnv *env = h->env;
    char err[ERRLEN];
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        take_exception(env, err, sizeof err, "PushLocalFrame");
        u16buf_set_utf8(&h->w_error, err);
        return LLMEA_ERR_INTERNAL;
    }
    int32_t st = LLMEA_OK;
    jstring path = (*env)->NewString(env, (const jchar *)h->config_path, (jsize)h->config_path_len);
    jobject session = path ? (*env)->CallStaticObjectMethod(env, g_cls, g_open, path) : NULL;
    if (take_exception(env, err, sizeof err, "EaBridge.open") || !session) {
        if (!path || !session) {
            u16buf_set_utf8(&h->w_error, err);
        }
        st = LLMEA_ERR_JAVA;
    } else {
        st = (*env)->GetIntField(env, session, g_f_status);
        if (st != LLMEA_OK) {
            read_string(env, session, g_f_error, &h->w_error);
            if (st > 0 || st < LLMEA_ERR_INTERNAL) {
                st = LLMEA_ERR_JAVA;
            }
        } else {
            h->lookback = (*env)->GetIntField(env, session, g_f_lookback);
            jdoubleArray arr = h->lookback > 0 ? (*env)->NewDoubleArray(env, h->lookback) : NULL;
            h->closes = h->lookback > 0 ? malloc((size_t)h->lookback * sizeof(double)) : NULL;
            h->session = (*env)->NewGlobalRef(env, session);
            h->jcloses = arr ? (jdoubleArray)(*env)->NewGlobalRef(env, arr) : NULL;
            if (h->lookback <= 0) {
                snprintf(err, sizeof err, "the strategy's lookback is %d; it must be at least 1", (int)h->lookback);
                u16buf_set_utf8(&h->w_error, err);
                st = LLMEA_ERR_JAVA;
            } else if (take_exception(env, err, sizeof err, "allocating the closes array") || !h->closes || !h->session
                       || !h->jcloses) {
                u16buf_set_utf8(&h->w_error, "out of memory allocating the closes array");
                st = LLMEA_ERR_INTERNAL;
            }
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    return st;
}

/* EaBridge.onBar on the worker, results into h->r_* (numbers) and the worker buffers (text). */
static int32_t java_on_bar(handle *h, int32_t *action, double *volume)
{
    JNIEnv *env = h->env;
    char err[ERRLEN];
    *action = LLMEA_ACT_NONE;
    *volume = 0;
    h->w_forecast.len = 0;
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        take_exception(env, err, sizeof err, "PushLocalFrame");
        u16buf_set_utf8(&h->w_error, err);
        return LLMEA_ERR_INTERNAL;
    }
    int32_t st;
    (*env)->SetDoubleArrayRegion(env, h->jcloses, 0, h->lookback, h->closes);
    if (take_exception(env, err, sizeof err, "SetDoubleArrayRegion")) {
        u16buf_set_utf8(&h->w_error, err);
        st = LLMEA_ERR_INTERNAL;
    } else {
        st = (*env)->CallIntMethod(env, h->session, g_on_bar, (jlong)h->bar_time, h->jcloses, (jint)h->side,
                                   (jdouble)h->pos_volume, (jdouble)h->pos_price, (jint)h->bars_held);
        if (take_exception(env, err, sizeof err, "EaBridge.onBar")) {
            u16buf_set_utf8(&h->w_error, err);
            st = LLMEA_ERR_JAVA;
        } else if (st != LLMEA_OK) {
            read_string(env, h->session, g_f_error, &h->w_error);
            if (st > 0 || st < LLMEA_ERR_INTERNAL) {
                st = LLMEA_ERR_JAVA;
            }
        } else {
            *action = (*env)->GetIntField(env, h->session, g_f_action);
            *volume = (*env)->GetDoubleField(env, h->session, g_f_volume);
            if (read_string(env, h->session, g_f_reason, &h->w_reason) != 0
                || read_string(env, h->session, g_f_forecast, &h->w_forecast) != 0) {
                u16buf_set_utf8(&h->w_error, "could not read the decision's reason or forecast");
                st = LLMEA_ERR_INTERNAL;
                *action = LLMEA_ACT_NONE;
                *volume = 0;
            }
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    return st;
}

static void java_close(handle *h)
{
    JNIEnv *env = h->env;
    if (!env) {
        return;
    }
    if (h->session) {
        (*env)->CallVoidMethod(env, h->session, g_close);
        (*env)->ExceptionClear(env); /* EaBridge.close catches everything; this is belt and braces */
        (*env)->DeleteGlobalRef(env, h->session);
        h->session = NULL;
    }
    if (h->jcloses) {
        (*env)->DeleteGlobalRef(env, h->jcloses);
        h->jcloses = NULL;
    }
}

/* ---------------------------------------------------------------------------------------------------- */
/* The worker thread                                                                                     */

static void worker_main(void *arg)
{
    handle *h = arg;
    char err[ERRLEN];
    err[0] = 0;
    int32_t st = worker_attach(h, err, sizeof err);
    if (st == LLMEA_OK) {
        st = java_open(h);
    } else {
        u16buf_set_utf8(&h->w_error, err);
    }

    plat_mutex_lock(&h->m);
    h->open_status = st;
    if (st != LLMEA_OK) {
        u16buf_set(&h->error, h->w_error.s, h->w_error.len);
    }
    h->open_done = 1;
    plat_cond_broadcast(&h->cv);
    while (st == LLMEA_OK) {
        while (!h->closing && h->req_seq == h->done_seq) {
            plat_cond_wait_until(&h->cv, &h->m, plat_now_ns() + 3600LL * 1000000000LL);
        }
        if (h->req_seq == h->done_seq) {
            break; /* closing with nothing pending */
        }
        uint64_t seq = h->req_seq;
        plat_mutex_unlock(&h->m);

        int32_t action = LLMEA_ACT_NONE;
        double volume = 0;
        int32_t rs = java_on_bar(h, &action, &volume);

        plat_mutex_lock(&h->m);
        h->r_status = rs;
        h->r_action = action;
        h->r_volume = volume;
        if (rs == LLMEA_OK) {
            u16buf_set(&h->reason, h->w_reason.s, h->w_reason.len);
            u16buf_set(&h->forecast, h->w_forecast.s, h->w_forecast.len);
        } else {
            u16buf_set(&h->error, h->w_error.s, h->w_error.len);
        }
        h->done_seq = seq;
        h->stuck = 0;
        plat_cond_broadcast(&h->cv);
    }
    plat_mutex_unlock(&h->m);

    java_close(h);
    if (h->env) {
        (*g_vm)->DetachCurrentThread(g_vm);
        h->env = NULL;
    }
    plat_mutex_lock(&h->m);
    h->worker_done = 1;
    plat_cond_broadcast(&h->cv);
    plat_mutex_unlock(&h->m);
    handle_release(h);
}

/* ---------------------------------------------------------------------------------------------------- */
/* The C ABI                                                                                             */

LLMEA_API int32_t llmea_version(uint16_t *buf, int32_t cap)
{
    return u16_out_utf8(buf, cap, "llm-ea " LLMEA_VERSION_STRING);
}

LLMEA_API int64_t llmea_open(const uint16_t *config_path)
{
    if (!config_path) {
        set_open_error("llmea_open: config_path is null");
        return LLMEA_ERR_ARGUMENT;
    }
    plat_pin_module();
    handle *h = calloc(1, sizeof *h);
    if (!h) {
        set_open_error("llmea_open: out of memory");
        return LLMEA_ERR_INTERNAL;
    }
    plat_mutex_init(&h->m);
    plat_cond_init(&h->cv);
    h->refs = 1; /* this call's */
    char err[ERRLEN];
    int32_t st = config_load(config_path, &h->cfg, err, sizeof err);
    if (st != LLMEA_OK) {
        set_open_error("%s", err);
        handle_release(h);
        return st;
    }
    h->config_path_len = u16_len(config_path);
    h->config_path = malloc((h->config_path_len + 1) * sizeof(uint16_t));
    if (!h->config_path) {
        set_open_error("llmea_open: out of memory");
        handle_release(h);
        return LLMEA_ERR_INTERNAL;
    }
    memcpy(h->config_path, config_path, (h->config_path_len + 1) * sizeof(uint16_t));

    plat_mutex_lock(&g_table_lock);
    h->id = g_next_id++;
    h->refs++; /* the worker's */
    plat_mutex_unlock(&g_table_lock);
    int rc = plat_thread_start(worker_main, h, WORKER_STACK);
    if (rc != 0) {
        set_open_error("llmea_open: cannot start the worker thread (error %d)", rc);
        h->refs--; /* no worker */
        handle_release(h);
        return LLMEA_ERR_INTERNAL;
    }

    plat_mutex_lock(&h->m);
    int64_t deadline = plat_now_ns() + h->cfg.open_timeout_ms * 1000000LL;
    while (!h->open_done) {
        if (plat_cond_wait_until(&h->cv, &h->m, deadline) && !h->open_done) {
            break;
        }
    }
    if (!h->open_done) {
        h->closing = 1; /* the worker closes the strategy and exits when its open finishes */
        plat_cond_broadcast(&h->cv);
        plat_mutex_unlock(&h->m);
        set_open_error("llmea_open: the JVM or the strategy did not start within java.open_timeout_ms = %lld ms",
                       (long long)h->cfg.open_timeout_ms);
        handle_release(h);
        return LLMEA_ERR_TIMEOUT;
    }
    st = h->open_status;
    if (st != LLMEA_OK) {
        char *msg = u16_to_utf8(h->error.s ? h->error.s : EMPTY16, h->error.len);
        plat_mutex_unlock(&h->m);
        set_open_error("%s", msg ? msg : "llmea_open failed");
        free(msg);
        handle_release(h);
        return st;
    }
    plat_mutex_unlock(&h->m);

    plat_mutex_lock(&g_table_lock);
    int slot = -1;
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (!g_table[i]) {
            slot = i;
            break;
        }
    }
    if (slot >= 0) {
        g_table[slot] = h; /* this call's reference becomes the table's */
    }
    plat_mutex_unlock(&g_table_lock);
    if (slot < 0) {
        set_open_error("llmea_open: too many open handles (%d)", MAX_HANDLES);
        plat_mutex_lock(&h->m);
        h->closing = 1;
        plat_cond_broadcast(&h->cv);
        plat_mutex_unlock(&h->m);
        handle_release(h);
        return LLMEA_ERR_INTERNAL;
    }
    return h->id;
}

static int32_t bad_argument(handle *h, const char *fmt, ...)
{
    char msg[ERRLEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    plat_mutex_lock(&h->m);
    u16buf_set_utf8(&h->error, msg);
    plat_mutex_unlock(&h->m);
    handle_release(h);
    return LLMEA_ERR_ARGUMENT;
}

LLMEA_API int32_t llmea_on_bar(int64_t handle_id, int64_t bar_time, const double *closes, int32_t n,
                               int32_t position_state, double position_volume, double position_price,
                               int32_t bars_held, int32_t *out_action, double *out_volume,
                               uint16_t *out_forecast, int32_t forecast_cap)
{
    if (out_action) {
        *out_action = LLMEA_ACT_NONE;
    }
    if (out_volume) {
        *out_volume = 0;
    }
    if (out_forecast && forecast_cap > 0) {
        out_forecast[0] = 0;
    }
    handle *h = handle_get(handle_id);
    if (!h) {
        return LLMEA_ERR_HANDLE;
    }
    if (!out_action || !out_volume) {
        return bad_argument(h, "llmea_on_bar: out_action and out_volume must not be null");
    }
    if (!out_forecast && forecast_cap > 0) {
        return bad_argument(h, "llmea_on_bar: out_forecast is null but forecast_cap is %d", (int)forecast_cap);
    }
    if (!closes) {
        return bad_argument(h, "llmea_on_bar: closes is null");
    }
    if (n < h->lookback) {
        return bad_argument(h, "llmea_on_bar: n = %d closes, the strategy needs at least %d (its lookback)", (int)n,
                            (int)h->lookback);
    }
    if (position_state < LLMEA_POS_FLAT || position_state > LLMEA_POS_SHORT) {
        return bad_argument(h, "llmea_on_bar: position_state must be 0 (flat), 1 (long) or 2 (short), got %d",
                            (int)position_state);
    }
    if (!isfinite(position_volume) || position_volume < 0 || !isfinite(position_price) || position_price < 0
        || bars_held < 0) {
        return bad_argument(h, "llmea_on_bar: bad position: volume %g, price %g, bars held %d", position_volume,
                            position_price, (int)bars_held);
    }
    const double *use = closes + (n - h->lookback); /* the last lookback closes: shift lookback..1 */
    for (int32_t i = 0; i < h->lookback; i++) {
        if (!isfinite(use[i]) || use[i] <= 0) {
            return bad_argument(h, "llmea_on_bar: close of shift %d (closes[%d]) is %g; closes must be positive numbers",
                                (int)(h->lookback - i), (int)(n - h->lookback + i), use[i]);
        }
    }

    plat_mutex_lock(&h->m);
    int64_t deadline = plat_now_ns() + h->cfg.timeout_ms * 1000000LL;
    int32_t st;
    while (h->busy && !h->stuck && !h->closing) { /* another thread's call on this handle */
        if (plat_cond_wait_until(&h->cv, &h->m, deadline) && h->busy) {
            break;
        }
    }
    if (h->closing || h->worker_done) {
        st = LLMEA_ERR_HANDLE;
    } else if (h->stuck) {
        st = LLMEA_ERR_TIMEOUT;
        set_error(h, "llmea_on_bar: the previous call on this handle timed out and its Java call is still running");
    } else if (h->busy) {
        st = LLMEA_ERR_TIMEOUT;
        set_error(h, "llmea_on_bar: another call on this handle took longer than java.timeout_ms = %lld ms",
                  (long long)h->cfg.timeout_ms);
    } else {
        h->busy = 1;
        h->bar_time = bar_time;
        memcpy(h->closes, use, (size_t)h->lookback * sizeof(double));
        h->side = position_state;
        h->pos_volume = position_volume;
        h->pos_price = position_price;
        h->bars_held = bars_held;
        uint64_t seq = ++h->req_seq;
        plat_cond_broadcast(&h->cv);
        while (h->done_seq < seq && !h->worker_done) {
            if (plat_cond_wait_until(&h->cv, &h->m, deadline) && h->done_seq < seq) {
                break;
            }
        }
        if (h->done_seq >= seq) {
            st = h->r_status;
            if (st == LLMEA_OK) {
                *out_action = h->r_action;
                *out_volume = h->r_volume;
                if (out_forecast && forecast_cap > 0
                    && u16_out(out_forecast, forecast_cap, h->forecast.s, h->forecast.len) == LLMEA_ERR_BUFFER) {
                    st = LLMEA_ERR_BUFFER; /* the decision stands; only its forecast text was cut */
                    set_error(h, "llmea_on_bar: the forecast (%d characters) was cut to fit forecast_cap = %d",
                              (int)h->forecast.len, (int)forecast_cap);
                }
            }
        } else if (h->worker_done) {
            st = LLMEA_ERR_HANDLE;
        } else {
            h->stuck = 1;
            st = LLMEA_ERR_TIMEOUT;
            set_error(h, "llmea_on_bar: the strategy did not decide within java.timeout_ms = %lld ms",
                      (long long)h->cfg.timeout_ms);
        }
        h->busy = 0;
        plat_cond_broadcast(&h->cv);
    }
    plat_mutex_unlock(&h->m);
    handle_release(h);
    return st;
}

static int32_t unknown_handle(int64_t id, uint16_t *buf, int32_t cap)
{
    char msg[128];
    snprintf(msg, sizeof msg, "unknown or closed handle %lld", (long long)id);
    if (buf && cap > 0) {
        u16_out_utf8(buf, cap, msg);
    }
    return LLMEA_ERR_HANDLE;
}

LLMEA_API int32_t llmea_lookback(int64_t handle_id)
{
    handle *h = handle_get(handle_id);
    if (!h) {
        return LLMEA_ERR_HANDLE;
    }
    int32_t n = h->lookback; /* set by the worker before llmea_open returned the handle; never changes */
    handle_release(h);
    return n;
}

LLMEA_API int32_t llmea_last_reason(int64_t handle_id, uint16_t *buf, int32_t cap)
{
    handle *h = handle_get(handle_id);
    if (!h) {
        return unknown_handle(handle_id, buf, cap);
    }
    plat_mutex_lock(&h->m);
    int32_t st = u16_out(buf, cap, h->reason.s, h->reason.len);
    plat_mutex_unlock(&h->m);
    handle_release(h);
    return st;
}

LLMEA_API int32_t llmea_last_error(int64_t handle_id, uint16_t *buf, int32_t cap)
{
    if (handle_id == 0) {
        plat_mutex_lock(&g_table_lock);
        int32_t st = u16_out(buf, cap, g_open_error.s, g_open_error.len);
        plat_mutex_unlock(&g_table_lock);
        return st;
    }
    handle *h = handle_get(handle_id);
    if (!h) {
        return unknown_handle(handle_id, buf, cap);
    }
    plat_mutex_lock(&h->m);
    int32_t st = u16_out(buf, cap, h->error.s, h->error.len);
    plat_mutex_unlock(&h->m);
    handle_release(h);
    return st;
}

LLMEA_API int32_t llmea_close(int64_t handle_id)
{
    handle *h = NULL;
    plat_mutex_lock(&g_table_lock);
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (g_table[i] && g_table[i]->id == handle_id) {
            h = g_table[i];
            g_table[i] = NULL; /* the table's reference is now this call's */
            break;
        }
    }
    plat_mutex_unlock(&g_table_lock);
    if (!h) {
        return LLMEA_ERR_HANDLE;
    }
    plat_mutex_lock(&h->m);
    h->closing = 1;
    plat_cond_broadcast(&h->cv);
    /* Wait a little for the worker to close the strategy (a tester pass may reopen at once); a worker stuck in
       Java finishes on its own and frees the handle with the last reference. */
    int64_t deadline = plat_now_ns() + (int64_t)CLOSE_WAIT_MS * 1000000LL;
    while (!h->worker_done) {
        if (plat_cond_wait_until(&h->cv, &h->m, deadline) && !h->worker_done) {
            break;
        }
    }
    plat_mutex_unlock(&h->m);
    handle_release(h);
    return LLMEA_OK;
}
