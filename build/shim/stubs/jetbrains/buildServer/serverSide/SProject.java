package jetbrains.buildServer.serverSide;

import org.jetbrains.annotations.NotNull;

/** Stand-in for compiling only (never packaged). */
public interface SProject {
  @NotNull
  String getExternalId();
}
