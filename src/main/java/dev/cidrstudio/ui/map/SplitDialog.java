package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.app.map.PrefixSplit;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/** A prefix split into halves, quarters or /N, listed as a subnet calculator lists it, with allocations in each. */
public final class SplitDialog {

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final TableView<PrefixSplit.Subnet> table = new TableView<>();

    public SplitDialog(Window owner, MapSpace space, int prefix) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        List<PrefixSplit.Subnet> rows = PrefixSplit.split(space, prefix);
        dialog.setTitle("Split " + space.layout().cidr());
        dialog.setHeaderText(space.serviceCidr() + " " + space.layout().cidr() + " as " + rows.size() + " /"
                + prefix + " subnets, with the plan's allocated addresses in each");
        table.setId("splitTable");
        table.setItems(FXCollections.observableArrayList(rows));
        table.getColumns().add(column("Subnet", 190, PrefixSplit.Subnet::cidr));
        table.getColumns().add(column("First", 170, PrefixSplit.Subnet::first));
        table.getColumns().add(column("Last", 170, PrefixSplit.Subnet::last));
        table.getColumns().add(column("Addresses", 100, PrefixSplit.Subnet::size));
        table.getColumns().add(column("Allocated", 90, s -> String.format(java.util.Locale.ROOT, "%,d",
                s.allocated())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(30);
        double height = Math.min(440, 64 + 30.0 * rows.size());
        table.setPrefSize(760, height);
        table.setMinHeight(height);
        dialog.getDialogPane().setPrefWidth(800);
        dialog.getDialogPane().setMinWidth(800);
        dialog.getDialogPane().setContent(table);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setResizable(true);
        dialog.setOnShown(e -> dialog.getDialogPane().getScene().getWindow().sizeToScene());
    }

    private static TableColumn<PrefixSplit.Subnet, String> column(String title, double width,
            java.util.function.Function<PrefixSplit.Subnet, String> value) {
        return dev.cidrstudio.ui.controls.Tables.column(title, width, value);
    }

    /** A panel's Split button: halves, quarters, and each /N up to eight bits longer. */
    public static MenuButton button(MapSpace space, java.util.function.Supplier<Window> owner) {
        MenuButton b = new MenuButton("Split");
        b.setId("split-" + space.serviceCidr() + "-" + space.layout().cidr().family());
        b.setAccessibleText("Split " + space.layout().cidr() + " into subnets");
        b.getStyleClass().add("split-button");
        int base = space.layout().cidr().prefixLength();
        for (int p : PrefixSplit.choices(space)) {
            int n = p - base;
            String label = n == 1 ? "Halves (/" + p + ")" : n == 2 ? "Quarters (/" + p + ")"
                    : "/" + p + " (" + (1 << n) + " subnets)";
            MenuItem item = new MenuItem(label);
            item.setOnAction(e -> new SplitDialog(owner.get(), space, p).dialog().show());
            b.getItems().add(item);
        }
        b.setDisable(b.getItems().isEmpty());
        return b;
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }
}
