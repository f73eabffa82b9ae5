package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** Any title or legend text leaves a well-formed SVG that shows it as text. */
class MapExportEscapingTest {

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "]]><x/>", "a & b \"q\" 'a'", "bell\u0007 nul\u0000 esc\u001b",
        "lone \ud800 surrogate", "emoji \ud83d\ude00 ok"})
    void hostileTextStaysText(String text) throws Exception {
        String svg = MapExport.svg(List.of(new MapExport.Panel(text, new int[] {0xff000000}, 1, 1)),
                List.of(new MapExport.LegendEntry(0xffffffff, text, null)), 0xffffffff);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        var texts = doc.getElementsByTagName("text");
        assertEquals(2, texts.getLength(), svg);
        String shown = text.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "\uFFFD")
                .replaceAll("\ud800(?![\udc00-\udfff])", "\uFFFD");
        for (int i = 0; i < texts.getLength(); i++) {
            assertEquals(shown, texts.item(i).getTextContent());
        }
        assertEquals(0, doc.getElementsByTagName("script").getLength());
    }
}
