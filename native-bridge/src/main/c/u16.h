/*
 * u16.h - UTF-16 text as MQL5 and Java both hold it (uint16_t units; Java's jchar is the same type),
 * conversion to and from UTF-8 for file names and C messages, and bounded copies into caller buffers.
 */
#ifndef LLMEA_U16_H
#define LLMEA_U16_H

#include <stddef.h>
#include <stdint.h>

/* Longest UTF-16 string accepted from a caller (units, without the NUL); longer is treated as invalid. */
#define U16_MAX_IN 32768

/* A growable UTF-16 text. */
typedef struct {
    uint16_t *s;
    size_t len;
    size_t cap;
} u16buf;

/* Length of a NUL-terminated caller string, or (size_t)-1 when there is no NUL within U16_MAX_IN units. */
size_t u16_len(const uint16_t *s);

/* UTF-16 (len units) to a malloc'd NUL-terminated UTF-8 string; unpaired surrogates become U+FFFD. */
char *u16_to_utf8(const uint16_t *s, size_t len);

/* Replaces b's content. Return 0, or -1 when out of memory (b then holds a shorter text). */
int u16buf_set(u16buf *b, const uint16_t *s, size_t len);
int u16buf_set_utf8(u16buf *b, const char *utf8);
void u16buf_free(u16buf *b);

/*
 * Copies len units of s into buf of cap units, always NUL-terminated when cap > 0, never cutting a
 * surrogate pair. Returns LLMEA_OK, LLMEA_ERR_BUFFER when truncated, LLMEA_ERR_ARGUMENT when buf is
 * null or cap <= 0 (nothing written).
 */
int32_t u16_out(uint16_t *buf, int32_t cap, const uint16_t *s, size_t len);
int32_t u16_out_utf8(uint16_t *buf, int32_t cap, const char *utf8);

#endif /* LLMEA_U16_H */
