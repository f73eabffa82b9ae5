package dev.cidrstudio.ui.navigator;

import java.util.HashMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;

/** Code-behind of {@code NavigatorView.fxml}: the tree of the plan's objects and the inspector below it. */
public final class NavigatorView {

    @FXML
    private TreeView<NavigatorViewModel.Node> tree;
    @FXML
    private Label title;
    @FXML
    private TextArea inspector;
    @FXML
    private Button editButton;
    @FXML
    private Button applyButton;
    @FXML
    private Button cancelButton;
    @FXML
    private Label editMessage;

    @FXML
    private javafx.scene.layout.StackPane editBox;

    private NavigatorViewModel vm;
    private final Map<NavigatorViewModel.Ref, TreeItem<NavigatorViewModel.Node>> index = new HashMap<>();
    private boolean syncing;

    /** Moves the keyboard focus to the tree of the plan's objects. */
    public void focus() {
        tree.requestFocus();
        if (tree.getSelectionModel().isEmpty() && tree.getExpandedItemCount() > 0) {
            tree.getFocusModel().focus(0);
        }
    }

    public void bind(NavigatorViewModel viewModel) {
        this.vm = viewModel;
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(NavigatorViewModel.Node item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        title.textProperty().bind(vm.inspectorTitleProperty());
        inspector.textProperty().bind(vm.inspectorProperty());
        editMessage.textProperty().bind(vm.editMessageProperty());
        editMessage.visibleProperty().bind(vm.editMessageProperty().isNotEmpty());
        editMessage.managedProperty().bind(editMessage.visibleProperty());
        for (Button b : new Button[] {applyButton, cancelButton}) {
            b.visibleProperty().bind(vm.editingProperty());
            b.managedProperty().bind(vm.editingProperty());
        }
        editButton.visibleProperty().bind(vm.editingProperty().not());
        editButton.managedProperty().bind(editButton.visibleProperty());
        editButton.disableProperty().bind(vm.canEditProperty().not());
        // A disabled button shows no tooltip: its box carries it too, so the reason shows where the pointer is.
        Tooltip why = new Tooltip();
        why.textProperty().bind(vm.editHintProperty());
        editButton.setTooltip(why);
        Tooltip.install(editBox, why);
        editButton.accessibleHelpProperty().bind(vm.editHintProperty());
        vm.editingProperty().addListener((o, a, b) -> {
            if (b) {
                inspector.textProperty().unbind();
                inspector.textProperty().bindBidirectional(vm.draftProperty());
                inspector.setEditable(true);
                inspector.requestFocus();
            } else {
                inspector.textProperty().unbindBidirectional(vm.draftProperty());
                inspector.textProperty().bind(vm.inspectorProperty());
                inspector.setEditable(false);
            }
        });
        vm.treeProperty().addListener((o, a, b) -> rebuild(b));
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && b.getValue().ref() != null) {
                vm.selectedProperty().set(b.getValue().ref());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> reveal(b));
        tree.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelected();
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            }
        });
        rebuild(vm.treeProperty().get());
    }

    @FXML
    void onEdit() {
        vm.startEdit();
    }

    @FXML
    void onApply() {
        vm.applyEdit();
    }

    @FXML
    void onCancel() {
        vm.cancelEdit();
    }

    private void openSelected() {
        TreeItem<NavigatorViewModel.Node> item = tree.getSelectionModel().getSelectedItem();
        if (item != null) {
            vm.open(item.getValue().ref());
        }
    }

    private void rebuild(NavigatorViewModel.Node root) {
        Map<String, Boolean> expanded = new HashMap<>();
        if (tree.getRoot() != null) {
            for (TreeItem<NavigatorViewModel.Node> g : tree.getRoot().getChildren()) {
                expanded.put(groupKey(g), g.isExpanded());
                for (TreeItem<NavigatorViewModel.Node> sub : g.getChildren()) {
                    expanded.put(groupKey(sub), sub.isExpanded());
                }
            }
        }
        index.clear();
        if (root == null) {
            tree.setRoot(null);
            return;
        }
        TreeItem<NavigatorViewModel.Node> item = build(root, expanded);
        item.setExpanded(true);
        syncing = true;
        tree.setRoot(item);
        syncing = false;
        reveal(vm.selectedProperty().get());
    }

    /** A group's label without its count, so it stays open when the count changes. */
    private static String groupKey(TreeItem<NavigatorViewModel.Node> item) {
        return item.getValue().label().replaceAll(" \\(\\d+\\)$", "");
    }

    private TreeItem<NavigatorViewModel.Node> build(NavigatorViewModel.Node node, Map<String, Boolean> expanded) {
        TreeItem<NavigatorViewModel.Node> item = new TreeItem<>(node);
        if (node.ref() != null) {
            index.put(node.ref(), item);
        }
        for (NavigatorViewModel.Node child : node.children()) {
            item.getChildren().add(build(child, expanded));
        }
        if (node.ref() == null) {
            item.setExpanded(expanded.getOrDefault(groupKey(item), node.label().startsWith("ServiceCIDRs")));
        }
        return item;
    }

    private void reveal(NavigatorViewModel.Ref ref) {
        TreeItem<NavigatorViewModel.Node> item = ref == null ? null : index.get(ref);
        syncing = true;
        if (item == null) {
            tree.getSelectionModel().clearSelection();
        } else {
            for (TreeItem<NavigatorViewModel.Node> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(item);
            int row = tree.getRow(item);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        }
        syncing = false;
    }
}
