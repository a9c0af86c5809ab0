package org.hilbridge.hil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggests the known key an unknown one was probably meant to be, by edit distance: optimal string alignment
 * (Levenshtein plus adjacent transposition; Damerau, CACM 7(3), 1964), so "vehicel" is one edit from "vehicle".
 */
final class KeySuggestions {
    private static final Pattern INDEXED = Pattern.compile("(.*)\\(([0-9]+)\\)");

    private final List<String> patterns;
    private final List<String> foreignPatterns;
    private final String foreignNote;

    /**
     * @param patterns        the schema's leaf patterns
     * @param foreignPatterns leaf patterns of the other namespace: an exact one is pointed out, a close one suggested
     * @param foreignNote     what to say about such a key, e.g. "it is a bridge configuration key"
     */
    KeySuggestions(List<String> patterns, List<String> foreignPatterns, String foreignNote) {
        this.patterns = List.copyOf(patterns);
        this.foreignPatterns = List.copyOf(foreignPatterns);
        this.foreignNote = foreignNote;
    }

    /** A hint to append to "unknown key 'k'": " (did you mean 'x'?)", the foreign note, or "" when nothing is close. */
    String hint(String unknownKey) {
        String[] user = unknownKey.split("\\.", -1);
        String plain = plain(user);
        for (String p : foreignPatterns) {
            if (plain(render(p, user)).equals(plain)) {
                return " (" + foreignNote + ")";
            }
        }
        int limit = StrictMath.max(1, StrictMath.min(3, plain.length() / 4));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> all = new ArrayList<>(patterns);
        all.addAll(foreignPatterns);
        for (String p : all) {
            String[] candidate = render(p, user);
            int d = distance(plain, plain(candidate));
            if (d < bestDistance) {
                bestDistance = d;
                best = String.join(".", candidate);
            }
        }
        return best != null && bestDistance <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    /** The pattern as a key shaped like the user's: '*' takes the user's name, a list takes the user's index (else 0). */
    private static String[] render(String pattern, String[] user) {
        String[] parts = pattern.split("\\.");
        String[] out = new String[parts.length];
        for (int k = 0; k < parts.length; k++) {
            boolean list = parts[k].endsWith("[]");
            String name = list ? parts[k].substring(0, parts[k].length() - 2) : parts[k];
            String userName = k < user.length ? stripIndex(user[k]) : null;
            if (name.equals("*")) {
                name = userName != null ? userName : "<name>";
            }
            out[k] = list ? name + "(" + (k < user.length ? index(user[k]) : 0) + ")" : name;
        }
        return out;
    }

    private static String plain(String[] segments) {
        List<String> names = new ArrayList<>();
        for (String s : segments) {
            names.add(stripIndex(s));
        }
        return String.join(".", names);
    }

    private static String stripIndex(String segment) {
        Matcher m = INDEXED.matcher(segment);
        return m.matches() ? m.group(1) : segment;
    }

    private static int index(String segment) {
        Matcher m = INDEXED.matcher(segment);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = StrictMath.min(StrictMath.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = StrictMath.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
