package dev.cidrstudio.ui.controls;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Label;

/**
 * Labels that name their fields. FXML resolves {@code labelFor="$field"} only for a field declared before the label,
 * so a label written first, as a form reads, is left naming nothing: its mnemonic moves no focus and a screen reader
 * hears a nameless field. Such a label names the control right after it in its row.
 */
public final class Labels {

    private Labels() {
    }

    /** Links every mnemonic label under {@code root} that names nothing to the control after it. */
    public static void linkToNextField(Parent root) {
        for (Node n : root.getChildrenUnmodifiable()) {
            if (n instanceof Label l && l.isMnemonicParsing() && l.getLabelFor() == null) {
                var siblings = root.getChildrenUnmodifiable();
                int i = siblings.indexOf(l);
                if (i + 1 < siblings.size() && siblings.get(i + 1) instanceof Control c && !(c instanceof Label)) {
                    l.setLabelFor(c);
                }
            }
            if (n instanceof Parent p && !(n instanceof Control)) {
                linkToNextField(p);
            } else if (n instanceof javafx.scene.control.TitledPane t && t.getContent() instanceof Parent p) {
                linkToNextField(p);
            } else if (n instanceof javafx.scene.control.ScrollPane s && s.getContent() instanceof Parent p) {
                linkToNextField(p);
            } else if (n instanceof javafx.scene.control.SplitPane s) {
                s.getItems().forEach(item -> {
                    if (item instanceof Parent p) {
                        linkToNextField(p);
                    }
                });
            }
        }
    }
}
