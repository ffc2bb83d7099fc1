package jetbrains.buildServer.users;

import jetbrains.buildServer.serverSide.auth.Permission;

public interface SUser {
  boolean isPermissionGrantedForProject(String projectId, Permission permission);
}
