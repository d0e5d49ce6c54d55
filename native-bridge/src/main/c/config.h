/*
 * config.h - the java.* keys of the strategy config file (docs/strategy.md), read on the C side before
 * there is a JVM. Same format as com.llmea.strategy.StrategyConfig: UTF-8 (BOM allowed) lines of
 * key = value, # or ; comments, case-insensitive keys, no escapes, a key at most once. Other keys are the
 * Java side's business and are only checked for form here.
 */
#ifndef LLMEA_CONFIG_H
#define LLMEA_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define CONFIG_DEFAULT_TIMEOUT_MS 30000
#define CONFIG_DEFAULT_OPEN_TIMEOUT_MS 120000

typedef struct {
    char *path;        /* the config file, UTF-8 */
    char *dir;         /* its directory: relative paths are resolved against it */
    char *java_home;   /* java.home, or NULL (JAVA_HOME is used) */
    char *class_path;  /* java.class_path expanded (dir/"*" to its jars), platform separator; NULL: default */
    char **options;    /* java.options split at spaces ("..." keeps spaces) */
    int n_options;
    int64_t timeout_ms;      /* java.timeout_ms: the longest wait for one llmea_on_bar */
    int64_t open_timeout_ms; /* java.open_timeout_ms: the longest wait for llmea_open (JVM start, model load) */
} bridge_config;

/* Reads the config. Returns LLMEA_OK or LLMEA_ERR_CONFIG / LLMEA_ERR_INTERNAL with a message in err. */
int32_t config_load(const uint16_t *path, bridge_config *c, char *err, size_t errcap);
void config_free(bridge_config *c);

/* Whether a path is absolute on this platform. */
int config_is_absolute(const char *p);

/* Expands one class path entry (dir/"*" or dir\"*": the jars in dir) onto a growing string. 0 or -1 (no memory). */
int config_append_class_path(char **cp, const char *base_dir, const char *entry);

#endif /* LLMEA_CONFIG_H */
