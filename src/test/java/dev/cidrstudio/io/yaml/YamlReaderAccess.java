package dev.cidrstudio.io.yaml;

import java.util.List;

/** Test access to the two YAML readers. */
public final class YamlReaderAccess {

    private YamlReaderAccess() {
    }

    public static List<PNode> full(String text) throws YamlFormatException {
        return new YamlReader().readFully("t", text).stream().map(YamlReader.Document::root).toList();
    }

    public static List<PNode> fastOrNull(String text) {
        try {
            return FastYaml.read(text, YamlLimits.DEFAULT).stream().map(YamlReader.Document::root).toList();
        } catch (FastYaml.Unsupported e) {
            return null;
        }
    }
}
