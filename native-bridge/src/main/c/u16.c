/* u16.c - see u16.h. */
#include "u16.h"
#include "llmea.h"

#include <stdlib.h>
#include <string.h>

size_t u16_len(const uint16_t *s)
{
    size_t n = 0;
    while (n <= U16_MAX_IN) {
        if (s[n] == 0) {
            return n;
        }
        n++;
    }
    return (size_t)-1;
}

char *u16_to_utf8(const uint16_t *s, size_t len)
{
    char *out = malloc(len * 3 + 1); /* a BMP unit takes at most 3 bytes, a pair (2 units) 4 */
    if (!out) {
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            i++;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (c >> 18));
            out[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = 0;
    return out;
}

static int reserve(u16buf *b, size_t need)
{
    if (need <= b->cap) {
        return 0;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        cap *= 2;
    }
    uint16_t *s = realloc(b->s, cap * sizeof(uint16_t));
    if (!s) {
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

int u16buf_set(u16buf *b, const uint16_t *s, size_t len)
{
    if (reserve(b, len + 1) != 0) {
        if (b->cap == 0) {
            return -1;
        }
        len = b->cap - 1; /* keep what fits */
    }
    if (len) {
        memmove(b->s, s, len * sizeof(uint16_t));
    }
    b->s[len] = 0;
    b->len = len;
    return len + 1 <= b->cap ? 0 : -1;
}

int u16buf_set_utf8(u16buf *b, const char *utf8)
{
    size_t n = strlen(utf8);
    if (reserve(b, n + 1) != 0) { /* UTF-8 never has fewer bytes than UTF-16 units */
        b->len = 0;
        if (b->s) {
            b->s[0] = 0;
        }
        return -1;
    }
    const unsigned char *p = (const unsigned char *)utf8;
    size_t o = 0;
    while (*p) {
        uint32_t c;
        int extra;
        if (p[0] < 0x80) {
            c = p[0];
            extra = 0;
        } else if ((p[0] & 0xE0) == 0xC0) {
            c = p[0] & 0x1F;
            extra = 1;
        } else if ((p[0] & 0xF0) == 0xE0) {
            c = p[0] & 0x0F;
            extra = 2;
        } else if ((p[0] & 0xF8) == 0xF0) {
            c = p[0] & 0x07;
            extra = 3;
        } else {
            b->s[o++] = 0xFFFD;
            p++;
            continue;
        }
        int ok = 1;
        for (int k = 1; k <= extra; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                ok = 0;
                break;
            }
            c = (c << 6) | (p[k] & 0x3F);
        }
        if (!ok) {
            b->s[o++] = 0xFFFD;
            p++;
            continue;
        }
        p += 1 + extra;
        if (c >= 0x10000) {
            c -= 0x10000;
            b->s[o++] = (uint16_t)(0xD800 + (c >> 10));
            b->s[o++] = (uint16_t)(0xDC00 + (c & 0x3FF));
        } else {
            b->s[o++] = (uint16_t)c;
        }
    }
    b->s[o] = 0;
    b->len = o;
    return 0;
}

void u16buf_free(u16buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

int32_t u16_out(uint16_t *buf, int32_t cap, const uint16_t *s, size_t len)
{
    if (!buf || cap <= 0) {
        return LLMEA_ERR_ARGUMENT;
    }
    size_t n = len;
    int32_t status = LLMEA_OK;
    if (n > (size_t)cap - 1) {
        n = (size_t)cap - 1;
        status = LLMEA_ERR_BUFFER;
        if (n > 0 && s[n - 1] >= 0xD800 && s[n - 1] <= 0xDBFF) {
            n--; /* do not leave half a surrogate pair */
        }
    }
    if (n) {
        memcpy(buf, s, n * sizeof(uint16_t));
    }
    buf[n] = 0;
    return status;
}

int32_t u16_out_utf8(uint16_t *buf, int32_t cap, const char *utf8)
{
    u16buf b = {0};
    if (u16buf_set_utf8(&b, utf8) != 0) {
        u16buf_free(&b);
        static const uint16_t oom[] = {'o', 'u', 't', ' ', 'o', 'f', ' ', 'm', 'e', 'm', 'o', 'r', 'y'};
        return u16_out(buf, cap, oom, sizeof oom / sizeof oom[0]);
    }
    int32_t r = u16_out(buf, cap, b.s, b.len);
    u16buf_free(&b);
    return r;
}
