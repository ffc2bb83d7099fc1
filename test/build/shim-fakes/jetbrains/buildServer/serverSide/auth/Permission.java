package jetbrains.buildServer.serverSide.auth;

public enum Permission {
  EDIT_PROJECT
}
