/*
 * llmea-replay BARS CONFIG OUT.csv
 *
 * Replays a MetaTrader 5 "Export bars" file through the bridge bar by bar, as the EA does in the Strategy
 * Tester ("Open prices only"), and writes the deals in deals.csv format (com.llmea.backtest.DealsCsv), so the
 * result can be compared deal for deal with `llm-ea backtest BARS --config CONFIG` (docs/parity.md).
 *
 * At each bar's open: llmea_on_bar with the closes of bars shift N..1 (all earlier bars, oldest first; bars
 * before the strategy's lookback are answered LLMEA_ERR_ARGUMENT and skipped, as the EA skips them) and the
 * position held; the decision fills at the tester's prices: BUY at Ask = Open + spread * point, SELL at
 * Bid = Open, closing a buy at the Bid and a sell at the Ask, with the last known positive spread when a bar's
 * spread is 0. Stop-loss / take-profit (stop_loss_points, take_profit_points), swaps, commission, netting
 * (a reversal is one in/out deal) or hedging, and the tester's symbol and account keys (tester.*) follow the
 * harness's rules (docs/parity.md); money is computed in exact decimal as the harness does. Whatever is still
 * open after the last bar is closed at its close ("end of test").
 *
 * Exit status: 0, 1 on a bridge or data error (message on stderr), 2 on bad usage.
 */
#include "llmea.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef __int128 i128;

enum { FLAT = 0, LONG = 1, SHORT = 2 };
enum { T_BALANCE, T_BUY, T_SELL };
enum { E_NONE, E_IN, E_OUT, E_INOUT };

static const char *TYPE_LABEL[] = {"balance", "buy", "sell"};
static const char *ENTRY_LABEL[] = {"", "in", "out", "in/out"};

typedef struct {
    int64_t time, deal, order;
    int type, entry;
    double volume, price, commission, swap, profit, balance;
    char comment[48];
} deal;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "llmea-replay: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

/* ------------------------------------------------------------------------------------------------------ */
/* Exact decimal arithmetic, as java.math.BigDecimal does it in the harness                               */

static const int64_t POW10[19] = {1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL,
                                  1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL,
                                  100000000000000LL, 1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
                                  1000000000000000000LL};

/* The shortest decimal that reads back as v (Java's Double.toString / BigDecimal.valueOf): digits and exponent. */
static void shortest(double v, int64_t *mantissa, int *exp10)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (strtod(buf, NULL) == v) {
            break;
        }
    }
    /* buf is [-]d.ddde[+-]xx */
    int64_t m = 0;
    int digits = 0;
    char *p = buf;
    if (*p == '-') {
        p++;
    }
    for (; *p && *p != 'e'; p++) {
        if (isdigit((unsigned char)*p)) {
            m = m * 10 + (*p - '0');
            digits++;
        }
    }
    int e = *p == 'e' ? atoi(p + 1) : 0;
    *mantissa = v < 0 ? -m : m;
    *exp10 = e - (digits - 1); /* v = m * 10^exp10 */
}

/* round_half_up(x * 10^scale) for the decimal x = m * 10^e, as an integer (i128). */
static i128 scaled(int64_t m, int e, int scale)
{
    int q = e + scale;
    i128 mag = m < 0 ? -(i128)m : (i128)m;
    if (q >= 0) {
        for (int i = 0; i < q; i++) {
            mag *= 10;
        }
    } else if (-q > 36) {
        mag = 0;
    } else {
        i128 d = 1;
        for (int i = 0; i < -q; i++) {
            d *= 10;
        }
        mag = (mag + d / 2) / d;
    }
    return m < 0 ? -mag : mag;
}

/* The decimal value of a double (its shortest form) scaled by 10^scale, rounded half up. */
static i128 dec(double v, int scale)
{
    int64_t m;
    int e;
    shortest(v, &m, &e);
    return scaled(m, e, scale);
}

/* round_half_up(n / 10^k) for an integer n. */
static i128 div_half_up(i128 n, int k)
{
    i128 d = 1;
    for (int i = 0; i < k; i++) {
        d *= 10;
    }
    i128 mag = n < 0 ? -n : n;
    mag = (mag + d / 2) / d;
    return n < 0 ? -mag : mag;
}

static double cents_to_double(i128 cents)
{
    return (double)(int64_t)cents / 100.0 + 0.0;
}

/* DealsCsv.fixed: BigDecimal.valueOf(v).setScale(decimals, HALF_UP).toPlainString(), never "-0.00". */
static void fixed(char *out, size_t cap, double v, int decimals)
{
    i128 n = dec(v, decimals);
    int neg = n < 0;
    if (neg) {
        n = -n;
    }
    int64_t ip = (int64_t)(n / POW10[decimals]);
    int64_t fp = (int64_t)(n % POW10[decimals]);
    if (decimals == 0) {
        snprintf(out, cap, "%s%lld", neg && n ? "-" : "", (long long)ip);
    } else {
        snprintf(out, cap, "%s%lld.%0*lld", neg && n ? "-" : "", (long long)ip, decimals, (long long)fp);
    }
}

/* Java's Math.round(double) and StrategyTester.round2. */
static int64_t jround(double x)
{
    return (int64_t)floor(x + 0.5);
}

static double round2(double v)
{
    return (double)jround(v * 100.0) / 100.0 + 0.0;
}

/* ------------------------------------------------------------------------------------------------------ */
/* Config (the same key = value file the bridge opens)                                                     */

typedef struct {
    char key[128];
    char value[1024];
} kv;

static kv *g_kv;
static int g_nkv;

static void read_config(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        die("cannot read config '%s'", path);
    }
    char line[2048];
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        if (first && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
            p += 3;
        }
        first = 0;
        while (isspace((unsigned char)*p)) {
            p++;
        }
        size_t n = strlen(p);
        while (n > 0 && isspace((unsigned char)p[n - 1])) {
            p[--n] = 0;
        }
        if (!*p || *p == '#' || *p == ';') {
            continue;
        }
        char *eq = strchr(p, '=');
        if (!eq) {
            continue; /* the bridge reports it */
        }
        *eq = 0;
        char *k = p, *v = eq + 1;
        size_t kl = strlen(k);
        while (kl > 0 && isspace((unsigned char)k[kl - 1])) {
            k[--kl] = 0;
        }
        while (isspace((unsigned char)*v)) {
            v++;
        }
        g_kv = realloc(g_kv, (size_t)(g_nkv + 1) * sizeof *g_kv);
        if (!g_kv) {
            die("out of memory");
        }
        snprintf(g_kv[g_nkv].key, sizeof g_kv[g_nkv].key, "%s", k);
        for (char *c = g_kv[g_nkv].key; *c; c++) {
            *c = (char)tolower((unsigned char)*c);
        }
        snprintf(g_kv[g_nkv].value, sizeof g_kv[g_nkv].value, "%s", v);
        g_nkv++;
    }
    fclose(f);
}

static const char *cfg_str(const char *key, const char *def)
{
    for (int i = 0; i < g_nkv; i++) {
        if (strcmp(g_kv[i].key, key) == 0 && g_kv[i].value[0]) {
            return g_kv[i].value;
        }
    }
    return def;
}

static double cfg_num(const char *key, double def)
{
    const char *v = cfg_str(key, NULL);
    if (!v) {
        return def;
    }
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d)) {
        die("config: '%s' must be a number, got '%s'", key, v);
    }
    return d;
}

static int cfg_bool(const char *key, int def)
{
    const char *v = cfg_str(key, NULL);
    if (!v) {
        return def;
    }
    char low[16];
    snprintf(low, sizeof low, "%s", v);
    for (char *c = low; *c; c++) {
        *c = (char)tolower((unsigned char)*c);
    }
    if (!strcmp(low, "true") || !strcmp(low, "yes") || !strcmp(low, "on") || !strcmp(low, "1")) {
        return 1;
    }
    if (!strcmp(low, "false") || !strcmp(low, "no") || !strcmp(low, "off") || !strcmp(low, "0")) {
        return 0;
    }
    die("config: '%s' must be true or false, got '%s'", key, v);
    return 0;
}

/* ------------------------------------------------------------------------------------------------------ */
/* Bars: MetaTrader 5 "Export bars" (TAB-separated, <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> ... <SPREAD>)  */

typedef struct {
    int n, cap, digits;
    int64_t *time;
    double *open, *high, *low, *close;
    int *spread;
} bars_t;

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    if (!dot) {
        return 0;
    }
    int n = 0;
    for (const char *p = dot + 1; isdigit((unsigned char)*p); p++) {
        n++;
    }
    return n;
}

static void read_bars(const char *path, bars_t *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        die("cannot read bars '%s'", path);
    }
    char line[4096];
    int col[7] = {-1, -1, -1, -1, -1, -1, -1}; /* date time open high low close spread */
    static const char *names[7] = {"<DATE>", "<TIME>", "<OPEN>", "<HIGH>", "<LOW>", "<CLOSE>", "<SPREAD>"};
    if (!fgets(line, sizeof line, f)) {
        die("%s is empty", path);
    }
    char *p = line;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
        p += 3;
    }
    int c = 0;
    for (char *tok = strtok(p, "\t\r\n"); tok; tok = strtok(NULL, "\t\r\n"), c++) {
        for (int k = 0; k < 7; k++) {
            if (strcmp(tok, names[k]) == 0) {
                col[k] = c;
            }
        }
    }
    if (col[0] < 0 || col[2] < 0 || col[3] < 0 || col[4] < 0 || col[5] < 0) {
        die("%s: not a MetaTrader 5 \"Export bars\" file (expected a TAB-separated header <DATE> <TIME> <OPEN> "
            "<HIGH> <LOW> <CLOSE> ... <SPREAD>)", path);
    }
    memset(b, 0, sizeof *b);
    int lineno = 1;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *fields[32];
        int nf = 0;
        for (char *tok = strtok(line, "\t\r\n"); tok && nf < 32; tok = strtok(NULL, "\t\r\n")) {
            fields[nf++] = tok;
        }
        if (nf == 0) {
            continue;
        }
        int need = 0;
        for (int k = 0; k < 7; k++) {
            need = col[k] + 1 > need ? col[k] + 1 : need;
        }
        if (nf < need) {
            die("%s line %d: %d fields, expected %d", path, lineno, nf, need);
        }
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 4096;
            b->time = realloc(b->time, (size_t)b->cap * sizeof *b->time);
            b->open = realloc(b->open, (size_t)b->cap * sizeof(double));
            b->high = realloc(b->high, (size_t)b->cap * sizeof(double));
            b->low = realloc(b->low, (size_t)b->cap * sizeof(double));
            b->close = realloc(b->close, (size_t)b->cap * sizeof(double));
            b->spread = realloc(b->spread, (size_t)b->cap * sizeof(int));
            if (!b->time || !b->open || !b->high || !b->low || !b->close || !b->spread) {
                die("out of memory");
            }
        }
        int y, mo, d, hh = 0, mi = 0, ss = 0;
        if (sscanf(fields[col[0]], "%d.%d.%d", &y, &mo, &d) != 3
            || (col[1] >= 0 && sscanf(fields[col[1]], "%d:%d:%d", &hh, &mi, &ss) < 2)) {
            die("%s line %d: bad date/time '%s %s'", path, lineno, fields[col[0]], col[1] >= 0 ? fields[col[1]] : "");
        }
        int i = b->n++;
        b->time[i] = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + hh * 3600 + mi * 60 + ss;
        double *dst[4] = {b->open, b->high, b->low, b->close};
        for (int k = 0; k < 4; k++) {
            char *end;
            dst[k][i] = strtod(fields[col[2 + k]], &end);
            if (end == fields[col[2 + k]]) {
                die("%s line %d: bad price '%s'", path, lineno, fields[col[2 + k]]);
            }
            int dd = decimals_of(fields[col[2 + k]]);
            b->digits = dd > b->digits ? dd : b->digits;
        }
        b->spread[i] = col[6] >= 0 ? atoi(fields[col[6]]) : 0;
    }
    fclose(f);
    if (b->digits > 8) {
        b->digits = 8;
    }
}

/* ------------------------------------------------------------------------------------------------------ */
/* The tester                                                                                              */

static struct {
    char symbol[64];
    int digits;
    double point, scale;
    double contract, vmin, vstep, vmax;
    int conversion; /* 0 direct, 1 via price, 2 fixed rate */
    double rate, commission, swap_long, swap_short;
    int triple; /* 0 = Monday */
    double deposit;
    int hedging, sl_points, tp_points;
} S;

static bars_t B;
static deal *D;
static int nd, capd;
static double balance;
static int64_t next_deal = 1, next_order = 2;
static int side = FLAT, open_bar, ignored, rejected;
static double volume, open_price, sl, tp, swap_acc;

static double norm(double price)
{
    return (double)jround(price * S.scale) / S.scale;
}

static deal *add_deal(void)
{
    if (nd == capd) {
        capd = capd ? capd * 2 : 256;
        D = realloc(D, (size_t)capd * sizeof *D);
        if (!D) {
            die("out of memory");
        }
    }
    memset(&D[nd], 0, sizeof D[nd]);
    return &D[nd++];
}

static double commission(double lots)
{
    if (S.commission == 0) {
        return 0;
    }
    i128 c = div_half_up(dec(S.commission, 8) * dec(lots, 8), 14); /* 10^-16 -> cents */
    return -cents_to_double(c);
}

static double profit(int pos, double vol, double entry, double exit)
{
    int64_t points = jround((pos == LONG ? exit - entry : entry - exit) * S.scale);
    /* points * 10^-digits * contract * vol, in units of 10^-(digits + 16) */
    i128 p = (i128)points * dec(S.contract, 8) * dec(vol, 8);
    int k = S.digits + 16;
    i128 cents;
    if (S.conversion == 0) {
        cents = div_half_up(p, k - 2);
    } else if (S.conversion == 1) {
        long double money = (long double)p / powl(10.0L, k) / (long double)exit;
        long double c = money * 100.0L;
        cents = (i128)(c < 0 ? -floorl(-c + 0.5L) : floorl(c + 0.5L));
    } else {
        cents = div_half_up(p * dec(S.rate, 8), k + 8 - 2);
    }
    return cents_to_double(cents);
}

static void set_position(int i, int new_side, double v, double price)
{
    side = new_side;
    volume = v;
    open_price = price;
    open_bar = i;
    swap_acc = 0;
    int s = new_side == LONG ? 1 : -1;
    sl = S.sl_points > 0 ? norm(price - s * S.sl_points * S.point) : 0;
    tp = S.tp_points > 0 ? norm(price + s * S.tp_points * S.point) : 0;
}

static void open_deal(int i, int new_side, double v, double price, int entry)
{
    double c = commission(v);
    balance = round2(balance + c);
    deal *d = add_deal();
    *d = (deal){B.time[i], next_deal++, next_order++, new_side == LONG ? T_BUY : T_SELL, entry, v, price, c, 0, 0,
                balance, ""};
    set_position(i, new_side, v, price);
}

static void close_deal(int i, double price, double deal_volume, const char *comment, int entry)
{
    double pr = profit(side, volume, open_price, price);
    double c = commission(deal_volume);
    double sw = round2(swap_acc);
    balance = round2(balance + pr + c + sw);
    deal *d = add_deal();
    *d = (deal){B.time[i], next_deal++, next_order++, side == LONG ? T_SELL : T_BUY, entry, deal_volume, price, c, sw, pr,
                balance, ""};
    snprintf(d->comment, sizeof d->comment, "%s", comment);
    side = FLAT;
    volume = open_price = sl = tp = swap_acc = 0;
}

static double normalize_volume(double v)
{
    if (!(v > 0)) {
        return 0;
    }
    int64_t steps = jround(v / S.vstep);
    double nv = (double)(int64_t)(steps * (int64_t)dec(S.vstep, 8)) / 1e8;
    if (fabs(nv - v) > 1e-9 || nv < S.vmin - 1e-9 || nv > S.vmax + 1e-9) {
        return 0;
    }
    return nv;
}

static void level_comment(char *out, size_t cap, const char *what, double level)
{
    snprintf(out, cap, "%s %.*f", what, S.digits, level);
}

static int low_first(int i)
{
    double o = B.open[i], c = B.close[i];
    if (c != o) {
        return c > o;
    }
    int prev_rising = i > 0 && B.close[i - 1] > B.open[i - 1];
    return !prev_rising;
}

static void check_stops(int i, int sp)
{
    double sp_px = sp * S.point;
    double o = B.open[i], h = B.high[i], l = B.low[i];
    int sl_hit, tp_hit;
    if (side == LONG) {
        sl_hit = sl > 0 && l <= sl;
        tp_hit = tp > 0 && h >= tp;
    } else {
        sl_hit = sl > 0 && norm(h + sp_px) >= sl;
        tp_hit = tp > 0 && norm(l + sp_px) <= tp;
    }
    if (!sl_hit && !tp_hit) {
        return;
    }
    int use_sl = sl_hit;
    if (sl_hit && tp_hit) {
        if (side == LONG) {
            use_sl = o <= sl || (!(o >= tp) && low_first(i));
        } else {
            double ao = norm(o + sp_px);
            use_sl = ao >= sl || (!(ao <= tp) && !low_first(i));
        }
    }
    double level = use_sl ? sl : tp;
    char cm[48];
    level_comment(cm, sizeof cm, use_sl ? "sl" : "tp", level);
    close_deal(i, level, volume, cm, E_OUT);
}

static void check_stops_at_open(int i, double bid, double ask)
{
    int sl_hit, tp_hit;
    if (side == LONG) {
        sl_hit = sl > 0 && bid <= sl;
        tp_hit = tp > 0 && bid >= tp;
    } else {
        sl_hit = sl > 0 && ask >= sl;
        tp_hit = tp > 0 && ask <= tp;
    }
    if (sl_hit || tp_hit) {
        double level = sl_hit ? sl : tp;
        char cm[48];
        level_comment(cm, sizeof cm, sl_hit ? "sl" : "tp", level);
        close_deal(i, level, volume, cm, E_OUT);
    }
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static void rollover(int64_t prev, int64_t now)
{
    int64_t d0 = floor_div(prev, 86400), d1 = floor_div(now, 86400);
    double per_lot = side == LONG ? S.swap_long : S.swap_short;
    if (d1 == d0 || per_lot == 0) {
        return;
    }
    for (int64_t d = d0; d < d1; d++) {
        int dow = (int)(((d + 3) % 7 + 7) % 7); /* 0 = Monday */
        if (dow <= 4) {
            i128 c = div_half_up(dec(per_lot, 8) * dec(volume, 8) * (dow == S.triple ? 3 : 1), 14);
            swap_acc = round2(swap_acc + cents_to_double(c));
        }
    }
}

static void execute(int i, int32_t action, double v_req, double bid, double ask)
{
    switch (action) {
    case LLMEA_ACT_NONE:
        return;
    case LLMEA_ACT_OPEN_BUY:
    case LLMEA_ACT_OPEN_SELL: {
        if (side != FLAT) {
            ignored++;
            return;
        }
        double v = normalize_volume(v_req);
        if (v <= 0) {
            rejected++;
            return;
        }
        int buy = action == LLMEA_ACT_OPEN_BUY;
        open_deal(i, buy ? LONG : SHORT, v, buy ? ask : bid, E_IN);
        return;
    }
    case LLMEA_ACT_CLOSE:
        if (side == FLAT) {
            ignored++;
            return;
        }
        close_deal(i, side == LONG ? bid : ask, volume, "", E_OUT);
        return;
    case LLMEA_ACT_REVERSE: {
        if (side == FLAT) {
            ignored++;
            return;
        }
        double v = normalize_volume(v_req);
        if (v <= 0) {
            rejected++;
            return;
        }
        int new_side = side == LONG ? SHORT : LONG;
        double price = side == LONG ? bid : ask;
        if (S.hedging) {
            close_deal(i, price, volume, "", E_OUT);
            open_deal(i, new_side, v, price, E_IN);
        } else {
            double total = (double)(int64_t)(dec(volume, 8) + dec(v, 8)) / 1e8;
            if (total > S.vmax + 1e-9) {
                rejected++;
                return;
            }
            close_deal(i, price, total, "", E_INOUT);
            set_position(i, new_side, v, price);
        }
        return;
    }
    default:
        die("the bridge returned an unknown action %d", (int)action);
    }
}

static void settings(const char *bars_path)
{
    const char *base = strrchr(bars_path, '/');
    base = base ? base + 1 : bars_path;
    char name[64];
    snprintf(name, sizeof name, "%s", base);
    char *us = strchr(name, '_');
    if (us && us != name) {
        *us = 0;
    } else {
        char *dot = strrchr(name, '.');
        if (dot && dot != name) {
            *dot = 0;
        }
    }
    snprintf(S.symbol, sizeof S.symbol, "%s", cfg_str("tester.symbol", name));
    S.digits = B.digits;
    char pt[16];
    snprintf(pt, sizeof pt, "1e-%d", S.digits);
    S.point = strtod(pt, NULL);
    S.scale = (double)POW10[S.digits];
    S.contract = cfg_num("tester.contract_size", 100000);
    S.vmin = cfg_num("tester.volume_min", 0.01);
    S.vstep = cfg_num("tester.volume_step", 0.01);
    S.vmax = cfg_num("tester.volume_max", 100);
    char letters[64] = {0};
    int nl = 0;
    for (const char *c = S.symbol; *c && nl < 63; c++) {
        if (isalpha((unsigned char)*c)) {
            letters[nl++] = (char)toupper((unsigned char)*c);
        }
    }
    char base_ccy[8] = "", quote_ccy[8] = "USD";
    if (nl >= 6) {
        snprintf(base_ccy, sizeof base_ccy, "%.3s", letters);
        snprintf(quote_ccy, sizeof quote_ccy, "%.3s", letters + 3);
    }
    char bc[16], pc[16], ac[16];
    snprintf(bc, sizeof bc, "%s", cfg_str("tester.base_currency", base_ccy));
    snprintf(pc, sizeof pc, "%s", cfg_str("tester.profit_currency", quote_ccy));
    snprintf(ac, sizeof ac, "%s", cfg_str("tester.account_currency", "USD"));
    S.conversion = strcasecmp(pc, ac) == 0 ? 0 : strcasecmp(bc, ac) == 0 ? 1 : 2;
    S.rate = cfg_num("tester.conversion_rate", 0);
    if (S.conversion == 2 && !(S.rate > 0)) {
        die("%s: profit currency %s is neither the account currency nor the base currency; set tester.conversion_rate",
            S.symbol, pc);
    }
    S.commission = cfg_num("tester.commission_per_lot", 0);
    S.swap_long = cfg_num("tester.swap_long", 0);
    S.swap_short = cfg_num("tester.swap_short", 0);
    static const char *days[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    const char *td = cfg_str("tester.triple_swap_day", "wednesday");
    S.triple = -1;
    for (int k = 0; k < 7; k++) {
        if (strcasecmp(td, days[k]) == 0 || strncasecmp(td, days[k], 3) == 0) {
            S.triple = k;
        }
    }
    if (S.triple < 0) {
        die("tester.triple_swap_day must be a weekday, got '%s'", td);
    }
    S.deposit = cfg_num("tester.deposit", 10000);
    S.hedging = cfg_bool("tester.hedging", 0);
    S.sl_points = (int)cfg_num("stop_loss_points", 0);
    S.tp_points = (int)cfg_num("take_profit_points", 0);
}

static void u16_from_utf8(uint16_t *dst, size_t cap, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    while (*p && o + 2 < cap) {
        uint32_t c;
        int extra = 0;
        if (*p < 0x80) {
            c = *p;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p & 0x1F;
            extra = 1;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p & 0x0F;
            extra = 2;
        } else {
            c = *p & 0x07;
            extra = 3;
        }
        p++;
        for (int k = 0; k < extra && (*p & 0xC0) == 0x80; k++, p++) {
            c = (c << 6) | (*p & 0x3F);
        }
        if (c >= 0x10000) {
            c -= 0x10000;
            dst[o++] = (uint16_t)(0xD800 + (c >> 10));
            dst[o++] = (uint16_t)(0xDC00 + (c & 0x3FF));
        } else {
            dst[o++] = (uint16_t)c;
        }
    }
    dst[o] = 0;
}

static const char *message(int64_t h)
{
    static char out[2048];
    uint16_t buf[2048];
    llmea_last_error(h, buf, 2048);
    size_t i = 0;
    for (; buf[i] && i < sizeof out - 1; i++) {
        out[i] = buf[i] < 128 ? (char)buf[i] : '?';
    }
    out[i] = 0;
    return out;
}

static void put_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') {
                fputc('"', f);
            }
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

static void write_deals(const char *path)
{
    size_t l = strlen(path) + 8;
    char *tmp = malloc(l);
    if (!tmp) {
        die("out of memory");
    }
    snprintf(tmp, l, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        die("cannot write '%s'", tmp);
    }
    fputs("Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment\n", f);
    for (int k = 0; k < nd; k++) {
        deal *d = &D[k];
        int64_t days = floor_div(d->time, 86400), secs = d->time - days * 86400;
        /* civil from days */
        int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
        unsigned doe = (unsigned)(z - era * 146097);
        unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t y = (int64_t)yoe + era * 400;
        unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        unsigned mp = (5 * doy + 2) / 153;
        unsigned dd = doy - (153 * mp + 2) / 5 + 1;
        unsigned mm = mp < 10 ? mp + 3 : mp - 9;
        y += mm <= 2;
        char vol[32], price[32], com[32], sw[32], pr[32], bal[32];
        int is_bal = d->type == T_BALANCE;
        fixed(vol, sizeof vol, d->volume, 2);
        fixed(price, sizeof price, d->price, S.digits);
        fixed(com, sizeof com, d->commission, 2);
        fixed(sw, sizeof sw, d->swap, 2);
        fixed(pr, sizeof pr, d->profit, 2);
        fixed(bal, sizeof bal, d->balance, 2);
        fprintf(f, "%04lld.%02u.%02u %02lld:%02lld:%02lld,%lld,", (long long)y, mm, dd, (long long)(secs / 3600),
                (long long)(secs / 60 % 60), (long long)(secs % 60), (long long)d->deal);
        put_field(f, is_bal ? "" : S.symbol);
        fprintf(f, ",%s,%s,%s,%s,", TYPE_LABEL[d->type], ENTRY_LABEL[d->entry], is_bal ? "" : vol, is_bal ? "" : price);
        if (!is_bal) {
            fprintf(f, "%lld", (long long)d->order);
        }
        fprintf(f, ",%s,%s,%s,%s,", com, sw, pr, bal);
        put_field(f, d->comment);
        fputc('\n', f);
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        die("cannot write '%s'", path);
    }
    free(tmp);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: llmea-replay BARS CONFIG OUT.csv\n"
                        "Replays an MT5 \"Export bars\" file through the bridge as the EA does and writes deals.csv.\n");
        return 2;
    }
    read_config(argv[2]);
    read_bars(argv[1], &B);
    if (B.n == 0) {
        die("%s has no bars", argv[1]);
    }
    settings(argv[1]);

    uint16_t cfg16[4096];
    u16_from_utf8(cfg16, 4096, argv[2]);
    int64_t h = llmea_open(cfg16);
    if (h <= 0) {
        die("llmea_open failed (%lld): %s", (long long)h, message(0));
    }

    balance = S.deposit;
    int start = -1, last_spread = 0;
    for (int i = 0; i < B.n; i++) {
        int sp = B.spread[i] > 0 ? B.spread[i] : last_spread;
        if (B.spread[i] > 0) {
            last_spread = B.spread[i];
        }
        if (i == 0) {
            continue; /* no finished bar yet */
        }
        double bid = B.open[i];
        double ask = norm(bid + sp * S.point);
        if (start >= 0) {
            if (side != FLAT) {
                rollover(B.time[i - 1], B.time[i]);
            }
            if (side != FLAT && (sl > 0 || tp > 0)) {
                check_stops_at_open(i, bid, ask);
            }
        }
        int32_t action;
        double vol;
        uint16_t forecast[4096];
        int32_t st = llmea_on_bar(h, B.time[i], B.close, i, side, side == FLAT ? 0 : volume,
                                  side == FLAT ? 0 : open_price, side == FLAT ? 0 : i - open_bar, &action, &vol,
                                  forecast, 4096);
        if (st == LLMEA_ERR_ARGUMENT && start < 0 && strstr(message(h), "the strategy needs at least")) {
            continue; /* not enough history for the strategy yet: the EA waits */
        }
        if (st != LLMEA_OK && st != LLMEA_ERR_BUFFER) {
            die("bar %d: llmea_on_bar failed (%d): %s", i, (int)st, message(h));
        }
        if (start < 0) {
            start = i;
            deal *dep = add_deal();
            *dep = (deal){floor_div(B.time[i], 86400) * 86400, next_deal++, 0, T_BALANCE, E_NONE, 0, 0, 0, 0,
                          round2(balance), round2(balance), ""};
        }
        execute(i, action, vol, bid, ask);
        if (side != FLAT && (sl > 0 || tp > 0)) {
            check_stops(i, sp);
        }
    }
    if (start < 0) {
        die("no bar to test: %d bars and the strategy needs more history", B.n);
    }
    if (side != FLAT) {
        int i = B.n - 1;
        double price = side == LONG ? B.close[i] : norm(B.close[i] + last_spread * S.point);
        close_deal(i, price, volume, "end of test", E_OUT);
    }
    llmea_close(h);
    write_deals(argv[3]);
    fprintf(stderr, "llmea-replay: %d bars, %d deals, balance %.2f, %d ignored and %d rejected decisions\n", B.n - start,
            nd, balance, ignored, rejected);
    free(D);
    free(g_kv);
    return 0;
}
