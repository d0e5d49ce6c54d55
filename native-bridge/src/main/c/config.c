/* config.c - see config.h. */
#include "config.h"
#include "llmea.h"
#include "plat.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "u16.h"

#define CONFIG_MAX_BYTES (1 << 20)

static char *dup_range(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

int config_is_absolute(const char *p)
{
#if defined(_WIN32)
    return (isalpha((unsigned char)p[0]) && p[1] == ':' && (p[2] == '\\' || p[2] == '/')) || p[0] == '\\' || p[0] == '/';
#else
    return p[0] == '/';
#endif
}

static char *join(const char *dir, const char *name)
{
    if (config_is_absolute(name) || !dir || !*dir) {
        return strdup(name);
    }
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = malloc(n);
    if (p) {
        snprintf(p, n, "%s%c%s", dir, PLAT_PATH_SEP, name);
    }
    return p;
}

static int append(char **cp, const char *entry)
{
    size_t old = *cp ? strlen(*cp) : 0;
    size_t n = old + (old ? 1 : 0) + strlen(entry) + 1;
    char *s = realloc(*cp, n);
    if (!s) {
        return -1;
    }
    if (old) {
        s[old++] = PLAT_LIST_SEP;
    }
    strcpy(s + old, entry);
    *cp = s;
    return 0;
}

typedef struct {
    char **cp;
    int failed;
} jar_ctx;

static void add_jar(const char *path, void *ctx)
{
    jar_ctx *j = ctx;
    if (append(j->cp, path) != 0) {
        j->failed = 1;
    }
}

int config_append_class_path(char **cp, const char *base_dir, const char *entry)
{
    char *p = join(base_dir, entry);
    if (!p) {
        return -1;
    }
    size_t n = strlen(p);
    int rc = 0;
    if (n >= 2 && p[n - 1] == '*' && (p[n - 2] == '/' || p[n - 2] == '\\')) {
        p[n - 2] = 0; /* dir/"*": every jar in dir, in name order, as the java launcher expands it */
        jar_ctx j = {cp, 0};
        if (plat_list_dir(p, ".jar", add_jar, &j) == 0) {
            rc = j.failed ? -1 : 0;
        }
    } else {
        rc = append(cp, p);
    }
    free(p);
    return rc;
}

static int split_options(bridge_config *c, const char *v)
{
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (!*p) {
            break;
        }
        char *tok = malloc(strlen(p) + 1);
        if (!tok) {
            return -1;
        }
        size_t o = 0;
        int quoted = 0;
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
            if (*p == '"') {
                quoted = !quoted;
            } else {
                tok[o++] = *p;
            }
            p++;
        }
        tok[o] = 0;
        char **opts = realloc(c->options, (size_t)(c->n_options + 1) * sizeof *opts);
        if (!opts) {
            free(tok);
            return -1;
        }
        c->options = opts;
        c->options[c->n_options++] = tok;
    }
    return 0;
}

static int parse_ms(const char *v, int64_t *out)
{
    char *end;
    errno = 0;
    long long ms = strtoll(v, &end, 10);
    if (errno || end == v || *end || ms < 1 || ms > 86400000LL) {
        return -1;
    }
    *out = ms;
    return 0;
}

static char *file_dir(const char *path)
{
    const char *s1 = strrchr(path, '/');
#if defined(_WIN32)
    const char *s2 = strrchr(path, '\\');
    if (s2 && (!s1 || s2 > s1)) {
        s1 = s2;
    }
#endif
    if (!s1) {
        return strdup(".");
    }
    return dup_range(path, (size_t)(s1 - path) + (s1 == path ? 1 : 0));
}

int32_t config_load(const uint16_t *path, bridge_config *c, char *err, size_t errcap)
{
    memset(c, 0, sizeof *c);
    c->timeout_ms = CONFIG_DEFAULT_TIMEOUT_MS;
    c->open_timeout_ms = CONFIG_DEFAULT_OPEN_TIMEOUT_MS;
    size_t plen = u16_len(path);
    if (plen == (size_t)-1 || plen == 0) {
        snprintf(err, errcap, plen == 0 ? "config path is empty" : "config path has no end (no NUL within 32768 characters)");
        return LLMEA_ERR_CONFIG;
    }
    c->path = u16_to_utf8(path, plen);
    if (!c->path) {
        snprintf(err, errcap, "out of memory");
        return LLMEA_ERR_INTERNAL;
    }
    c->dir = file_dir(c->path);
    char why[256];
    FILE *f = plat_fopen_u16(path, why, sizeof why);
    if (!f) {
        snprintf(err, errcap, "cannot read config '%s': %s", c->path, why);
        return LLMEA_ERR_CONFIG;
    }
    char *text = malloc(CONFIG_MAX_BYTES + 1);
    if (!text || !c->dir) {
        fclose(f);
        free(text);
        snprintf(err, errcap, "out of memory");
        return LLMEA_ERR_INTERNAL;
    }
    size_t len = fread(text, 1, CONFIG_MAX_BYTES + 1, f);
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        free(text);
        snprintf(err, errcap, "cannot read config '%s': read error", c->path);
        return LLMEA_ERR_CONFIG;
    }
    if (len > CONFIG_MAX_BYTES) {
        free(text);
        snprintf(err, errcap, "config '%s' is larger than 1 MiB", c->path);
        return LLMEA_ERR_CONFIG;
    }
    text[len] = 0;
    if (memchr(text, 0, len)) {
        free(text);
        snprintf(err, errcap, "config '%s' is not UTF-8 text (saved as UTF-16?)", c->path);
        return LLMEA_ERR_CONFIG;
    }

    int32_t status = LLMEA_OK;
    char *seen_cp = NULL; /* the raw java.class_path value */
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
        p += 3;
    }
    const char *name = strrchr(c->path, '/');
    name = name ? name + 1 : c->path;
    char *keys[64];
    int lines_of[64];
    int n_keys = 0;
    for (int line = 1; *p && status == LLMEA_OK; line++) {
        char *eol = strchr(p, '\n');
        char *next = eol ? eol + 1 : p + strlen(p);
        char *end = eol ? eol : next;
        while (p < end && isspace((unsigned char)*p)) {
            p++;
        }
        while (end > p && isspace((unsigned char)end[-1])) {
            end--;
        }
        if (p == end || *p == '#' || *p == ';') {
            p = next;
            continue;
        }
        char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq || eq == p) {
            snprintf(err, errcap, "%s line %d: expected 'key = value', got '%.*s'", name, line, (int)(end - p), p);
            status = LLMEA_ERR_CONFIG;
            break;
        }
        char *kend = eq;
        while (kend > p && isspace((unsigned char)kend[-1])) {
            kend--;
        }
        char *v = eq + 1;
        while (v < end && isspace((unsigned char)*v)) {
            v++;
        }
        char *key = dup_range(p, (size_t)(kend - p));
        char *val = dup_range(v, (size_t)(end - v));
        if (!key || !val) {
            free(key);
            free(val);
            snprintf(err, errcap, "out of memory");
            status = LLMEA_ERR_INTERNAL;
            break;
        }
        for (char *k = key; *k; k++) {
            *k = (char)tolower((unsigned char)*k);
        }
        for (int i = 0; i < n_keys; i++) {
            if (strcmp(keys[i], key) == 0) {
                snprintf(err, errcap, "%s line %d: key '%s' already set on line %d", name, line, key, lines_of[i]);
                status = LLMEA_ERR_CONFIG;
            }
        }
        if (status == LLMEA_OK && n_keys < 64) {
            keys[n_keys] = strdup(key);
            lines_of[n_keys] = line;
            if (keys[n_keys]) {
                n_keys++;
            }
        }
        if (status == LLMEA_OK && strncmp(key, "java.", 5) == 0) {
            if (strcmp(key, "java.home") == 0) {
                c->java_home = *val ? join(c->dir, val) : NULL;
            } else if (strcmp(key, "java.class_path") == 0) {
                seen_cp = strdup(val);
            } else if (strcmp(key, "java.options") == 0) {
                if (split_options(c, val) != 0) {
                    snprintf(err, errcap, "out of memory");
                    status = LLMEA_ERR_INTERNAL;
                }
            } else if (strcmp(key, "java.timeout_ms") == 0 || strcmp(key, "java.open_timeout_ms") == 0) {
                int64_t *dst = key[5] == 't' ? &c->timeout_ms : &c->open_timeout_ms;
                if (parse_ms(val, dst) != 0) {
                    snprintf(err, errcap, "%s line %d: '%s' must be a whole number of milliseconds from 1 to 86400000, got '%s'",
                             name, line, key, val);
                    status = LLMEA_ERR_CONFIG;
                }
            } else {
                snprintf(err, errcap, "%s line %d: unknown key '%s' (java.home, java.class_path, java.options, "
                         "java.timeout_ms, java.open_timeout_ms)", name, line, key);
                status = LLMEA_ERR_CONFIG;
            }
        }
        free(key);
        free(val);
        p = next;
    }
    for (int i = 0; i < n_keys; i++) {
        free(keys[i]);
    }
    free(text);
    if (status == LLMEA_OK && seen_cp && *seen_cp) {
        /* entries split at ';' everywhere and also at ':' on Linux (Windows paths have drive colons) */
        char *s = seen_cp;
        while (status == LLMEA_OK && *s) {
            size_t n = strcspn(s, PLAT_LIST_SEP == ':' ? ";:" : ";");
            char *e = dup_range(s, n);
            char *t = e;
            while (t && isspace((unsigned char)*t)) {
                t++;
            }
            size_t tl = t ? strlen(t) : 0;
            while (tl > 0 && isspace((unsigned char)t[tl - 1])) {
                t[--tl] = 0;
            }
            if (!e || (tl > 0 && config_append_class_path(&c->class_path, c->dir, t) != 0)) {
                snprintf(err, errcap, "out of memory");
                status = LLMEA_ERR_INTERNAL;
            }
            free(e);
            s += n;
            if (*s) {
                s++;
            }
        }
        if (status == LLMEA_OK && !c->class_path) {
            snprintf(err, errcap, "%s: java.class_path '%s' names no jar or directory", name, seen_cp);
            status = LLMEA_ERR_CONFIG;
        }
    }
    free(seen_cp);
    return status;
}

void config_free(bridge_config *c)
{
    free(c->path);
    free(c->dir);
    free(c->java_home);
    free(c->class_path);
    for (int i = 0; i < c->n_options; i++) {
        free(c->options[i]);
    }
    free(c->options);
    memset(c, 0, sizeof *c);
}
