package jetbrains.buildServer.serverSide.auth;

/** Stand-in for compiling only (never packaged): the permission the tab requires. */
public enum Permission {
  EDIT_PROJECT
}
