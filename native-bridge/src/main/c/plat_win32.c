/* plat_win32.c - plat.h on Windows x64 (SRW locks, condition variables, LoadLibraryExW). Built with mingw-w64. */
#include "plat.h"
#include "u16.h"

#include <errno.h>
#include <process.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* UTF-8 to a malloc'd wide (UTF-16) string. */
static wchar_t *widen(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    if (n <= 0) {
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof(wchar_t));
    if (w && MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) <= 0) {
        free(w);
        w = NULL;
    }
    return w;
}

static char *narrow(const wchar_t *w)
{
    return u16_to_utf8((const uint16_t *)w, wcslen(w));
}

static void win_error(DWORD code, char *err, size_t errcap)
{
    wchar_t msg[512];
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code, 0, msg, 512, NULL);
    while (n > 0 && (msg[n - 1] == L'\r' || msg[n - 1] == L'\n' || msg[n - 1] == L'.')) {
        msg[--n] = 0;
    }
    char *m = n ? u16_to_utf8((const uint16_t *)msg, n) : NULL;
    snprintf(err, errcap, "Windows error %lu%s%s", (unsigned long)code, m ? ": " : "", m ? m : "");
    free(m);
}

void plat_mutex_init(plat_mutex *m)
{
    InitializeSRWLock(m);
}

void plat_mutex_destroy(plat_mutex *m)
{
    (void)m;
}

void plat_mutex_lock(plat_mutex *m)
{
    AcquireSRWLockExclusive(m);
}

void plat_mutex_unlock(plat_mutex *m)
{
    ReleaseSRWLockExclusive(m);
}

void plat_cond_init(plat_cond *c)
{
    InitializeConditionVariable(c);
}

void plat_cond_destroy(plat_cond *c)
{
    (void)c;
}

void plat_cond_broadcast(plat_cond *c)
{
    WakeAllConditionVariable(c);
}

int plat_cond_wait_until(plat_cond *c, plat_mutex *m, int64_t deadline_ns)
{
    int64_t left = deadline_ns - plat_now_ns();
    if (left <= 0) {
        return 1;
    }
    int64_t ms = (left + 999999) / 1000000;
    if (ms > 0x7FFFFFFE) {
        ms = 0x7FFFFFFE;
    }
    if (!SleepConditionVariableSRW(c, m, (DWORD)ms, 0)) {
        return GetLastError() == ERROR_TIMEOUT && plat_now_ns() >= deadline_ns ? 1 : 0;
    }
    return 0;
}

int64_t plat_now_ns(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER now;
    if (freq.QuadPart == 0) {
        QueryPerformanceFrequency(&freq);
    }
    QueryPerformanceCounter(&now);
    return (int64_t)((double)now.QuadPart * 1e9 / (double)freq.QuadPart);
}

typedef struct {
    void (*fn)(void *);
    void *arg;
} start_args;

static unsigned __stdcall thread_main(void *p)
{
    start_args a = *(start_args *)p;
    free(p);
    a.fn(a.arg);
    return 0;
}

int plat_thread_start(void (*fn)(void *), void *arg, size_t stack_size)
{
    start_args *a = malloc(sizeof *a);
    if (!a) {
        return ENOMEM;
    }
    a->fn = fn;
    a->arg = arg;
    uintptr_t t = _beginthreadex(NULL, (unsigned)stack_size, thread_main, a, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (t == 0) {
        free(a);
        return errno ? errno : EAGAIN;
    }
    CloseHandle((HANDLE)t); /* detached */
    return 0;
}

void *plat_lib_open(const char *path, char *err, size_t errcap)
{
    wchar_t *w = widen(path);
    if (!w) {
        snprintf(err, errcap, "bad path");
        return NULL;
    }
    /* jvm.dll needs the JDK's bin directory (vcruntime140.dll and friends) on the search path:
       search the DLL's own directory, its parent (bin\server -> bin) and the system directories. */
    wchar_t *dir = _wcsdup(w);
    DLL_DIRECTORY_COOKIE c1 = 0, c2 = 0;
    if (dir) {
        wchar_t *s = wcsrchr(dir, L'\\');
        if (s) {
            *s = 0;
            c1 = AddDllDirectory(dir);
            s = wcsrchr(dir, L'\\');
            if (s) {
                *s = 0;
                c2 = AddDllDirectory(dir);
            }
        }
    }
    HMODULE h = LoadLibraryExW(w, NULL, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS
                                          | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
    if (!h) {
        DWORD code = GetLastError();
        /* older loaders: the classic altered search path */
        h = LoadLibraryExW(w, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
        if (!h) {
            win_error(code, err, errcap);
        }
    }
    (void)c1;
    (void)c2; /* the directories stay added: the JVM loads more of the JDK's DLLs later */
    free(dir);
    free(w);
    return h;
}

void *plat_lib_sym(void *lib, const char *name)
{
    return (void *)GetProcAddress((HMODULE)lib, name);
}

void *plat_lib_loaded_jvm(void)
{
    return GetModuleHandleW(L"jvm.dll");
}

FILE *plat_fopen_u16(const uint16_t *path, char *err, size_t errcap)
{
    if (u16_len(path) == (size_t)-1) {
        snprintf(err, errcap, "path too long");
        return NULL;
    }
    DWORD attr = GetFileAttributesW((const wchar_t *)path);
    if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) {
        snprintf(err, errcap, "is a directory");
        return NULL;
    }
    FILE *f = _wfopen((const wchar_t *)path, L"rb");
    if (!f) {
        snprintf(err, errcap, "%s", strerror(errno));
    }
    return f;
}

char *plat_getenv(const char *name)
{
    wchar_t *w = widen(name);
    if (!w) {
        return NULL;
    }
    const wchar_t *v = _wgetenv(w);
    free(w);
    return v && *v ? narrow(v) : NULL;
}

int plat_is_dir(const char *path)
{
    wchar_t *w = widen(path);
    if (!w) {
        return 0;
    }
    DWORD attr = GetFileAttributesW(w);
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY);
}

int plat_is_file(const char *path)
{
    wchar_t *w = widen(path);
    if (!w) {
        return 0;
    }
    DWORD attr = GetFileAttributesW(w);
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int plat_list_dir(const char *dir, const char *suffix, void (*fn)(const char *path, void *ctx), void *ctx)
{
    size_t dl = strlen(dir);
    char *pattern = malloc(dl + 3);
    if (!pattern) {
        return -1;
    }
    snprintf(pattern, dl + 3, "%s\\*", dir);
    wchar_t *w = widen(pattern);
    free(pattern);
    if (!w) {
        return -1;
    }
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(w, &fd);
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0, sl = strlen(suffix);
    do {
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
            continue;
        }
        char *name = narrow(fd.cFileName);
        if (!name) {
            continue;
        }
        size_t l = strlen(name);
        if (l < sl || _stricmp(name + l - sl, suffix) != 0) {
            free(name);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) {
                free(name);
                break;
            }
            names = nn;
        }
        names[n++] = name;
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + 1 + strlen(names[i]) + 1;
        char *p = malloc(len);
        if (p) {
            snprintf(p, len, "%s\\%s", dir, names[i]);
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
    HMODULE self = NULL;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCWSTR)(void *)plat_module_dir, &self)) {
        return NULL;
    }
    wchar_t path[32768];
    DWORD n = GetModuleFileNameW(self, path, 32768);
    if (n == 0 || n >= 32768) {
        return NULL;
    }
    wchar_t *s = wcsrchr(path, L'\\');
    if (s) {
        *s = 0;
    }
    return narrow(path);
}

void plat_pin_module(void)
{
    HMODULE self = NULL;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (LPCWSTR)(void *)plat_pin_module, &self);
}

char *plat_jvm_option(const char *utf8)
{
    wchar_t *w = widen(utf8);
    if (!w) {
        return NULL;
    }
    BOOL lossy = FALSE;
    int n = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, w, -1, NULL, 0, NULL, &lossy);
    char *out = n > 0 && !lossy ? malloc((size_t)n) : NULL;
    if (out && WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, w, -1, out, n, NULL, &lossy) <= 0) {
        free(out);
        out = NULL;
    }
    free(w);
    return out;
}
