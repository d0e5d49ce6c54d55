package com.llmea.data;

/**
 * Date and time parsing for price files, by character position (no regex, no formatter objects per row).
 * Results are seconds since 1970-01-01T00:00 of the broker's clock, as {@link BarSeries} stores them.
 * Every method returns {@link #INVALID} for text it cannot read, so callers can name the field in the error.
 */
final class ServerTime {
    static final long INVALID = Long.MIN_VALUE;

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private ServerTime() {
    }

    /** {@code yyyy.MM.dd}, {@code yyyy-MM-dd} or {@code yyyy/MM/dd} → epoch day. */
    static long dateYmd(String s, int from, int to) {
        if (to - from != 10 || !isDateSeparator(s.charAt(from + 4)) || s.charAt(from + 7) != s.charAt(from + 4)) {
            return INVALID;
        }
        return epochDay(digits(s, from, 4), digits(s, from + 5, 2), digits(s, from + 8, 2));
    }

    /** {@code dd.MM.yyyy} (Dukascopy) → epoch day. */
    static long dateDmy(String s, int from, int to) {
        if (to - from != 10 || !isDateSeparator(s.charAt(from + 2)) || s.charAt(from + 5) != s.charAt(from + 2)) {
            return INVALID;
        }
        return epochDay(digits(s, from + 6, 4), digits(s, from + 3, 2), digits(s, from, 2));
    }

    /** {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.SSS} → seconds of the day (milliseconds ignored: bars have none). */
    static long timeOfDay(String s, int from, int to) {
        int len = to - from;
        if (len != 5 && len < 8 || len > 5 && s.charAt(from + 5) != ':' || s.charAt(from + 2) != ':') {
            return INVALID;
        }
        if (len > 8) {
            if (s.charAt(from + 8) != '.' || len == 9) {
                return INVALID;
            }
            for (int i = from + 9; i < to; i++) {
                if (!isDigit(s.charAt(i))) {
                    return INVALID;
                }
            }
        }
        int h = digits(s, from, 2), m = digits(s, from + 3, 2), sec = len >= 8 ? digits(s, from + 6, 2) : 0;
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return INVALID;
        }
        return h * 3600L + m * 60L + sec;
    }

    /** A date, then a space or 'T', then a time: {@code 2025.01.02 00:05:00}, {@code 2025-01-02T00:05:00}. */
    static long dateTimeYmd(String s) {
        if (s.length() == 10) {
            long d = dateYmd(s, 0, 10);
            return d == INVALID ? INVALID : d * 86400;
        }
        if (s.length() < 16 || (s.charAt(10) != ' ' && s.charAt(10) != 'T')) {
            return INVALID;
        }
        long d = dateYmd(s, 0, 10);
        long t = timeOfDay(s, 11, s.length());
        return d == INVALID || t == INVALID ? INVALID : d * 86400 + t;
    }

    /** Dukascopy: {@code 01.10.2018 00:00:00.000}, optionally followed by {@code " GMT+0200"} (the clock stays as written). */
    static long dateTimeDmy(String s) {
        int end = s.length();
        int gmt = s.indexOf(" GMT");
        if (gmt > 0) {
            end = gmt;
        }
        if (end < 16 || s.charAt(10) != ' ') {
            return INVALID;
        }
        long d = dateDmy(s, 0, 10);
        long t = timeOfDay(s, 11, end);
        return d == INVALID || t == INVALID ? INVALID : d * 86400 + t;
    }

    /** yyyy-MM-dd HH:mm, the form reports and errors print times in. */
    static String format(long seconds) {
        java.time.LocalDateTime t = BarSeries.toTime(seconds);
        String minutes = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
        return t.getSecond() == 0 ? minutes : minutes + String.format(java.util.Locale.ROOT, ":%02d", t.getSecond());
    }

    private static boolean isDateSeparator(char c) {
        return c == '.' || c == '-' || c == '/';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long epochDay(int y, int m, int d) {
        if (y < 1970 || y > 2999 || m < 1 || m > 12 || d < 1) {
            return INVALID;
        }
        boolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int max = m == 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
        if (d > max) {
            return INVALID;
        }
        // days from civil (H. Hinnant), valid for the proleptic Gregorian calendar
        int yy = m <= 2 ? y - 1 : y;
        int era = yy / 400;
        int yoe = yy - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
