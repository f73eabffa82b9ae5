package dev.cidrstudio.ui.overview;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Code-behind of {@code OverviewView.fxml}: binds the controls to the view-model, nothing more. */
public final class OverviewView {

    @FXML
    private Label planName;
    @FXML
    private Label summary;
    @FXML
    private TableView<OverviewViewModel.CidrRow> cidrTable;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrName;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrCidr;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrStatus;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrTotal;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrUsable;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrAllocated;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrFree;
    @FXML
    private TableColumn<OverviewViewModel.CidrRow, String> cidrUsed;
    @FXML
    private javafx.scene.control.Label capacityWarning;
    @FXML
    private TableView<OverviewViewModel.ServiceRow> serviceTable;
    @FXML
    private TableColumn<OverviewViewModel.ServiceRow, String> svcNamespace;
    @FXML
    private TableColumn<OverviewViewModel.ServiceRow, String> svcName;
    @FXML
    private TableColumn<OverviewViewModel.ServiceRow, String> svcType;
    @FXML
    private TableColumn<OverviewViewModel.ServiceRow, String> svcIps;
    @FXML
    private TableColumn<OverviewViewModel.ServiceRow, String> svcFamilies;
    @FXML
    private TableColumn<OverviewViewModel.ServiceRow, String> svcPorts;

    public void bind(OverviewViewModel vm) {
        planName.textProperty().bind(vm.planNameProperty());
        summary.textProperty().bind(vm.summaryProperty());
        cidrTable.setItems(vm.cidrs());
        cidrName.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().serviceCidr()));
        cidrCidr.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cidr()));
        cidrStatus.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        cidrTotal.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().total()));
        cidrUsable.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().usable()));
        cidrAllocated.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().allocated()));
        cidrFree.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().free()));
        cidrUsed.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().used()));
        capacityWarning.textProperty().bind(vm.capacityWarningProperty());
        capacityWarning.visibleProperty().bind(vm.capacityWarningProperty().isNotEmpty());
        capacityWarning.managedProperty().bind(capacityWarning.visibleProperty());
        svcNamespace.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().namespace()));
        svcName.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        svcType.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        svcIps.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().clusterIps()));
        svcFamilies.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().families()));
        svcPorts.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().ports()));
        dev.cidrstudio.ui.controls.Tables.wrap(svcIps);
        dev.cidrstudio.ui.controls.Tables.wrap(svcPorts);
        dev.cidrstudio.ui.controls.Tables.wrap(svcFamilies);
        dev.cidrstudio.ui.controls.Tables.sorted(serviceTable, vm.services(), svcNamespace, svcName);
        dev.cidrstudio.ui.controls.Tables.fitColumns(serviceTable);
        dev.cidrstudio.ui.controls.Tables.fitColumns(cidrTable);
    }
}
