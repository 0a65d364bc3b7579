package io.stockroom.app.status;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** Settings and sign-in: server URL, user, password; sign in or out. Binds only. */
final class AccountDialog extends Dialog<Void> {

  AccountDialog(StatusBarViewModel vm) {
    setTitle("Sync account");
    TextField url = new TextField(vm.serverUrl());
    url.setId("serverUrlField");
    url.setPromptText("http://server:8080");
    TextField user = new TextField(vm.userName());
    user.setId("userField");
    PasswordField password = new PasswordField();
    password.setId("passwordField");
    Label message = new Label();
    message.setId("accountMessage");
    message.textProperty().bind(vm.accountMessageProperty());
    message.setWrapText(true);
    Button signIn = new Button("Sign in");
    signIn.setId("signInButton");
    signIn.setDefaultButton(true);
    signIn.setOnAction(e -> vm.signIn(url.getText(), user.getText(), password.getText()));
    Button signOut = new Button("Sign out");
    signOut.setId("signOutButton");
    signOut.disableProperty().bind(vm.signedInProperty().not());
    signOut.setOnAction(e -> vm.signOut());
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.setPadding(new Insets(12));
    grid.addRow(0, new Label("Server URL"), url);
    grid.addRow(1, new Label("User"), user);
    grid.addRow(2, new Label("Password"), password);
    grid.add(new HBox(8, signIn, signOut), 1, 3);
    grid.add(message, 0, 4, 2, 1);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    getDialogPane().setPrefWidth(460);
  }
}
