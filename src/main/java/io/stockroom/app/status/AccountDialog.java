package io.stockroom.app.status;

import atlantafx.base.theme.Styles;
import io.stockroom.app.agent.SiteChoice;
import io.stockroom.app.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * Settings and sign-in: server URL (its problem shown right under it as it is typed), user,
 * password; Sign in (Alt+S, or Enter; Alt+R, Alt+U, Alt+P go to the fields); the site choice when
 * the user has several; Sign out. Binds only.
 */
final class AccountDialog extends Dialog<Void> {

  AccountDialog(AccountViewModel vm) {
    setTitle("Sync account");
    TextField url = new TextField();
    url.setId("serverUrlField");
    url.setPromptText("http://server:8080");
    url.textProperty().bindBidirectional(vm.serverUrlProperty());
    Label urlProblem = Ui.problemLine("serverUrlProblem", vm.serverUrlProblemProperty());
    urlProblem.getStyleClass().add(Styles.DANGER); // the dialog's scene has only the theme
    TextField user = new TextField();
    user.setId("userField");
    user.textProperty().bindBidirectional(vm.userProperty());
    PasswordField password = new PasswordField();
    password.setId("passwordField");
    password.textProperty().bindBidirectional(vm.passwordProperty());
    for (Node n : new Node[] {url, user, password}) {
      n.disableProperty().bind(Bindings.not(vm.editableProperty()));
    }

    Button signIn = new Button("_Sign in");
    signIn.setId("signInButton");
    signIn.disableProperty().bind(Bindings.not(vm.canSignInProperty()));
    signIn.defaultButtonProperty().bind(vm.choosingSiteProperty().not());
    signIn.setOnAction(e -> vm.signIn());
    Button signOut = new Button("Sign _out");
    signOut.setId("signOutButton");
    signOut.disableProperty().bind(vm.signedInProperty().not().or(vm.busyProperty()));
    signOut.setOnAction(e -> vm.signOut());

    ComboBox<SiteChoice> site = new ComboBox<>(vm.sites());
    site.setId("siteChoice");
    site.valueProperty().bindBidirectional(vm.selectedSiteProperty());
    Button useSite = new Button("Use _this site");
    useSite.setId("useSiteButton");
    useSite.disableProperty().bind(Bindings.not(vm.canUseSiteProperty()));
    useSite.defaultButtonProperty().bind(vm.choosingSiteProperty());
    useSite.setOnAction(e -> vm.useSite());
    Label siteLabel = label("_Warehouse", site);
    HBox siteRow = new HBox(8, site, useSite);
    for (Node n : new Node[] {siteLabel, siteRow, site, useSite}) {
      n.visibleProperty().bind(vm.choosingSiteProperty());
      n.managedProperty().bind(n.visibleProperty());
    }

    Label message = new Label();
    message.setId("accountMessage");
    message.textProperty().bind(vm.messageProperty());
    message.setWrapText(true);
    Label details = Ui.muted(Bindings.concat("Details: ", vm.detailsProperty()));
    details.setId("accountDetails");
    details.visibleProperty().bind(vm.detailsProperty().isNotEmpty());
    details.managedProperty().bind(details.visibleProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.setPadding(new Insets(12));
    grid.addRow(0, label("Server U_RL", url), url);
    grid.add(urlProblem, 1, 1);
    grid.addRow(2, label("_User", user), user);
    grid.addRow(3, label("_Password", password), password);
    grid.add(new HBox(8, signIn, signOut), 1, 4);
    grid.addRow(5, siteLabel, siteRow);
    grid.add(message, 0, 6, 2, 1);
    grid.add(details, 0, 7, 2, 1);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    getDialogPane().setMinWidth(480); // grows to its content: DialogSizing
    setOnHidden(e -> vm.dismissed());
  }

  private static Label label(String text, Node field) {
    Label l = new Label(text);
    l.setMnemonicParsing(true);
    l.setLabelFor(field);
    return l;
  }
}
