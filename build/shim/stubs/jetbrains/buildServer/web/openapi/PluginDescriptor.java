package jetbrains.buildServer.web.openapi;

import org.jetbrains.annotations.NotNull;

/** Stand-in for compiling only (never packaged): the two methods the shim calls. */
public interface PluginDescriptor {
  @NotNull
  String getPluginName();

  @NotNull
  String getPluginResourcesPath(@NotNull String relativePath);
}
