package com.llmea.data;

import java.util.Locale;

/** Finds columns in a header by name, however the exporter decorated it ({@code <TICKVOL>}, {@code tick_volume}). */
final class Columns {
    private Columns() {
    }

    /** Lower case without {@code <>}, quotes, spaces or underscores: {@code <TICKVOL>} and {@code tick_volume} → tickvol(ume). */
    static String normal(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '<' && c != '>' && c != '_' && c != ' ' && c != '"' && c != '\uFEFF') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** The header's column names as written (for error messages). */
    static String[] names(Fields header) {
        String[] names = new String[header.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = header.text(i);
        }
        return names;
    }

    /** Index of the first column whose normalised name is one of {@code aliases}, or -1. */
    static int find(Fields header, String... aliases) {
        for (int i = 0; i < header.size(); i++) {
            String n = normal(header.text(i));
            for (String a : aliases) {
                if (n.equals(a)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Like {@link #find} but a missing column is an error naming it as the format spells it. */
    static int require(Fields header, String spelled, String... aliases) throws BadDataException {
        int i = find(header, aliases);
        if (i < 0) {
            throw header.error(spelled, "column missing from the header '" + String.join(" ", names(header)) + "'");
        }
        return i;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
