package dev.cidrstudio.ui.services;

import dev.cidrstudio.ui.controls.Tables;

import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;

/** Code-behind of {@code ServicesView.fxml}: sortable, filtered tables and the create/delete actions. */
public final class ServicesView {

    @FXML
    private TextField filter;
    @FXML
    private Label counts;
    @FXML
    private ComboBox<String> newNamespace;
    @FXML
    private TextField newName;
    @FXML
    private ChoiceBox<String> newPolicy;
    @FXML
    private ChoiceBox<IpFamily> newFamily;
    @FXML
    private Spinner<Integer> newCount;
    @FXML
    private Button showService;
    @FXML
    private Button deleteServices;
    @FXML
    private TableView<ServicesViewModel.ServiceRow> serviceTable;
    @FXML
    private TableColumn<ServicesViewModel.ServiceRow, String> sNamespace;
    @FXML
    private TableColumn<ServicesViewModel.ServiceRow, String> sName;
    @FXML
    private TableColumn<ServicesViewModel.ServiceRow, String> sType;
    @FXML
    private TableColumn<ServicesViewModel.ServiceRow, String> sIps;
    @FXML
    private TableColumn<ServicesViewModel.ServiceRow, String> sFamilies;
    @FXML
    private TableColumn<ServicesViewModel.ServiceRow, String> sPorts;
    @FXML
    private Button showAddress;
    @FXML
    private TableView<ServicesViewModel.AddressRow> addressTable;
    @FXML
    private TableColumn<ServicesViewModel.AddressRow, String> aIp;
    @FXML
    private TableColumn<ServicesViewModel.AddressRow, String> aFamily;
    @FXML
    private TableColumn<ServicesViewModel.AddressRow, String> aParent;
    @FXML
    private TableColumn<ServicesViewModel.AddressRow, String> aManaged;
    @FXML
    private Label message;

    @FXML
    private javafx.scene.layout.FlowPane newServicesForm;

    private ServicesViewModel vm;

    private static <R> void column(TableColumn<R, String> c, Function<R, String> f) {
        Tables.bind(c, f);
    }

    public void bind(ServicesViewModel viewModel, ObservableList<String> namespaces) {
        this.vm = viewModel;
        filter.textProperty().bindBidirectional(vm.filterProperty());
        counts.textProperty().bind(vm.countsProperty());
        serviceTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        column(sNamespace, ServicesViewModel.ServiceRow::namespace);
        column(sName, ServicesViewModel.ServiceRow::name);
        column(sType, ServicesViewModel.ServiceRow::type);
        column(sIps, ServicesViewModel.ServiceRow::clusterIps);
        sIps.setComparator(ServicesView::compareIps);
        column(sFamilies, ServicesViewModel.ServiceRow::families);
        column(sPorts, ServicesViewModel.ServiceRow::ports);
        column(aIp, ServicesViewModel.AddressRow::ip);
        aIp.setComparator(ServicesView::compareIps);
        column(aFamily, ServicesViewModel.AddressRow::family);
        column(aParent, ServicesViewModel.AddressRow::parent);
        column(aManaged, ServicesViewModel.AddressRow::managedBy);
        // Each field of the form is named by the label before it (mnemonics and screen readers use it).
        for (javafx.scene.Node n : newServicesForm.getChildren()) {
            if (n instanceof HBox row && row.getChildren().size() == 2
                    && row.getChildren().get(0) instanceof javafx.scene.control.Label l) {
                l.setLabelFor(row.getChildren().get(1));
            }
        }
        Tables.sorted(serviceTable, vm.services(), sNamespace, sName);
        Tables.sorted(addressTable, vm.addresses(), aIp);
        Tables.fitColumns(serviceTable);
        Tables.fitColumns(addressTable);
        showService.disableProperty().bind(serviceTable.getSelectionModel().selectedItemProperty().isNull());
        deleteServices.disableProperty().bind(serviceTable.getSelectionModel().selectedItemProperty().isNull());
        showAddress.disableProperty().bind(addressTable.getSelectionModel().selectedItemProperty().isNull());
        serviceTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                onDelete();
            } else if (e.getCode() == KeyCode.ENTER) {
                onShowService();
            }
        });
        serviceTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onShowService();
            }
        });
        addressTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onShowAddress();
            }
        });
        newNamespace.setItems(namespaces);
        newNamespace.setValue("default");
        newName.setText("web");
        newPolicy.getItems().setAll(dev.cidrstudio.model.service.ServiceIpFamilies.POLICIES);
        newPolicy.setValue("SingleStack");
        newFamily.getItems().setAll(IpFamily.values());
        newFamily.setValue(IpFamily.IPv4);
        newFamily.disableProperty().bind(newPolicy.valueProperty().isNotEqualTo("SingleStack"));
        newCount.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 100_000, 1));
        message.textProperty().bind(vm.messageProperty());
    }

    /** IP addresses sort numerically (10.96.0.10 after 10.96.0.9), IPv4 before IPv6. */
    static int compareIps(String a, String b) {
        var x = IpParsing.parseIpSloppy(a.split(",\\s*")[0]);
        var y = IpParsing.parseIpSloppy(b.split(",\\s*")[0]);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return x.isPresent() ? -1 : y.isPresent() ? 1 : a.compareTo(b);
    }

    /** Puts the cursor in the Find box (Edit > Find). */
    public void focusFind() {
        filter.requestFocus();
        filter.selectAll();
    }

    @FXML
    void onCreate() {
        vm.create(newNamespace.getValue(), newName.getText(), newPolicy.getValue(), newFamily.getValue(),
                newCount.getValue());
    }

    @FXML
    void onDelete() {
        vm.delete(List.copyOf(serviceTable.getSelectionModel().getSelectedItems()));
    }

    @FXML
    void onShowService() {
        vm.showOnMap(serviceTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    void onShowAddress() {
        vm.showOnMap(addressTable.getSelectionModel().getSelectedItem());
    }
}
