package dev.cidrstudio.ui.controls;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

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
}
