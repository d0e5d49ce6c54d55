package com.llmea.backtest.mt5;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table rows of a report HTML as the MetaTrader terminal saves it: UTF-16LE with a byte order
 * mark and CRLF line ends (UTF-16BE and UTF-8 are also accepted). Each {@code <tr>} becomes the list of
 * its {@code <td>}/{@code <th>} texts, tags stripped and entities decoded. A row runs to the next
 * {@code <tr>} or the end of its table, so a missing {@code </tr>} does no harm.
 */
final class HtmlRows {
    private HtmlRows() {
    }

    static List<List<String>> read(byte[] bytes) {
        return rows(decode(bytes));
    }

    /** Decodes by the byte order mark; without one, guesses UTF-16LE from a zero second byte. */
    static String decode(byte[] b) {
        int skip = 0;
        Charset cs;
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (b.length >= 2 && b[1] == 0 && b[0] != 0) {
            cs = StandardCharsets.UTF_16LE;
        } else {
            cs = StandardCharsets.UTF_8;
        }
        return new String(b, skip, b.length - skip, cs);
    }

    private static final Pattern ROW_START = Pattern.compile("<tr\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROW_END = Pattern.compile("<tr\\b|</table\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CELL = Pattern.compile("<t([dh])\\b[^>]*>(.*?)(?=</t[dh]\\s*>|<t[dh]\\b|$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern WS = Pattern.compile("\\s+");
    private static final Pattern NUM_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

    static List<List<String>> rows(String html) {
        List<List<String>> rows = new ArrayList<>();
        Matcher start = ROW_START.matcher(html);
        Matcher end = ROW_END.matcher(html);
        int from = 0;
        while (start.find(from)) {
            int bodyFrom = start.end();
            int bodyTo = end.find(bodyFrom) ? end.start() : html.length();
            rows.add(cells(html.substring(bodyFrom, bodyTo)));
            from = bodyTo;
        }
        return rows;
    }

    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        Matcher m = CELL.matcher(row);
        while (m.find()) {
            out.add(text(m.group(2)));
        }
        return out;
    }

    static String text(String html) {
        String t = TAG.matcher(html).replaceAll("");
        t = entities(t);
        return WS.matcher(t.replace('\u00A0', ' ')).replaceAll(" ").trim();
    }

    private static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = NUM_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(sb, Matcher.quoteReplacement(new String(Character.toChars(cp))));
        }
        m.appendTail(sb);
        return sb.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
