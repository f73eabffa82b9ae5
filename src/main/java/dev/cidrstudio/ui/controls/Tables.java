package dev.cidrstudio.ui.controls;

import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

/** Text columns of the views' tables: a row's value, computed when the cell shows. */
public final class Tables {

    private Tables() {
    }

    /** Makes {@code c} show {@code value} of each row. */
    public static <R> void bind(TableColumn<R, String> c, Function<R, String> value) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    /** A new column titled {@code title}, {@code width} wide, showing {@code value} of each row. */
    public static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        bind(c, value);
        return c;
    }

    /**
     * Makes {@code c}'s cells wrap their text at the column's width, so a long value makes its row taller instead of
     * ending in an ellipsis.
     */
    public static <R> void wrap(TableColumn<R, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            {
                setWrapText(true);
                setMinHeight(USE_PREF_SIZE);
                prefWidthProperty().bind(col.widthProperty());
            }

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
            }
        });
    }

    /**
     * Shows {@code items} sorted as the user clicks the headers, in {@link NaturalOrder} for text (s2 before s10,
     * 10.96.1.9 before 10.96.1.10), and sorted by {@code by} before any click. The view model's list is left in its
     * order.
     */
    @SafeVarargs
    public static <R> void sorted(TableView<R> t, ObservableList<R> items, TableColumn<R, ?>... by) {
        for (TableColumn<R, ?> c : t.getColumns()) {
            if (c.getComparator() == TableColumn.DEFAULT_COMPARATOR) {
                c.setComparator((a, b) -> NaturalOrder.INSTANCE.compare(a == null ? null : a.toString(),
                        b == null ? null : b.toString()));
            }
        }
        SortedList<R> sorted = new SortedList<>(items);
        sorted.comparatorProperty().bind(t.comparatorProperty());
        t.setItems(sorted);
        t.getSortOrder().setAll(List.of(by));
    }

    /** Rows measured for column widths: enough to see the long values, bounded for big plans. */
    static final int MEASURED_ROWS = 500;
    /** A cell's padding and a header's sort arrow, beside the text itself. */
    static final double CELL_PADDING = 26;

    /**
     * Sizes the columns to what they hold: each column gets the width of its longest value (of the first
     * {@link #MEASURED_ROWS} rows) or of its title, so no name ends in an ellipsis while another column has room; a
     * column is never narrower than its longest word, so a wrapping cell breaks between values, not inside one.
     * When everything does not fit, the widest columns give up the room, in proportion.
     */
    public static <R> void fitColumns(TableView<R> t) {
        Runnable fit = () -> Platform.runLater(() -> fitNow(t));
        t.getItems().addListener((javafx.collections.ListChangeListener<R>) c -> fit.run());
        t.itemsProperty().addListener((o, a, b) -> {
            b.addListener((javafx.collections.ListChangeListener<R>) c -> fit.run());
            fit.run();
        });
        t.widthProperty().addListener((o, a, b) -> fit.run());
        t.sceneProperty().addListener((o, a, b) -> fit.run());
        fit.run();
    }

    static <R> void fitNow(TableView<R> t) {
        List<TableColumn<R, ?>> columns = t.getVisibleLeafColumns();
        if (columns.isEmpty()) {
            return;
        }
        Text probe = new Text();
        probe.setFont(font(t));
        int rows = Math.min(MEASURED_ROWS, t.getItems().size());
        double[] want = new double[columns.size()];
        double[] least = new double[columns.size()];
        double total = 0;
        for (int k = 0; k < columns.size(); k++) {
            TableColumn<R, ?> c = columns.get(k);
            double w = width(probe, c.getText());
            double word = w;
            for (int r = 0; r < rows; r++) {
                Object v = c.getCellData(r);
                String text = v == null ? "" : v.toString();
                w = Math.max(w, width(probe, text));
                for (String part : text.split("[ \n]+")) {
                    word = Math.max(word, width(probe, part));
                }
            }
            want[k] = Math.ceil(w + CELL_PADDING);
            least[k] = Math.ceil(Math.min(word, w) + CELL_PADDING);
            total += want[k];
        }
        double room = t.getWidth() - 18;
        if (room <= 0) {
            return;
        }
        if (total > room) {
            double spare = 0;
            for (int k = 0; k < want.length; k++) {
                spare += want[k] - least[k];
            }
            double over = total - room;
            for (int k = 0; k < want.length; k++) {
                want[k] = spare <= 0 ? least[k] : want[k] - Math.min(over, spare) * (want[k] - least[k]) / spare;
            }
        }
        for (int k = 0; k < columns.size(); k++) {
            columns.get(k).setMinWidth(least[k]);
            columns.get(k).setPrefWidth(want[k]);
        }
    }

    /** The font the table's cells are drawn in, once its skin is there; the default font until then. */
    private static javafx.scene.text.Font font(TableView<?> t) {
        for (String selector : List.of(".table-row-cell .table-cell", ".column-header .label")) {
            if (t.lookup(selector) instanceof javafx.scene.control.Labeled l) {
                return l.getFont();
            }
        }
        return javafx.scene.text.Font.getDefault();
    }

    private static double width(Text probe, String s) {
        probe.setText(s);
        return probe.getLayoutBounds().getWidth();
    }
}
