package jetbrains.buildServer.users;

import jetbrains.buildServer.serverSide.auth.Permission;
import org.jetbrains.annotations.NotNull;

/** Stand-in for compiling only (never packaged): the one check the shim makes (inherited from AuthorityHolder in TeamCity). */
public interface SUser {
  boolean isPermissionGrantedForProject(@NotNull String projectId, @NotNull Permission permission);
}
