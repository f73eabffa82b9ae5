package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** kube-apiserver's warning recorder: de-duplication, then 256-rune items once the total passes 4096 runes. */
class WarningHeadersTest {

    @Test
    void shortWarningsPassUnchangedAndDuplicatesGo() {
        assertEquals(List.of("a", "b"), WarningHeaders.of(List.of("a", "b", "a")));
    }

    @Test
    void passingTheTotalCutsEveryWarningIncludingEarlierOnes() {
        String long1 = "x".repeat(3000);
        String long2 = "y".repeat(3000);
        List<String> out = WarningHeaders.of(List.of(long1, long2, "short"));
        assertEquals(List.of("x".repeat(256), "y".repeat(256), "short"), out);
    }

    @Test
    void onceTruncatingAndFullFurtherWarningsAreDropped() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(i + ":" + "z".repeat(300));
        }
        List<String> out = WarningHeaders.of(many);
        // 13 fit whole; the 14th passes 4096, so all 14 are replayed cut to 256 (3584 runes); two more cut items
        // reach 4096 exactly, and from then on the recorder drops what comes.
        assertEquals(16, out.size());
        assertTrue(out.stream().allMatch(w -> w.length() == 256));
    }

    @Property
    void neverMoreThanTheLimitPlusOneItemAndNeverLongerThanTheInput(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2000) Integer> lengths) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            in.add(i + "-" + "w".repeat(lengths.get(i)));
        }
        List<String> out = WarningHeaders.of(in);
        int total = out.stream().mapToInt(String::length).sum();
        int max = out.stream().mapToInt(String::length).max().orElse(0);
        assertTrue(total <= WarningHeaders.TOTAL_RUNES + Math.max(max, 0), "total " + total);
        for (int i = 0; i < out.size(); i++) {
            assertTrue(in.get(i).startsWith(out.get(i)), "a warning is the start of its original");
        }
    }
}
