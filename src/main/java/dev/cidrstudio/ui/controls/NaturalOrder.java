package dev.cidrstudio.ui.controls;

import java.util.Comparator;

/**
 * Text in the order people expect: runs of digits compare as numbers, so {@code s2} comes before {@code s10} and
 * {@code 10.96.1.9} before {@code 10.96.1.10}; letters compare ignoring case first.
 */
public final class NaturalOrder implements Comparator<String> {

    public static final Comparator<String> INSTANCE = Comparator.nullsFirst(new NaturalOrder());

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int c = compareNumbers(a, i, endA, b, j, endB);
                if (c != 0) {
                    return c;
                }
                i = endA;
                j = endB;
                continue;
            }
            int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
            if (c != 0) {
                return c;
            }
            i++;
            j++;
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /** Two runs of digits as numbers of any length: leading zeros skipped, then the longer is larger. */
    private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA - 1 && a.charAt(i) == '0') {
            i++;
        }
        while (j < endB - 1 && b.charAt(j) == '0') {
            j++;
        }
        int c = Integer.compare(endA - i, endB - j);
        if (c != 0) {
            return c;
        }
        for (; i < endA; i++, j++) {
            c = Character.compare(a.charAt(i), b.charAt(j));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
