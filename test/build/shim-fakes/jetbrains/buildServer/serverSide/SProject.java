package jetbrains.buildServer.serverSide;

public interface SProject {
  String getExternalId();

  String getProjectId();
}
