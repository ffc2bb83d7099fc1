package jetbrains.buildServer.controllers.admin.projects;

import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.serverSide.SProject;
import jetbrains.buildServer.web.openapi.PagePlaces;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Stand-in for compiling only (never packaged): the signatures TeamCity's own class has. */
public class EditProjectTab {
  public EditProjectTab(@NotNull PagePlaces pagePlaces, @NotNull String pluginName, @NotNull String includeUrl, @NotNull String title) {
    throw new UnsupportedOperationException("stand-in");
  }

  public void fillModel(@NotNull Map<String, Object> model, @NotNull HttpServletRequest request) {
    throw new UnsupportedOperationException("stand-in");
  }

  public boolean isAvailable(@NotNull HttpServletRequest request) {
    throw new UnsupportedOperationException("stand-in");
  }

  @NotNull
  public String getTabTitle(@NotNull HttpServletRequest request) {
    throw new UnsupportedOperationException("stand-in");
  }

  @Nullable
  public SProject getProject(@NotNull HttpServletRequest request) {
    throw new UnsupportedOperationException("stand-in");
  }
}
