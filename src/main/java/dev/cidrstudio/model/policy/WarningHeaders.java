package dev.cidrstudio.model.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The warnings of one request as kube-apiserver's warning recorder sends them: duplicates dropped; once their
 * total passes 4096 characters (runes) every warning is cut to 256, and warnings that still do not fit are
 * dropped.
 */
final class WarningHeaders {

    static final int TOTAL_RUNES = 4 * 1024;
    static final int ITEM_RUNES = 256;

    private WarningHeaders() {
    }

    private static int runes(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String cut(String s) {
        return runes(s) <= ITEM_RUNES ? s : s.substring(0, s.offsetByCodePoints(0, ITEM_RUNES));
    }

    static List<String> of(List<String> warnings) {
        List<String> recorded = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        int written = 0;
        boolean truncating = false;
        for (String w : new LinkedHashSet<>(warnings)) {
            if (truncating && written >= TOTAL_RUNES) {
                break;
            }
            recorded.add(w);
            String text = truncating ? cut(w) : w;
            int length = runes(text);
            if (written + length <= TOTAL_RUNES || truncating) {
                written += length;
                sent.add(text);
                continue;
            }
            // Over the limit: replay everything so far, each cut to 256 runes.
            truncating = true;
            written = 0;
            sent.clear();
            for (String r : recorded) {
                String t = cut(r);
                written += runes(t);
                sent.add(t);
            }
        }
        return sent;
    }
}
