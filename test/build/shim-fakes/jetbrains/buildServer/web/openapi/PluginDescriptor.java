package jetbrains.buildServer.web.openapi;

public interface PluginDescriptor {
  String getPluginName();

  String getPluginResourcesPath(String relativePath);
}
