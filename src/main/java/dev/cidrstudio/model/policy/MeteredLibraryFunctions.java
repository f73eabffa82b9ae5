package dev.cidrstudio.model.policy;

import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The extension functions whose result size an argument chooses, in place of cel-java's own: each checks the size
 * against the evaluation's remaining cost ({@link EvaluationCost}) before it allocates anything, so
 * {@code lists.range(2000000000)} or a replacement that multiplies a string is cancelled at the cost limit instead of
 * exhausting memory. Their results are cel-go's ({@code ext.Lists} range, Go's {@code strings.Replace}).
 */
final class MeteredLibraryFunctions {

    private MeteredLibraryFunctions() {
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("lists_range", Long.class, MeteredLibraryFunctions::range),
                CelFunctionBinding.from("string_replace_string_string", List.of(String.class, String.class,
                        String.class), a -> replace((String) a[0], (String) a[1], (String) a[2], -1)),
                CelFunctionBinding.from("string_replace_string_string_int", List.of(String.class, String.class,
                        String.class, Long.class), a -> replace((String) a[0], (String) a[1], (String) a[2],
                                (Long) a[3])));
    }

    /** {@code lists.range(n)}: 0..n-1, one unit of cost per element, charged before the list is built. */
    static List<Long> range(long n) {
        long size = Math.max(0, n);
        EvaluationCost.current().charge(size);
        List<Long> out = new ArrayList<>((int) Math.min(size, Integer.MAX_VALUE - 8));
        for (long i = 0; i < size; i++) {
            out.add(i);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Go's {@code strings.Replace(s, old, new, n)}: at most n replacements (all when n < 0); an empty {@code old}
     * matches before each character and at the end. The result's size is checked against the cost left first.
     */
    static String replace(String s, String old, String replacement, long n) {
        if (old.equals(replacement) || n == 0) {
            return s;
        }
        long matches = old.isEmpty() ? s.codePointCount(0, s.length()) + 1L : count(s, old);
        long replaced = n < 0 || n > matches ? matches : n;
        long size = s.length() + replaced * ((long) replacement.length() - old.length());
        // The size is charged (one per ten characters) when the call's result is; it must fit the budget first.
        EvaluationCost.current().ensureRoom(size / 10);
        if (size > Integer.MAX_VALUE - 8) {
            throw new EvaluationCost.Exceeded();
        }
        StringBuilder out = new StringBuilder((int) size);
        int from = 0;
        for (long done = 0; done < replaced; done++) {
            if (old.isEmpty()) {
                out.append(replacement);
                if (from < s.length()) {
                    int next = s.offsetByCodePoints(from, 1);
                    out.append(s, from, next);
                    from = next;
                }
            } else {
                int at = s.indexOf(old, from);
                out.append(s, from, at).append(replacement);
                from = at + old.length();
            }
        }
        return out.append(s, from, s.length()).toString();
    }

    private static long count(String s, String sub) {
        long c = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            c++;
        }
        return c;
    }
}
