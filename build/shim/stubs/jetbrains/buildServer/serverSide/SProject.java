package jetbrains.buildServer.serverSide;

import org.jetbrains.annotations.NotNull;

/** Stand-in for compiling only (never packaged). */
public interface SProject {
  @NotNull
  String getExternalId();

  /** The internal id, which permission checks take. */
  @NotNull
  String getProjectId();
}
